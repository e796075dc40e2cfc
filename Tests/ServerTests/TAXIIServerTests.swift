import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import Testing

@Suite struct TAXIIServerTests {
    let collectionID = "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019"

    @Test func discoveryNamesTheAPIRootAtMITREsPath() async throws {
        // Behind a trusted proxy, which names the server in X-Forwarded-Host.
        try await ServerFixture.application(try ServerFixture.sampleData(), options: ServerOptions(trustedProxy: true)).test(.router) { client in
            try await client.execute(uri: "/taxii2/", method: .get, headers: [.accept: "application/taxii+json;version=2.1", HTTPField.Name("X-Forwarded-Host")!: "example.test:8080"]) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/taxii+json;version=2.1")
                let body = try ServerFixture.json(response.body)
                #expect(body["api_roots"] as? [String] == ["http://example.test:8080/api/v21/"])
            }
        }
    }

    @Test func wrongAcceptGets406WithASpecErrorBody() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/api/v21/collections/", method: .get, headers: [.accept: "text/html"]) { response in
                #expect(response.status == .notAcceptable)
                let body = try ServerFixture.json(response.body)
                #expect(body["http_status"] as? String == "406")
                #expect(body["title"] as? String == "Not acceptable")
            }
            try await client.execute(uri: "/api/v21/collections/", method: .get, headers: [.accept: "application/taxii+json;version=2.0"]) { response in
                #expect(response.status == .notAcceptable)
            }
        }
    }

    @Test func collectionsHaveTheDomainsMITREIDAndOnePerRelease() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/api/v21/collections/", method: .get, headers: .taxii) { response in
                let body = try ServerFixture.json(response.body)
                let collections = body["collections"] as? [[String: Any]] ?? []
                #expect(collections.count == 2)
                #expect(collections.first?["id"] as? String == collectionID)
                #expect(collections.allSatisfy { $0["can_write"] as? Bool == false && $0["can_read"] as? Bool == true })
                let releaseID = collections.last?["id"] as? String ?? ""
                #expect(releaseID.hasPrefix("x-mitre-collection--") && releaseID != collectionID)
            }
        }
    }

    @Test func pagingReturnsEveryObjectOnceIn21Form() async throws {
        let data = try ServerFixture.sampleData()
        let total = data.releases[0].knowledgeBase.objects.count + data.releases[0].knowledgeBase.relationships.count
            + data.releases[0].knowledgeBase.otherObjects.count + data.releases[0].knowledgeBase.danglingRelationships.count
        try await ServerFixture.application(data).test(.router) { client in
            var seen: [String] = []
            var next: String?
            var pages = 0
            repeat {
                let uri = "/api/v21/collections/\(collectionID)/objects/?limit=7" + (next.map { "&next=\($0)" } ?? "")
                next = try await client.execute(uri: uri, method: .get, headers: .taxii) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/taxii+json;version=2.1")
                    let body = try ServerFixture.json(response.body)
                    let objects = body["objects"] as? [[String: Any]] ?? []
                    #expect(objects.count <= 7)
                    #expect(objects.allSatisfy { $0["spec_version"] as? String == "2.1" })
                    for o in objects where o["type"] as? String == "malware" {
                        #expect(o["is_family"] as? Bool == true)
                        #expect(o["labels"] == nil)
                    }
                    #expect(response.headers[HTTPField.Name("X-TAXII-Date-Added-First")!] != nil)
                    seen += objects.compactMap { $0["id"] as? String }
                    return (body["more"] as? Bool == true) ? body["next"] as? String : nil
                }
                pages += 1
            } while next != nil && pages < 100
            #expect(seen.count == total)
            #expect(Set(seen).count == total)
            #expect(pages == (total + 6) / 7)
        }
    }

    @Test func matchFiltersAndAddedAfter() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            let base = "/api/v21/collections/\(collectionID)"
            try await client.execute(uri: "\(base)/objects/?match[type]=intrusion-set", method: .get, headers: .taxii) { response in
                let objects = try ServerFixture.json(response.body)["objects"] as? [[String: Any]] ?? []
                #expect(objects.count == 2)
                #expect(objects.allSatisfy { $0["type"] as? String == "intrusion-set" })
            }
            try await client.execute(uri: "\(base)/objects/?match%5Btype%5D=malware,campaign", method: .get, headers: .taxii) { response in
                let objects = try ServerFixture.json(response.body)["objects"] as? [[String: Any]] ?? []
                #expect(Set(objects.compactMap { $0["type"] as? String }) == ["malware", "campaign"])
            }
            try await client.execute(uri: "\(base)/objects/?match[spec_version]=2.0", method: .get, headers: .taxii) { response in
                let objects = try ServerFixture.json(response.body)["objects"] as? [[String: Any]]
                #expect(objects?.isEmpty ?? true)
            }
            // Every fixture object is dated 2024-06-01: nothing was added after it, everything after 2024-05.
            try await client.execute(uri: "\(base)/objects/?added_after=2024-06-01T00:00:00.000Z", method: .get, headers: .taxii) { response in
                let objects = try ServerFixture.json(response.body)["objects"] as? [[String: Any]]
                #expect(objects?.isEmpty ?? true)
                #expect(response.headers[HTTPField.Name("X-TAXII-Date-Added-Last")!] == nil)
            }
            try await client.execute(uri: "\(base)/objects/?added_after=2024-05-31T23:59:59.9Z", method: .get, headers: .taxii) { response in
                let objects = try ServerFixture.json(response.body)["objects"] as? [[String: Any]] ?? []
                #expect(objects.count > 20)
            }
            try await client.execute(uri: "\(base)/objects/?added_after=yesterday", method: .get, headers: .taxii) { response in
                #expect(response.status == .badRequest)
                let parsed = try ServerFixture.json(response.body)
                #expect(parsed["http_status"] as? String == "400")
            }
        }
    }

    @Test func objectByIDVersionsAndManifest() async throws {
        let data = try ServerFixture.sampleData()
        let group = try #require(data.releases[0].knowledgeBase.objects.first { $0.attackID == "G0001" })
        try await ServerFixture.application(data).test(.router) { client in
            let base = "/api/v21/collections/\(collectionID)"
            try await client.execute(uri: "\(base)/objects/\(group.id)/", method: .get, headers: .taxii) { response in
                let objects = try ServerFixture.json(response.body)["objects"] as? [[String: Any]] ?? []
                #expect(objects.map { $0["id"] as? String } == [group.id])
                #expect(objects.first?["name"] as? String == "APT Test")
            }
            try await client.execute(uri: "\(base)/objects/\(group.id)/versions/", method: .get, headers: .taxii) { response in
                let parsed = try ServerFixture.json(response.body)
                #expect(parsed["versions"] as? [String] == ["2024-06-01T00:00:00.000Z"])
            }
            try await client.execute(uri: "\(base)/objects/intrusion-set--nope/", method: .get, headers: .taxii) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "\(base)/manifest/?limit=3", method: .get, headers: .taxii) { response in
                let body = try ServerFixture.json(response.body)
                let items = body["objects"] as? [[String: Any]] ?? []
                #expect(items.count == 3)
                #expect(body["more"] as? Bool == true && body["next"] as? String == "3")
                #expect(items.allSatisfy { $0["media_type"] as? String == "application/stix+json;version=2.1" && $0["version"] != nil })
            }
            try await client.execute(uri: "/api/v21/collections/nope/objects/", method: .get, headers: .taxii) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "\(base)/objects/", method: .post, headers: .taxii, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "\(base)/objects/\(group.id)/", method: .delete, headers: .taxii) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v21/collections/nope/objects/\(group.id)/", method: .delete, headers: .taxii) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func basicAuthWhenConfigured() async throws {
        let options = ServerOptions(token: "0123456789abcdef-token", taxiiAuthentication: true)
        try await ServerFixture.application(try ServerFixture.sampleData(), options: options).test(.router) { client in
            try await client.execute(uri: "/api/v21/collections/", method: .get, headers: .taxii) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Basic") == true)
            }
            let good = "Basic " + Data("analyst:0123456789abcdef-token".utf8).base64EncodedString()
            try await client.execute(uri: "/api/v21/collections/", method: .get, headers: [.accept: "application/taxii+json;version=2.1", .authorization: good]) { response in
                #expect(response.status == .ok)
            }
            let bad = "Basic " + Data("analyst:wrong".utf8).base64EncodedString()
            try await client.execute(uri: "/api/v21/collections/", method: .get, headers: [.accept: "application/taxii+json;version=2.1", .authorization: bad]) { response in
                #expect(response.status == .unauthorized)
            }
        }
    }

    @Test func healthAndBodyLimit() async throws {
        let options = ServerOptions(bodyLimit: 1024)
        try await ServerFixture.application(try ServerFixture.sampleData(), options: options).test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                let parsed = try ServerFixture.json(response.body)
                #expect(parsed["status"] as? String == "ok")
            }
            try await client.execute(uri: "/api/v21/collections/x/objects/", method: .post,
                                     headers: [.contentLength: "1073741824"]) { response in
                #expect(response.status == .contentTooLarge)
            }
        }
    }
}
