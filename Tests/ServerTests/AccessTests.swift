import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import Testing

/// Who may read and write: pushes need the write token as bearer with a JSON body and are
/// refused cross-site; coverage reads need a token whenever one is configured; TAXII takes
/// either token; forwarded headers count only behind a trusted proxy.
@Suite struct AccessTests {
    static let writeToken = CoverageRoutesTests.token
    static let readToken = "fedcba9876543210-read-token"

    static func basic(_ password: String) -> String { "Basic " + Data("anyone:\(password)".utf8).base64EncodedString() }

    func withApp(_ options: ServerOptions, _ body: @Sendable (any TestClientProtocol, Int) async throws -> Void) async throws {
        let store = try await ServerFixture.memoryHistory()
        let app = Application(router: TTPKitServer.router(data: try ServerFixture.sampleData(), options: options, store: store),
                              logger: ServerFixture.quietLogger)
        try await app.test(.router) { client in
            var id = -1
            try await client.execute(uri: "/api/coverage/?repository=r&branch=b&commit=c", method: .post,
                                     headers: CoverageRoutesTests.pushHeaders,
                                     body: ByteBuffer(string: try CoverageRoutesTests.coverageFile(detected: ["T1027"]))) { response in
                #expect(response.status == .created)
                id = try ServerFixture.json(response.body)["id"] as? Int ?? -1
            }
            try await body(client, id)
        }
        await store.shutdown()
    }

    @Test func pushesTakeOnlyTheBearerWriteTokenWithAJSONBodyFromTheSameSite() async throws {
        try await withApp(ServerOptions(token: Self.writeToken, readToken: Self.readToken)) { client, _ in
            let file = ByteBuffer(string: try CoverageRoutesTests.coverageFile(detected: []))
            let uri = "/api/coverage/?repository=r&branch=b&commit=c"
            let cases: [(HTTPFields, HTTPResponse.Status)] = [
                // A browser replays cached basic credentials on its own: never enough to write.
                ([.authorization: Self.basic(Self.writeToken), .contentType: "application/json"], .unauthorized),
                // A cross-site form can only send text/plain, form or multipart bodies.
                ([.authorization: "Bearer \(Self.writeToken)", .contentType: "text/plain"], .unsupportedMediaType),
                ([.authorization: "Bearer \(Self.writeToken)"], .unsupportedMediaType),
                ([.authorization: "Bearer \(Self.writeToken)", .contentType: "application/json", .secFetchSite: "cross-site"], .forbidden),
                ([.authorization: "Bearer \(Self.readToken)", .contentType: "application/json"], .unauthorized),
                ([.authorization: "Bearer \(Self.writeToken)", .contentType: "application/json; charset=utf-8", .secFetchSite: "same-origin"], .created),
                ([.authorization: "Bearer \(Self.writeToken)", .contentType: "application/vnd.ttpkit.coverage+json"], .created),
            ]
            for (headers, status) in cases {
                try await client.execute(uri: uri, method: .post, headers: headers, body: file) { response in
                    #expect(response.status == status, "\(headers)")
                }
            }
        }
    }

