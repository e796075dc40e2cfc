import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import STIX
import TestSupport
import Testing

@Suite struct WebRoutesTests {
    /// A release whose names carry markup, as hostile data would.
    static func hostileData() throws -> ServerData {
        var b = FixtureBundle()
        let execution = b.tactic("TA0002", "Execution<script>", shortname: "execution")
        b.matrix(tactics: [execution])
        let t = b.technique("T1059", "<img src=x onerror=alert(1)>", tactics: ["execution"])
        let g = b.group("G0001", "Evil\"><script>alert(2)</script>")
        b.relate(g, "uses", t, description: "Ran <b>scripts</b>.(Citation: X)", citations: [("X", "javascript:alert(3)")])
        let bundle = try STIXBundle.parse(Data(b.json().utf8), source: "hostile.json")
        return try ServerData.make(bundles: [bundle])
    }

    @Test func matrixPageHighlightsTheGroupsTechniques() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/?groups=G0001", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
                let html = String(buffer: response.body)
                #expect(html.contains("<strong id=\"highlight-count\">2</strong>"))
                #expect(html.components(separatedBy: "<button type=\"button\" class=\"cell hl\"").count - 1 == 1)  // T1027 (T1059.001 is a sub-technique cell)
                #expect(html.contains("class=\"cell sub hl\" data-id=\"T1059.001\""))
                #expect(!html.contains("http://") && !html.contains("https://cdn"))
            }
            try await client.execute(uri: "/ui/app.js", method: .get) { response in
                #expect(response.headers[.contentType]?.hasPrefix("text/javascript") == true)
            }
            try await client.execute(uri: "/ui/panel/T1059.001?groups=G0001", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("During Operation Test the actors ran PowerShell."))
                #expect(html.contains("https://example.com/b"))
                #expect(html.contains("Detect PowerShell"))
            }
            try await client.execute(uri: "/ui/layer.json?groups=G0001", method: .get) { response in
                let layer = try ServerFixture.json(response.body)
                #expect((layer["techniques"] as? [Any])?.isEmpty == false)
            }
            try await client.execute(uri: "/ui/render?groups=G0001&format=svg", method: .get) { response in
                #expect(String(buffer: response.body).contains("<svg"))
            }
            try await client.execute(uri: "/ui/report?groups=G0001", method: .get) { response in
                #expect(String(buffer: response.body).contains("APT Test"))
            }
        }
    }

    @Test func uploadedLayersAreReadOrRefusedWithTheCLIsError() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            let layer = #"{"name":"mine","versions":{"layer":"4.5"},"domain":"enterprise-attack","techniques":[{"techniqueID":"T1027","score":1}]}"#
            try await client.execute(uri: "/ui/layer-techniques?name=mine.json", method: .post, body: ByteBuffer(string: layer)) { response in
                #expect(response.status == .ok)
                let parsed = try ServerFixture.json(response.body)
                #expect(parsed["techniques"] as? [String] == ["T1027"])
            }
            try await client.execute(uri: "/ui/layer-techniques?name=bad.json", method: .post, body: ByteBuffer(string: "{\"techniques\": [")) { response in
                #expect(response.status == .badRequest)
                let message = (try ServerFixture.json(response.body)["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.hasPrefix("bad.json"))
            }
        }
    }

    @Test func dataIsEscapedEverywhere() async throws {
        try await ServerFixture.application(try Self.hostileData()).test(.router) { client in
            for uri in ["/?groups=G0001", "/ui/panel/T1059?groups=G0001", "/?q=evil"] {
                try await client.execute(uri: uri, method: .get) { response in
                    let html = String(buffer: response.body)
                    #expect(response.status == .ok, "\(uri)")
                    #expect(!html.contains("<script>alert"), "\(uri)")
                    #expect(!html.contains("<img src=x"), "\(uri)")
                    #expect(!html.contains("<b>scripts"), "\(uri)")
                    #expect(!html.contains("href=\"javascript:"), "\(uri)")
                }
            }
        }
    }

    @Test func assetRoutesDoNotTraversePaths() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            for uri in ["/ui/../../etc/passwd", "/ui/%2e%2e/%2e%2e/etc/passwd", "/ui/app.css/../../Package.swift"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(!String(buffer: response.body).contains("root:"), "\(uri)")
                    #expect(response.status == .notFound || response.status == .ok, "\(uri)")
                }
            }
        }
    }
}
