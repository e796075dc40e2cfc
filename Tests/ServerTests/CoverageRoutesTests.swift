import Coverage
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Server
import STIX
import Testing

@Suite struct CoverageRoutesTests {
    static let token = "0123456789abcdef-push-token"
    /// What `ttpkit coverage push` sends: the write token as bearer, a JSON body.
    static let pushHeaders: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
    /// A coverage read with the token.
    static let readHeaders: HTTPFields = [.authorization: "Bearer \(token)"]

    static func coverageFile(detected: [String]) throws -> String {
        let kb = try ServerFixture.sampleData().releases[0].knowledgeBase
        let techniques = ["T1059", "T1059.001", "T1027"].map { id in
            TechniqueCoverage(techniqueID: id, name: id, state: detected.contains(id) ? .detected : .blind, score: detected.contains(id) ? 1 : 0)
        }
        return CoverageDocument.text(CoverageResult(domain: .enterprise, techniques: techniques), knowledgeBase: kb)
    }

    func makeApp(token: String? = token) async throws -> (some ApplicationProtocol, any CoverageHistoryStore) {
        let store = try await ServerFixture.memoryHistory()
        let router = TTPKitServer.router(data: try ServerFixture.sampleData(), options: ServerOptions(token: token), store: store)
        return (Application(router: router, logger: ServerFixture.quietLogger), store)
    }

    @Test func pushHistoryAndDiff() async throws {
        let (app, store) = try await makeApp()
        try await app.test(.router) { client in
            let auth = Self.pushHeaders
            var ids: [Int] = []
            for detected in [["T1027"], ["T1027", "T1059.001"]] {
                try await client.execute(uri: "/api/coverage/?repository=det&branch=main&commit=abc", method: .post, headers: auth,
                                         body: ByteBuffer(string: try Self.coverageFile(detected: detected))) { response in
                    #expect(response.status == .created)
                    ids.append(try ServerFixture.json(response.body)["id"] as? Int ?? -1)
                }
            }
            try await client.execute(uri: "/api/coverage/history?repository=det&branch=main", method: .get, headers: Self.readHeaders) { response in
                let snapshots = try ServerFixture.json(response.body)["snapshots"] as? [[String: Any]] ?? []
                #expect(snapshots.compactMap { $0["id"] as? Int } == ids)
                let execution = (snapshots.last?["tactics"] as? [[String: Any]])?.first { $0["tactic"] as? String == "execution" }
                #expect(execution?["detected"] as? Int == 1)   // T1059.001 only: a sub-technique's rule does not cover T1059
                #expect((execution?["blind"] as? Int ?? 0) >= 1)  // T1059 stays blind
            }
            try await client.execute(uri: "/api/coverage/diff?from=\(ids[0])&to=\(ids[1])", method: .get, headers: Self.readHeaders) { response in
                #expect(response.status == .ok)
                let summary = try ServerFixture.json(response.body)["summary"] as? [String: Any]
                #expect(summary?["gained"] as? Int == 1)
            }
        }
        await store.shutdown()
    }

    @Test func pushesNeedTheTokenAndValidFiles() async throws {
        let (app, store) = try await makeApp()
        try await app.test(.router) { client in
            let body = ByteBuffer(string: try Self.coverageFile(detected: []))
            try await client.execute(uri: "/api/coverage/?repository=r&branch=b&commit=c", method: .post, body: body) { response in
                #expect(response.status == .unauthorized)
            }
            let auth = Self.pushHeaders
            try await client.execute(uri: "/api/coverage/?repository=r&branch=b&commit=c&name=bad.json", method: .post, headers: auth,
                                     body: ByteBuffer(string: "{\"techniques\": [1,")) { response in
                #expect(response.status == .badRequest)
                let message = (try ServerFixture.json(response.body)["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.hasPrefix("bad.json:1: "))
            }
            try await client.execute(uri: "/api/coverage/?repository=r&branch=b", method: .post, headers: auth, body: body) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/coverage/history", method: .get, headers: Self.readHeaders) { response in
                let parsed = try ServerFixture.json(response.body)
                #expect((parsed["snapshots"] as? [Any])?.isEmpty == true)
            }
        }
        await store.shutdown()
        let (readOnly, other) = try await makeApp(token: nil)
        try await readOnly.test(.router) { client in
            try await client.execute(uri: "/api/coverage/?repository=r&branch=b&commit=c", method: .post,
                                     headers: Self.pushHeaders, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .forbidden)
            }
        }
        await other.shutdown()
    }
}