    @Test func coverageReadsNeedATokenWhenOneIsConfigured() async throws {
        try await withApp(ServerOptions(token: Self.writeToken, readToken: Self.readToken)) { client, id in
            let reads = ["/api/coverage/history", "/api/coverage/snapshots/\(id)", "/api/coverage/diff?from=\(id)&to=\(id)",
                         "/api/gaps?coverage=\(id)&groups=G0001", "/api/report?coverage=\(id)&groups=*", "/api/layers/coverage?coverage=\(id)",
                         "/ui/history", "/ui/history/diff?from=\(id)&to=\(id)", "/?coverage=\(id)", "/ui/executive?groups=G0001&coverage=\(id)"]
            for uri in reads {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .unauthorized, "\(uri) without a token")
                    // Browsers ask for basic credentials; API clients see they may send a bearer token.
                    let challenges = response.headers[values: .wwwAuthenticate]
                    #expect(challenges.contains { $0.hasPrefix("Basic ") } && challenges.contains { $0.hasPrefix("Bearer ") })
                }
                for auth in ["Bearer \(Self.readToken)", "Bearer \(Self.writeToken)", Self.basic(Self.readToken)] {
                    try await client.execute(uri: uri, method: .get, headers: [.authorization: auth]) { response in
                        #expect(response.status == .ok, "\(uri) with \(auth.prefix(6))")
                    }
                }
                try await client.execute(uri: uri, method: .get, headers: [.authorization: "Bearer wrong-token-0123456789"]) { response in
                    #expect(response.status == .unauthorized, "\(uri) with a wrong token")
                }
            }
            // ATT&CK itself stays public.
            for uri in ["/", "/api/groups/G0001", "/api/releases", "/healthz"] {
                try await client.execute(uri: uri, method: .get) { response in #expect(response.status == .ok, "\(uri)") }
            }
        }
    }

    @Test func publicReadsOptOut() async throws {
        try await withApp(ServerOptions(token: Self.writeToken, publicReads: true)) { client, id in
            try await client.execute(uri: "/api/coverage/snapshots/\(id)", method: .get) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func taxiiTakesEitherTokenAndRefusesWritesAfterAuthentication() async throws {
        let options = ServerOptions(token: Self.writeToken, readToken: Self.readToken, taxiiAuthentication: true)
        try await withApp(options) { client, _ in
            let collections = "/api/v21/collections/"
            try await client.execute(uri: collections, method: .get, headers: .taxii) { response in
                #expect(response.status == .unauthorized)
            }
            for auth in [Self.basic(Self.readToken), "Bearer \(Self.writeToken)"] {
                var headers = HTTPFields.taxii
                headers[.authorization] = auth
                try await client.execute(uri: collections, method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                }
            }
            let objects = "/api/v21/collections/x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019/objects/"
            try await client.execute(uri: objects, method: .post, headers: .taxii, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .unauthorized)   // who is asking comes first
            }
            var headers = HTTPFields.taxii
            headers[.authorization] = Self.basic(Self.readToken)
            try await client.execute(uri: objects, method: .post, headers: headers, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .forbidden)      // then: read-only
            }
        }
    }

    @Test func discoveryTrustsForwardedHeadersOnlyBehindATrustedProxy() async throws {
        var forwarded = HTTPFields.taxii
        forwarded[.xForwardedHostForTests] = "evil.example"
        forwarded[.xForwardedProtoForTests] = "https"
        let headers = forwarded
        for trusted in [false, true] {
            let app = Application(router: TTPKitServer.router(data: try ServerFixture.sampleData(), options: ServerOptions(trustedProxy: trusted)),
                                  logger: ServerFixture.quietLogger)
            try await app.test(.router) { client in
                try await client.execute(uri: "/taxii2/", method: .get, headers: headers) { response in
                    let root = try ServerFixture.json(response.body)["default"] as? String ?? ""
                    #expect(root.contains("evil.example") == trusted, "\(root)")
                    #expect(root.hasPrefix("https://") == trusted, "\(root)")
                }
            }
        }
    }

    @Test func answersSayNoSniffErrorsIncluded() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            for uri in ["/api/releases", "/api/groups/Nobody", "/api/nothing-here", "/healthz"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                }
            }
        }
    }

    @Test func labelsAreValidatedTheSameForEveryStore() async throws {
        let bad = ["a\u{0}b", String(repeating: "e\u{301}", count: 101), String(repeating: "x", count: 201),
                   "main\u{202E}gnp.exe", "line\nbreak", "esc\u{1B}[31m", "c1\u{85}"]
        for label in bad { #expect(SnapshotLabels.problem(label) != nil, "\(label.debugDescription)") }
        for label in ["main", "feature/ünïcode-日本", String(repeating: "x", count: 200), "v1.2 (rc)"] {
            #expect(SnapshotLabels.problem(label) == nil, "\(label)")
        }
        try await withApp(ServerOptions(token: Self.writeToken)) { client, _ in
            let file = ByteBuffer(string: try CoverageRoutesTests.coverageFile(detected: []))
            let plain = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
            for label in bad {
                let encoded = label.addingPercentEncoding(withAllowedCharacters: plain) ?? ""
                try await client.execute(uri: "/api/coverage/?repository=r&branch=\(encoded)&commit=c", method: .post,
                                         headers: CoverageRoutesTests.pushHeaders, body: file) { response in
                    #expect(response.status == .badRequest, "\(label.debugDescription)")
                }
            }
            try await client.execute(uri: "/api/coverage/?repository=r&branch=b&commit=c", method: .post,
                                     headers: CoverageRoutesTests.pushHeaders, body: ByteBuffer(string: "{\"a\": 1}\u{0}")) { response in
                #expect(response.status == .badRequest)
            }
        }
        // The store refuses them too, whoever calls it.
        let store = try await ServerFixture.memoryHistory()
        var snapshot = HistoryStoreTests.sample("main", detected: 1)
        snapshot.labels.branch = "a\u{0}b"
        await #expect(throws: HistoryStoreError.self) { _ = try await store.store(snapshot) }
        await store.shutdown()
    }

    @Test func theOpenAPIDocumentDescribesTheCoverageRoutesAndTheirSecurity() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                let document = try ServerFixture.json(response.body)
                let paths = document["paths"] as? [String: Any] ?? [:]
                for path in ["/api/coverage/", "/api/coverage/history", "/api/coverage/snapshots/{id}", "/api/coverage/diff", "/readyz", "/api/extract"] {
                    #expect(paths[path] != nil, "\(path) is documented")
                }
                let schemes = (document["components"] as? [String: Any])?["securitySchemes"] as? [String: Any] ?? [:]
                #expect(Set(schemes.keys) == ["bearer", "basic"])
            }
        }
    }
}

// Header names the tests send.
extension HTTPField.Name {
    static let xForwardedHostForTests = HTTPField.Name("X-Forwarded-Host")!
    static let xForwardedProtoForTests = HTTPField.Name("X-Forwarded-Proto")!
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
