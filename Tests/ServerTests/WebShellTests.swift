import ATTACK
import Coverage
import Foundation
import Hummingbird
import HummingbirdTesting
import Output
import Server
import STIX
import TestSupport
import Testing

/// The history view (per domain, dated, values on hover, tables), every page inside the app's
/// shell, and friendly HTML errors for the pages while the API keeps its JSON.
@Suite struct WebShellTests {
    /// The sample Enterprise release and a small ICS one.
    static func twoDomains() throws -> ServerData {
        var ics = FixtureBundle(domain: .ics)
        let inhibit = ics.tactic("TA0107", "Inhibit Response Function", shortname: "inhibit-response-function")
        ics.matrix(tactics: [inhibit])
        _ = ics.technique("T0800", "Activate Firmware Update Mode", tactics: ["inhibit-response-function"])
        return try ServerData.make(bundles: [
            try STIXBundle.parse(Data(FixtureBundle.sample().json().utf8), source: "sample.json"),
            try STIXBundle.parse(Data(ics.json().utf8), source: "ics.json"),
        ])
    }

    static func icsCoverage(_ data: ServerData) throws -> String {
        let kb = try #require(data.newest(.ics)).knowledgeBase
        let techniques = [TechniqueCoverage(techniqueID: "T0800", name: "T0800", state: .detected, score: 1)]
        return CoverageDocument.text(CoverageResult(domain: .ics, techniques: techniques), knowledgeBase: kb)
    }

    /// Pushes `files` in order; returns their ids.
    static func push(_ client: some TestClientProtocol, _ files: [String]) async throws -> [Int] {
        var ids: [Int] = []
        for (i, file) in files.enumerated() {
            try await client.execute(uri: "/api/coverage/?repository=det&branch=main&commit=c\(i)", method: .post,
                                     headers: CoverageRoutesTests.pushHeaders, body: ByteBuffer(string: file)) { response in
                #expect(response.status == .created)
                ids.append(try ServerFixture.json(response.body)["id"] as? Int ?? -1)
            }
        }
        return ids
    }

    static func app(_ data: ServerData, _ store: GuardedHistoryStore, publicReads: Bool = true) -> some ApplicationProtocol {
        Application(router: TTPKitServer.router(data: data, options: ServerOptions(token: CoverageRoutesTests.token, publicReads: publicReads), store: store),
                    logger: ServerFixture.quietLogger)
    }

