import Output
import Testing

@Suite("The HTML page shell")
struct HTMLPageTests {
    @Test func sha256MatchesKnownDigests() {
        // SHA-256("") and SHA-256("abc"), base64 as in a CSP source.
        #expect(HTMLPage.hashSource("") == "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='")
        #expect(HTMLPage.hashSource("abc") == "'sha256-ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0='")
        let long = String(repeating: "a", count: 1_000)
        #expect(HTMLPage.hashSource(long) == "'sha256-Qe3s5C1j6Nm/UVqbppMuHCDLyfWl0TRkWttdsblzfqM='")
    }

    @Test func policyAdmitsOnlyThePagesOwnStyleAndScript() {
        let page = HTMLPage(title: "<x>", style: "body{}", body: "<p>hi</p>", script: "1+1")
        let html = page.render()
        #expect(html.contains("<title>&lt;x&gt;</title>"))
        #expect(page.contentSecurityPolicy.hasPrefix("default-src 'none'; style-src 'sha256-"))
        #expect(page.contentSecurityPolicy.contains("script-src 'sha256-"))
        #expect(!page.contentSecurityPolicy.contains("unsafe-inline"))
        #expect(html.contains("<script>1+1</script>"))
        #expect(!HTMLPage(title: "t", style: "", body: "").contentSecurityPolicy.contains("script-src"))
    }
}
