import ATTACK
import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import STIX
import TestSupport
import Testing

@Suite struct APIRoutesTests {
    @Test func groupAnswerIsTheCLIsJSON() async throws {
        let data = try ServerFixture.sampleData()
        let kb = data.releases[0].knowledgeBase
        let group = try kb.resolve("G0001", kind: .group).object
        let expected = GroupProfile(group: group, in: kb).json(kb: kb).serialized(pretty: false)
        try await ServerFixture.application(data).test(.router) { client in
            try await client.execute(uri: "/api/groups/test%20bear", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(String(buffer: response.body) == expected)
                let body = try ServerFixture.json(response.body)
                #expect((body["techniques"] as? [[String: Any]])?.compactMap { $0["id"] as? String }.sorted() == ["T1027", "T1059.001"])
            }
        }
    }

    @Test func unknownNamesGiveTheLookupErrorWithSuggestions() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/api/groups/APT%20Tset", method: .get) { response in
                #expect(response.status == .notFound)
                let error = try ServerFixture.json(response.body)["error"] as? [String: Any]
                #expect(error?["status"] as? Int == 404)
                #expect((error?["message"] as? String)?.contains("APT Test") == true)
            }
            try await client.execute(uri: "/api/groups?domain=moon", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/groups?version=1.0", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/nothing/here", method: .get) { response in
                #expect(response.status == .notFound)
                let body = try ServerFixture.json(response.body)
                #expect(body["error"] != nil)
            }
        }
    }

    @Test func listsTechniquesSearchAndOpenAPI() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/api/groups?match=bear", method: .get) { response in
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect(list?.compactMap { $0["id"] as? String } == ["G0001"])
            }
            try await client.execute(uri: "/api/techniques?tactic=defense-evasion", method: .get) { response in
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect(Set(list?.compactMap { $0["id"] as? String } ?? []) == ["T1027", "T1218"])
            }
            try await client.execute(uri: "/api/techniques/T1086", method: .get) { response in
                let body = try ServerFixture.json(response.body)
                #expect(body["id"] as? String == "T1059.001")
                #expect(body["note"] != nil)
            }
            try await client.execute(uri: "/api/search?q=powershell&limit=1", method: .get) { response in
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect(list?.count == 1)
            }
            try await client.execute(uri: "/api/search?q=powershell&limit=0", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                let doc = try ServerFixture.json(response.body)
                #expect(doc["openapi"] as? String == "3.1.0")
                let paths = doc["paths"] as? [String: Any] ?? [:]
                #expect(paths["/api/groups/{name}"] != nil)
            }
        }
    }

    @Test func similarRanksTheGroupThatUsesTheObservedTechniques() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/api/similar?techniques=T1027,T1059.001", method: .get) { response in
                #expect(response.status == .ok)
                let list = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [[String: Any]]
                #expect(list?.first?["id"] as? String == "G0001")
                #expect(list?.first?["explanation"] is String)
            }
            try await client.execute(uri: "/api/similar?techniques=T9999", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/similar?techniques=&software=", method: .get) { response in
                #expect(response.status == .ok, "nothing observed resembles no group")
                #expect(String(buffer: response.body).hasPrefix("["))
                #expect(!String(buffer: response.body).contains("\"id\""))
            }
            try await client.execute(uri: "/?similar=T1027", method: .get) { response in
                #expect(String(buffer: response.body).contains("G0001 APT Test</a>"))
            }
        }
    }
}
