import ATTACK
import Foundation
import Testing
@testable import DataStore
import TestSupport

@Suite struct TAXIIClientTests {
    static let collectionID = AttackDomain.ics.collectionID
    static let objectsPath = "/api/v21/collections/\(collectionID)/objects/"

    /// A TAXII server with discovery, an API root, two collections and three pages of objects.
    static func server() throws -> LoopbackHTTPServer {
        let server = try LoopbackHTTPServer()
        server.route("/taxii2/") { _ in
            .json(#"{"title": "Loopback TAXII", "default": "/api/v21/", "api_roots": ["/api/v21/", "http://elsewhere.example/root/"]}"#,
                  headers: ["Content-Type": TAXIIClient.mediaType])
        }
        server.route("/api/v21/") { _ in
            .json(#"{"title": "ATT&CK", "versions": ["application/taxii+json;version=2.1"], "max_content_length": 1048576}"#)
        }
        let collection = """
            {"id": "\(collectionID)", "title": "ICS ATT&CK", "can_read": true, "can_write": false,
             "media_types": ["application/stix+json;version=2.1"]}
            """
        server.route("/api/v21/collections/") { _ in
            .json(#"{"collections": [\#(collection), {"id": "other", "title": "Other", "can_read": false, "can_write": true}]}"#)
        }
        server.route("/api/v21/collections/\(collectionID)/") { _ in .json(collection) }
        server.route(objectsPath) { request in
            let pages: [String: (objects: String, next: String?, first: String, last: String)] = [
                "": (#"{"type": "x-mitre-collection", "id": "x-mitre-collection--90c00720-636b-4485-b342-8751d232bf09", "x_mitre_version": "18.1", "modified": "2025-11-13T14:00:00.000Z"}, {"type": "x-mitre-matrix", "id": "x-mitre-matrix--1", "modified": "2025-01-01T00:00:00.000Z", "name": "ICS"}"#,
                     "p2", "2025-01-01T00:00:00.000Z", "2025-01-02T00:00:00.000Z"),
                "p2": (#"{"type": "attack-pattern", "id": "attack-pattern--1", "modified": "2025-01-03T00:00:00.000Z", "x_mitre_deprecated": false, "x_mitre_version": "1.0", "external_references": [{"source_name": "mitre-attack", "url": "https://attack.mitre.org/techniques/T0800/"}]}"#,
                       "p3", "2025-01-03T00:00:00.000Z", "2025-01-03T00:00:00.000Z"),
                "p3": (#"{"type": "attack-pattern", "id": "attack-pattern--2", "modified": "2025-01-04T00:00:00.000Z", "x_mitre_is_subtechnique": true}"#,
                       nil, "2025-01-04T00:00:00.000Z", "2025-01-04T00:00:00.000Z"),
            ]
            guard let page = pages[request.query["next"] ?? ""] else {
                return .json(#"{"title": "Bad Request", "description": "unknown next token"}"#, status: 400)
            }
            let more = page.next != nil
            let next = page.next.map { #", "next": "\#($0)""# } ?? ""
            return .json(#"{"more": \#(more)\#(next), "objects": [\#(page.objects)]}"#,
                         headers: ["X-TAXII-Date-Added-First": page.first, "X-TAXII-Date-Added-Last": page.last])
        }
        return server
    }

    @Test func discoveryResolvesAPIRootsAgainstTheServer() async throws {
        let server = try Self.server()
        let discovery = try await TAXIIClient().discovery(server.baseURL)
        #expect(discovery.title == "Loopback TAXII")
        #expect(discovery.defaultAPIRoot == server.url("/api/v21/"))
        #expect(discovery.apiRoots.map(\.absoluteString)
            == [server.url("/api/v21/").absoluteString, "http://elsewhere.example/root/"])
        #expect(server.requests.first?.path == "/taxii2/")
        #expect(server.requests.first?.headers["accept"] == "application/taxii+json;version=2.1")
    }

    @Test func readsAPIRootCollectionsAndOneCollection() async throws {
        let server = try Self.server()
        let client = TAXIIClient()
        let root = try await client.apiRoot(server.url("/api/v21"))
        #expect(root.title == "ATT&CK")
        #expect(root.maxContentLength == 1_048_576)
        let collections = try await client.collections(apiRoot: root.url)
        #expect(collections.map(\.id) == [Self.collectionID, "other"])
        #expect(collections.map(\.canRead) == [true, false])
        #expect(collections.first?.domain == .ics)
        let one = try await client.collection(apiRoot: root.url, id: Self.collectionID)
        #expect(one.title == "ICS ATT&CK")
        #expect(one.mediaTypes == ["application/stix+json;version=2.1"])
    }

    @Test func followsPaginationAcrossThreePagesPassingAddedAfter() async throws {
        let server = try Self.server()
        let log = Fixture.ProgressLog()
        let result = try await TAXIIClient().objects(
            apiRoot: server.url("/api/v21/"), collectionID: Self.collectionID,
            addedAfter: "2024-12-31T00:00:00.000Z", limit: 2, progress: log.handler)

        #expect(result.pages == 3)
        #expect(result.objects.map(\.id) == ["x-mitre-collection--90c00720-636b-4485-b342-8751d232bf09",
                                             "x-mitre-matrix--1", "attack-pattern--1", "attack-pattern--2"])
        #expect(result.dateAddedFirst == "2025-01-01T00:00:00.000Z")
        #expect(result.dateAddedLast == "2025-01-04T00:00:00.000Z")
        let requests = server.requests.filter { $0.path == Self.objectsPath }
        #expect(requests.map { $0.query["next"] } == [nil, "p2", "p3"])
        #expect(requests.allSatisfy { $0.query["added_after"] == "2024-12-31T00:00:00.000Z" })
        #expect(requests.allSatisfy { $0.query["limit"] == "2" })
        #expect(log.events.count == 3)
        #expect(log.events.last == .taxiiPage(collection: Self.collectionID, page: 3, objects: 1, total: 4))
    }

    @Test func fallsBackToDateAddedLastWhenThereIsNoNextToken() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/root/collections/c/objects/") { request in
            if request.query["added_after"] == nil {
                return .json(#"{"more": true, "objects": [{"type": "identity", "id": "identity--1"}]}"#,
                             headers: ["X-TAXII-Date-Added-Last": "2025-02-01T00:00:00Z"])
            }
            return .json(#"{"more": false, "objects": [{"type": "identity", "id": "identity--2"}]}"#)
        }
        let result = try await TAXIIClient().objects(apiRoot: server.url("/root/"), collectionID: "c")
        #expect(result.objects.map(\.id) == ["identity--1", "identity--2"])
        #expect(server.requests.map { $0.query["added_after"] } == [nil, "2025-02-01T00:00:00Z"])
    }

