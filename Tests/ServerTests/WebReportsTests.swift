import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Output
import Server
import Testing

/// The executive report and the snapshot diff pages of the web app.
@Suite struct WebReportsTests {
    @Test func executiveReportAndDiffPages() async throws {
        let store = try await ServerFixture.memoryHistory()
        let router = TTPKitServer.router(data: try ServerFixture.sampleData(), options: ServerOptions(token: CoverageRoutesTests.token, publicReads: true), store: store)
        try await Application(router: router, logger: ServerFixture.quietLogger).test(.router) { client in
            var ids: [Int] = []
            for detected in [["T1027"], ["T1027", "T1059.001"]] {
                try await client.execute(uri: "/api/coverage/?repository=det&branch=main&commit=c\(ids.count)", method: .post,
                                         headers: CoverageRoutesTests.pushHeaders,
                                         body: ByteBuffer(string: try CoverageRoutesTests.coverageFile(detected: detected))) { response in
                    ids.append(try ServerFixture.json(response.body)["id"] as? Int ?? -1)
                }
            }
            try await client.execute(uri: "/?groups=G0001&coverage=\(ids[1])", method: .get) { response in
                #expect(String(buffer: response.body).contains("id=\"executive-link\""))
            }
            try await client.execute(uri: "/ui/executive?groups=G0001&coverage=\(ids[1])", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Detection coverage report"))
                #expect(html.contains("APT Test"))
                #expect(!html.contains("<script"))
                // The page's inline stylesheet is allowed by its hash in the header policy too.
                let style = html.components(separatedBy: "<style>").dropFirst().first?.components(separatedBy: "</style>").first ?? ""
                let policy = response.headers[.contentSecurityPolicy] ?? ""
                #expect(policy.contains(HTMLPage.hashSource(style)))
                #expect(policy.contains("default-src 'none'"))
            }
            try await client.execute(uri: "/ui/executive?groups=G0001", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/ui/history", method: .get) { response in
                let html = String(buffer: response.body)
                #expect(html.contains("action=\"/ui/history/diff\""))
                #expect(html.contains("<option value=\"\(ids[0])\" selected>"))
            }
            try await client.execute(uri: "/ui/history/diff?from=\(ids[0])&to=\(ids[1])", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Detected 1 → 2 of 3 techniques"))
                #expect(html.contains("data-id=\"T1059.001\""))
                #expect(html.contains("gained (now Detected)"))
                // Nothing lost: the Lost column reads 0, never "−0" or "+0".
                #expect(!html.contains("−0<") && !html.contains(">+0<"))
            }
            try await client.execute(uri: "/ui/history/diff?from=\(ids[0])&to=999", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
        await store.shutdown()
    }
}
