import Answers
import ATTACK
import Foundation
import Hummingbird
import HummingbirdTesting
@testable import Server
import STIX
import TestSupport
import Testing

@Suite struct APIRoutesTests {
    @Test func groupAnswerIsTheCLIsJSON() async throws {
        let data = try ServerFixture.sampleData()
        let kb = data.releases[0].knowledgeBase
        let group = try Questions.resolve("G0001", .group, kb)
        let expected = Questions.group(group, in: kb).json.serialized(pretty: false)
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
                let body = try ServerFixture.json(response.body)
                let list = body["groups"] as? [[String: Any]]
                #expect(list?.compactMap { $0["id"] as? String } == ["G0001"])
                #expect(body["count"] as? Int == 1)
                #expect((body["provenance"] as? [String: Any])?["release"] != nil)
            }
            try await client.execute(uri: "/api/techniques?tactic=defense-evasion", method: .get) { response in
                let list = try ServerFixture.json(response.body)["techniques"] as? [[String: Any]]
                #expect(Set(list?.compactMap { $0["id"] as? String } ?? []) == ["T1027", "T1218"])
            }
            try await client.execute(uri: "/api/techniques/T1086", method: .get) { response in
                let body = try ServerFixture.json(response.body)
                #expect(body["id"] as? String == "T1059.001")
                #expect(body["note"] != nil)
            }
            try await client.execute(uri: "/api/search?q=powershell&limit=1", method: .get) { response in
                let list = try ServerFixture.json(response.body)["hits"] as? [[String: Any]]
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
                let list = try ServerFixture.json(response.body)["matches"] as? [[String: Any]]
                #expect(list?.first?["id"] as? String == "G0001")
                #expect(list?.first?["explanation"] is String)
            }
            try await client.execute(uri: "/api/similar?techniques=T1027&techniques=T9999", method: .get) { response in
                #expect(response.status == .ok, "an unknown technique is skipped with a note, as the CLI does")
                let notes = try ServerFixture.json(response.body)["warnings"] as? [String]
                #expect(notes?.first?.contains("T9999") == true)
            }
            for uri in ["/api/similar?techniques=T9999", "/api/similar?techniques=&software="] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "nothing usable observed: \(uri)")
                }
            }
            try await client.execute(uri: "/?similar=T1027", method: .get) { response in
                #expect(String(buffer: response.body).contains("G0001 APT Test</a>"))
            }
        }
    }
}

/// Query strings are decoded as browsers and HTTP clients send them.
@Suite struct QueryDecodingTests {
    @Test func plusIsASpaceAndRepeatedParametersJoin() throws {
        let q = try Query(raw: "groups=Sandworm+Team&groups=APT29&q=cozy%20bear&match%5Btype%5D=x&empty")
        #expect(q["groups"] == "Sandworm Team,APT29")
        #expect(q["q"] == "cozy bear")
        #expect(q["match[type]"] == "x")
        #expect(q["empty"] == "")
        #expect(q["absent"] == nil)
        #expect(try Query(raw: "q=caf%C3%A9+%2B+1")["q"] == "café + 1")
    }

    @Test func badEncodingsAreRefused() {
        for raw in ["q=%ZZ", "q=%4", "q=%C3", "q=%FF%FE", "%ZZ=1"] {
            #expect(throws: Query.Failure.self, "\(raw)") { try Query(raw: raw) }
        }
    }

    @Test func formEncodedNamesFindTheSameAnswers() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            var bodies: [String] = []
            for uri in ["/api/search?q=apt+test", "/api/search?q=apt%20test"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok)
                    bodies.append(String(buffer: response.body))
                }
            }
            #expect(bodies.count == 2 && bodies[0] == bodies[1])
            #expect(bodies.first?.contains("G0001") == true)
            try await client.execute(uri: "/api/compare?groups=G0001&groups=Other+Group", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/api/search?q=%FF", method: .get) { response in
                #expect(response.status == .badRequest)
            }
        }
    }
}
