import Output
import Testing

@Suite("Escaping untrusted text")
struct EscapeTests {
    static let reproducer = #"T0800"><img src=x onerror="with(document)with(body)setAttribute('x',1)">"#

    @Test func htmlEscapesEveryMarkupCharacter() {
        let out = Escape.html(Self.reproducer)
        #expect(!out.contains("<") && !out.contains(">") && !out.contains("\"") && !out.contains("'"))
        #expect(out.hasPrefix("T0800&quot;&gt;&lt;img"))
        #expect(Escape.html("a & b") == "a &amp; b")
        #expect(Escape.html("plain") == "plain")
    }

    @Test func htmlDropsControlCharactersButKeepsLineBreaks() {
        #expect(Escape.html("a\u{0}b\u{1B}c\u{85}d\ne") == "abcd\ne")
        #expect(Escape.htmlAttribute("line1\nline2") == "line1&#10;line2")
    }

    @Test func xmlDropsCharactersXMLForbids() {
        #expect(Escape.xml("a\u{1}b\u{FFFE}c\td") == "abc d")
        #expect(Escape.xml("<svg onload='x'>") == "&lt;svg onload=&#39;x&#39;&gt;")
    }

    @Test(arguments: ["javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
                      "data:text/html,<script>", "vbscript:x", "//evil.example/x", "/relative", "https:", "\u{1}javascript:x"])
    func unsafeURLsAreRefused(url: String) {
        #expect(Escape.safeURL(url) == nil)
    }

    @Test func webAndMailURLsAreKept() {
        #expect(Escape.safeURL("https://attack.mitre.org/techniques/T1059/") == "https://attack.mitre.org/techniques/T1059/")
        #expect(Escape.safeURL(" HTTP://example.com ") == "HTTP://example.com")
        #expect(Escape.safeURL("mailto:soc@example.com") == "mailto:soc@example.com")
    }

    @Test func markdownMakesMarkupInert() {
        #expect(Escape.markdown("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;")
        #expect(Escape.markdown("*a* _b_ [c](d) `e` | ~f~") == #"\*a\* \_b\_ \[c\](d) \`e\` \| \~f\~"#)
        #expect(Escape.markdown("# heading\n- item\n1. one\n> quote") == "\\# heading\n\\- item\n1\\. one\n&gt; quote")
        #expect(Escape.markdown("ATT&CK &lt; &#60;") == "ATT&CK &amp;lt; &amp;#60;")
        #expect(Escape.markdown("#1 of 3 # here") == "\\#1 of 3 # here")
        #expect(Escape.markdown("T1059.001 in 2024.") == "T1059.001 in 2024.")
        #expect(Escape.markdownCell("a|b\nc") == #"a\|b<br>c"#)
    }

    @Test func markdownLinksOnlyForSafeURLs() {
        #expect(Escape.markdownLink("T1059", url: "https://attack.mitre.org/techniques/T1059/") == "[T1059](https://attack.mitre.org/techniques/T1059/)")
        #expect(Escape.markdownLink("x", url: "javascript:alert(1)") == "x")
        #expect(Escape.markdownLink("x", url: "https://e.com/a)b") == "[x](https://e.com/a%29b)")
    }

    @Test func csvQuotesOnlyWhenNeeded() {
        #expect(Escape.csvField("plain") == "plain")
        #expect(Escape.csvField("a,\"b\"") == "\"a,\"\"b\"\"\"")
        #expect(Escape.csvField("two\nlines") == "\"two\nlines\"")
    }

    @Test func terminalStripsEscapeSequences() {
        #expect(Escape.terminal("\u{1B}[31mred\u{1B}[0m") == "red")
        #expect(Escape.terminal("\u{1B}]0;title\u{07}name") == "name")
        #expect(Escape.terminal("\u{1B}]8;;https://x\u{1B}\\link\u{1B}]8;;\u{1B}\\") == "link")
        #expect(Escape.terminal("a\u{8}b\u{7F}c\u{9B}2Jd") == "a?b?cd")
        #expect(Escape.terminal("evil\u{202E}txt") == "evil?txt")
        #expect(Escape.terminal("two\nlines\r", singleLine: true) == "two lines ")
        #expect(Escape.terminal("end\u{1B}") == "end")
        #expect(Escape.terminal("ünïcödé stays") == "ünïcödé stays")
    }
}