    @Test func acceptsAServerThatKeepsOneCursorTokenForEveryPage() async throws {
        // medallion's memory backend answers every page with the same `next` id.
        final class Cursor: @unchecked Sendable {
            let lock = NSLock()
            var served = 0
            func take() -> Int { lock.withLock { served += 1; return served } }
        }
        let cursor = Cursor()
        let server = try LoopbackHTTPServer()
        server.route("/root/collections/c/objects/") { _ in
            let page = cursor.take()
            let more = page < 3
            return .json(#"{"more": \#(more), "next": "cursor-1", "objects": [{"type": "identity", "id": "identity--\#(page)"}]}"#)
        }
        let result = try await TAXIIClient().objects(apiRoot: server.url("/root/"), collectionID: "c")
        #expect(result.objects.map(\.id) == ["identity--1", "identity--2", "identity--3"])
        #expect(server.requests.map { $0.query["next"] } == [nil, "cursor-1", "cursor-1"])
        #expect(server.requests.map { $0.query["limit"] } == [nil, "1", "1"], "later pages ask for the first page's size")
    }

    @Test func moreWithoutAnyWayForwardIsAnError() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/root/collections/c/objects/") { _ in
            .json(#"{"more": true, "objects": [{"type": "identity", "id": "identity--1"}]}"#)
        }
        await #expect(throws: TAXIIError.paginationStalled(url: server.url("/root/collections/c/objects/"), page: 1)) {
            try await TAXIIClient().objects(apiRoot: server.url("/root/"), collectionID: "c")
        }
    }

    @Test(.timeLimit(.minutes(5)))
    func unauthorizedCarriesTheServersMessageAndBasicAuthIsSent() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/api/v21/collections/") { _ in
            .json(#"{"title": "Unauthorized", "description": "bad credentials", "http_status": "401"}"#, status: 401)
        }
        let client = TAXIIClient(credentials: TAXIICredentials(username: "user", password: "pass"))
        do {
            _ = try await client.collections(apiRoot: server.url("/api/v21/"))
            Issue.record("a 401 must be an error")
        } catch {
            guard case .httpStatus(let url, 401, let message) = error else {
                Issue.record("expected a 401 status error, got \(error)")
                return
            }
            #expect(url == server.url("/api/v21/collections/"))
            #expect(message?.title == "Unauthorized")
            #expect(error.description == "\(url.absoluteString): TAXII server answered 401 Unauthorized: "
                + "Unauthorized — bad credentials (check the TAXII user name and password)")
        }
        #expect(server.requests.first?.headers["authorization"] == "Basic dXNlcjpwYXNz")
    }

    @Test(.timeLimit(.minutes(5)))
    func basicAuthChallengeIsA401NotAHang() async throws {
        // Flask-HTTPAuth (medallion) sends WWW-Authenticate; URLSession on Linux hung on it.
        let server = try LoopbackHTTPServer()
        server.route("/api/v21/collections/") { _ in
            .json(#"{"title": "Unauthorized"}"#, status: 401,
                  headers: ["WWW-Authenticate": #"Basic realm="Authentication Required""#])
        }
        let client = TAXIIClient(credentials: TAXIICredentials(username: "user", password: "wrong"))
        do {
            _ = try await client.collections(apiRoot: server.url("/api/v21/"))
            Issue.record("a 401 must be an error")
        } catch {
            guard case .httpStatus(_, 401, _) = error else {
                Issue.record("expected a 401 status error, got \(error)")
                return
            }
            #expect(error.description.contains("401 Unauthorized"))
        }
    }

    @Test func unknownCollectionIs404WithoutAMessageBody() async throws {
        let server = try LoopbackHTTPServer()
        server.route("/api/v21/collections/missing/") { _ in .init(status: 404, body: .complete(Data("gone".utf8))) }
        let url = server.url("/api/v21/collections/missing/")
        await #expect(throws: TAXIIError.httpStatus(url: url, status: 404, message: nil)) {
            try await TAXIIClient().collection(apiRoot: server.url("/api/v21/"), id: "missing")
        }
        #expect(TAXIIError.httpStatus(url: url, status: 404, message: nil).description
            .contains("404 Not Found (check the API root URL and the collection id)"))
    }

    @Test func writesACollectionAsAReleaseBundleInTheCache() async throws {
        let server = try Self.server()
        let root = try TemporaryDirectory()
        let cache = CacheDirectory(url: root.url.appendingPathComponent("cache"))
        let saved = try await TAXIIClient().fetchCollectionAsBundle(
            apiRoot: server.url("/api/v21/"), collectionID: Self.collectionID, cache: cache)

        #expect(saved.file.lastPathComponent == "ics-attack-18.1.json")
        #expect(saved.objectCount == 4)
        #expect(saved.domain == .ics)
        #expect(saved.version?.text == "18.1")
        let summary = try BundleVerifier.verify(fileAt: saved.file)
        #expect(summary.objectCount == 4)
        #expect(try cache.cachedBundles().map(\.url) == [saved.file])
        #expect(root.names(in: cache.url) == ["ics-attack-18.1.json"])
        let text = try String(contentsOf: saved.file, encoding: .utf8)
        #expect(text.contains(#""x_mitre_deprecated":false"#), "booleans stay booleans")
        #expect(text.contains("https://attack.mitre.org/techniques/T0800/"), "slashes are not escaped")
        #expect(try DataLocator(cache: cache, environment: [:]).locate(domain: .ics)?.files == [saved.file])
    }

    @Test func mitreConstantsMatchTheDocumentedServer() {
        #expect(TAXIIClient.mitreAPIRoot.absoluteString == "https://attack-taxii.mitre.org/api/v21/")
        #expect(TAXIIClient.mitreCollections[.enterprise] == "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019")
        #expect(TAXIIClient.mitreCollections[.mobile] == "x-mitre-collection--dac0d2d7-8653-445c-9bff-82f934c1e858")
        #expect(TAXIIClient.mitreCollections[.ics] == "x-mitre-collection--90c00720-636b-4485-b342-8751d232bf09")
    }
}