    @Test func historyIsPerDomainDatedWithValuesOnHoverAndTables() async throws {
        let data = try Self.twoDomains()
        let store = try await ServerFixture.memoryHistory()
        try await Self.app(data, store).test(.router) { client in
            let ids = try await Self.push(client, [
                try CoverageRoutesTests.coverageFile(detected: ["T1027"]), try Self.icsCoverage(data),
                try CoverageRoutesTests.coverageFile(detected: ["T1027", "T1059.001"]),
            ])
            try await client.execute(uri: "/ui/history?domain=enterprise", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("<header class=\"bar\">"))
                // Only Enterprise snapshots: the ICS one is neither in the table nor in the charts.
                #expect(html.contains("<a href=\"/?domain=enterprise&amp;coverage=\(ids[0])\">\(ids[0])</a>"))
                #expect(!html.contains("coverage=\(ids[1])\""))
                #expect(!html.contains("snapshot \(ids[1]),"))
                // Dated axes and the values of each snapshot on hover (an SVG title).
                let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
                #expect(html.contains("class=\"axis\">\(today) (UTC)</text>"))
                #expect(html.contains("<title>Defense Evasion, snapshot \(ids[2]), "))
                #expect(html.contains("UTC: Detected 1, Logged 0, Blind 1</title>"))
                // The same numbers as tables, captioned by tactic name; shortnames never shown.
                #expect(html.contains("<details class=\"history-tables\" id=\"history-tables\"><summary>"))
                #expect(html.contains("<caption>Execution</caption>"))
                #expect(html.contains("<th scope=\"row\">\(ids[2]) · \(today) "))
                #expect(!html.contains(">defense-evasion<") && !html.contains(">execution<"))
                // Labels with each snapshot.
                #expect(html.contains("<td>det</td><td>main</td><td><code title=\"c2\">c2</code></td>"))
            }
            try await client.execute(uri: "/ui/history?domain=ics", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Coverage history: ICS ATT&amp;CK") || html.contains("Coverage history: ICS"))
                #expect(html.contains("coverage=\(ids[1])\""))
                #expect(!html.contains("coverage=\(ids[0])\"") && !html.contains("coverage=\(ids[2])\""))
                #expect(html.contains("<caption>Inhibit Response Function</caption>"))
            }
        }
        await store.shutdown()
    }

    @Test func reportsDiffAndHistoryPagesHaveTheTopBar() async throws {
        let store = try await ServerFixture.memoryHistory()
        try await Self.app(try ServerFixture.sampleData(), store).test(.router) { client in
            let ids = try await Self.push(client, [try CoverageRoutesTests.coverageFile(detected: []),
                                                   try CoverageRoutesTests.coverageFile(detected: ["T1027"])])
            for uri in ["/ui/report?groups=G0001", "/ui/executive?groups=G0001&coverage=\(ids[1])",
                        "/ui/history/diff?from=\(ids[0])&to=\(ids[1])", "/ui/history", "/ui/software/S0001"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let html = String(buffer: response.body)
                    #expect(response.status == .ok, "\(uri)")
                    #expect(html.contains("<header class=\"bar\"><h1><a href=\"/\">ttpkit</a></h1>"), "\(uri)")
                    #expect(html.contains("<script src=\"/ui/app.js\"></script>"), "\(uri)")
                    #expect(html.components(separatedBy: "<main").count == 2, "one main landmark: \(uri)")
                    #expect(html.contains("Answered from"), "\(uri)")
                }
            }
            // A report's own stylesheet is admitted by its hash, nothing else inline.
            try await client.execute(uri: "/ui/report?groups=G0001", method: .get) { response in
                let html = String(buffer: response.body)
                let style = html.components(separatedBy: "<style>").dropFirst().first?.components(separatedBy: "</style>").first ?? ""
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(!style.isEmpty && policy.contains(HTMLPage.hashSource(style)))
                #expect(policy.contains("default-src 'none'") && policy.contains("script-src 'self';"))
                #expect(!policy.contains("unsafe-inline"))
                #expect(!html.contains("<script>"))
            }
        }
        await store.shutdown()
    }

    @Test func pageErrorsAreHTMLPagesAndAPIErrorsStayJSON() async throws {
        let store = try await ServerFixture.memoryHistory()
        try await Self.app(try ServerFixture.sampleData(), store, publicReads: false).test(.router) { client in
            for (uri, status, words) in [("/?groups=No%20Such%20Group%3Cb%3E", HTTPResponse.Status.notFound, "Not found"),
                                         ("/?coverage=abc", .badRequest, "That request could not be answered"),
                                         ("/ui/history/diff?from=1", .badRequest, "from and to"),
                                         ("/nowhere", .notFound, "Not found")] {
                try await client.execute(uri: uri, method: .get, headers: CoverageRoutesTests.readHeaders) { response in
                    let html = String(buffer: response.body)
                    #expect(response.status == status, "\(uri)")
                    #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                    #expect(html.contains("<header class=\"bar\">") && html.contains(words), "\(uri)")
                    #expect(html.contains("id=\"error-message\""), "\(uri)")
                    #expect(!html.contains("<b>") && !html.contains("{\"error\""), "\(uri)")
                    #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true, "\(uri)")
                }
            }
            // A page that needs the read token: HTML, and still the basic challenge a browser answers.
            try await client.execute(uri: "/ui/history", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.headers[values: .wwwAuthenticate].contains { $0.hasPrefix("Basic realm=\"ttpkit\"") })
                #expect(String(buffer: response.body).contains("A token is needed"))
            }
            for uri in ["/api/groups/NoSuchGroup", "/api/nowhere", "/api/coverage/history"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.contentType] == "application/json", "\(uri)")
                    let error = try ServerFixture.json(response.body)["error"]
                    #expect(error != nil, "\(uri)")
                }
            }
        }
        await store.shutdown()
    }
}
