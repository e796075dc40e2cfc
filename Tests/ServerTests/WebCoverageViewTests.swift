import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import Testing

/// Groups over coverage, the parent panel's sub-technique procedures, software in search
/// results, the site icon and the diff's pages.
@Suite struct WebCoverageViewTests {
    @Test func aGroupOverCoverageShowsWhichOfItsTechniquesAreCaughtLoggedMissed() async throws {
        let store = try await ServerFixture.memoryHistory()
        try await WebShellTests.app(try ServerFixture.sampleData(), store).test(.router) { client in
            // T1027 Detected; T1059 and T1059.001 Blind. APT Test (G0001) uses T1027 and, through its
            // campaign, T1059.001; T1059 is not its own.
            let ids = try await WebShellTests.push(client, [try CoverageRoutesTests.coverageFile(detected: ["T1027"])])
            var exposure: [String: Any] = [:]
            try await client.execute(uri: "/api/gaps?coverage=\(ids[0])&groups=G0001", method: .get) { response in
                exposure = (try ServerFixture.json(response.body)["exposure"] as? [[String: Any]])?.first ?? [:]
            }
            try await client.execute(uri: "/?groups=G0001&coverage=\(ids[0])", method: .get) { response in
                let html = String(buffer: response.body)
                // The snapshot's labels beside it (the push labelled it det · main · c0).
                #expect(html.contains("<span class=\"labels\" id=\"snapshot-labels\">(det · main · c0)</span>"))
                // Counts per state for the group: the answer /api/gaps gives.
                #expect(html.contains("<table class=\"exposure\" id=\"exposure\">"))
                for state in ["detected", "logged", "blind"] {
                    #expect(html.contains("id=\"exposure-G0001-\(state)\">\(exposure[state] as? Int ?? -1)</span>"), "\(state)")
                }
                #expect(exposure["detected"] as? Int == 1 && exposure["blind"] as? Int == 1)
                // The group's techniques carry their state, colour and letter; the others are plain.
                #expect(html.contains("class=\"cell hl detected\" data-id=\"T1027\""))
                #expect(html.contains("class=\"cell sub hl blind\" data-id=\"T1059.001\""))
                #expect(html.contains("<span class=\"st\" aria-hidden=\"true\">D</span><span class=\"tid\">T1027</span>"))
                #expect(html.contains("class=\"cell other\" data-id=\"T1059\""))
                #expect(!html.contains("class=\"cell blind\" data-id=\"T1059\""))
                // The legend shows what the matrix shows: no "used" swatch, the palette's states.
                #expect(!html.contains("<span class=\"cell hl\">used</span>"))
                #expect(html.contains("<span class=\"cell detected\"><span class=\"st\">D</span>used, Detected</span>"))
            }
            // Coverage alone still colours every technique; a group alone, its techniques.
            try await client.execute(uri: "/?coverage=\(ids[0])", method: .get) { response in
                #expect(String(buffer: response.body).contains("class=\"cell blind\" data-id=\"T1059\""))
            }
            try await client.execute(uri: "/?groups=G0001", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("<span class=\"cell hl\">used</span>"))
                #expect(!html.contains("id=\"exposure\""))
            }
        }
        await store.shutdown()
    }

    @Test func aParentsPanelRollsUpItsSubTechniquesProcedures() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/ui/panel/T1059?groups=G0002", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Other Group used PowerShell."))
                #expect(html.contains("(sub-technique <button type=\"button\" class=\"link\" data-id=\"T1059.001\">T1059.001</button> PowerShell)"))
                #expect(!html.contains("None recorded."))
            }
            try await client.execute(uri: "/ui/panel/T1059?groups=G0001", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("During Operation Test the actors ran PowerShell."))
                #expect(html.contains("https://example.com/b"))
                #expect(!html.contains("Other Group used PowerShell."))
            }
        }
    }

    @Test func searchLinksSoftwareAndTheIconIsServed() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            var link = ""
            try await client.execute(uri: "/?q=EvilTool", method: .get) { response in
                let html = String(buffer: response.body)
                link = html.components(separatedBy: "<a href=\"").dropFirst()
                    .first { $0.hasPrefix("/ui/software/S0001") }?.components(separatedBy: "\"").first ?? ""
                #expect(html.contains("S0001 EvilTool</a>"))
            }
            #expect(link.hasPrefix("/ui/software/S0001?domain=enterprise"))
            // (The fixture's release has no version to ask for, so the page is asked for by domain.)
            try await client.execute(uri: "/ui/software/S0001?domain=enterprise", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(response.status == .ok)
                #expect(html.contains("<h2 id=\"object-title\"><span class=\"tid\">S0001</span> EvilTool</h2>"))
                #expect(html.contains("G0001 APT Test</a>"))
                #expect(html.contains("data-id=\"T1059\">T1059 Command and Scripting Interpreter</button>: EvilTool runs commands."))
            }
            try await client.execute(uri: "/favicon.ico", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/x-icon")
                let bytes = Array(Data(buffer: response.body))
                #expect(bytes.prefix(4) == [0, 0, 1, 0])
                #expect(bytes.count == 6 + 16 + 40 + 16 * 16 * 4 + 16 * 4)
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains("<link rel=\"icon\" href=\"/favicon.ico\""))
            }
        }
    }

    @Test func theDiffIsPaged() async throws {
        let store = try await ServerFixture.memoryHistory()
        try await WebShellTests.app(try ServerFixture.sampleData(), store).test(.router) { client in
            let ids = try await WebShellTests.push(client, [try CoverageRoutesTests.coverageFile(detected: []),
                                                            try CoverageRoutesTests.coverageFile(detected: ["T1027", "T1059.001"])])
            let base = "/ui/history/diff?from=\(ids[0])&to=\(ids[1])&per_page=1"
            var first = ""
            try await client.execute(uri: base, method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Techniques that changed (2): 1–1, page 1 of 2"))
                #expect(html.contains("id=\"diff-next\""))
                #expect(html.contains("&amp;page=2&amp;per_page=1\" rel=\"next\""))
                first = html.contains("data-id=\"T1027\"") ? "T1027" : "T1059.001"
            }
            try await client.execute(uri: base + "&page=2", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("Techniques that changed (2): 2–2, page 2 of 2"))
                #expect(html.contains("id=\"diff-prev\""))
                #expect(!html.contains("id=\"diff-changes\"") || !html.contains("<td><button type=\"button\" class=\"link\" data-id=\"\(first)\""))
            }
            try await client.execute(uri: base + "&page=0", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
        await store.shutdown()
    }
}
