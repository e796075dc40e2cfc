import Answers
import ATTACK
import Coverage
import Foundation
import Hummingbird
import HummingbirdTesting
import Intel
import Logging
import Navigator
import Reports
import Server
import STIX
import TestSupport
import Testing

/// The analyses of the JSON API answer what the CLI's library calls answer for `--format json`.
@Suite struct AnalysisRoutesTests {
    func makeApp(bodyLimit: Int = 32 << 20) async throws -> (some ApplicationProtocol, any CoverageHistoryStore) {
        let store = try await ServerFixture.memoryHistory()
        let router = TTPKitServer.router(data: try ServerFixture.sampleData(),
                                         options: ServerOptions(bodyLimit: bodyLimit, token: CoverageRoutesTests.token, publicReads: true), store: store)
        return (Application(router: router, logger: ServerFixture.quietLogger), store)
    }

    @Test func compareIsTheCLIsComparison() async throws {
        let kb = try ServerFixture.sampleData().releases[0].knowledgeBase
        let expected = try Questions.compare(["G0001", "G0002"], in: kb).json.serialized(pretty: false)
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/api/compare?groups=G0001,Other%20Group", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == expected)
            }
            try await client.execute(uri: "/api/compare?groups=G0001", method: .get) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/compare?groups=G0001,Nobody%20Here", method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func extractFindsExactMentionsAndRefusesEmptyOrLargeBodies() async throws {
        let (app, store) = try await makeApp(bodyLimit: 64 << 10)
        try await app.test(.router) { client in
            let report = "The actors ran T1027 and used EvilTool. APT Test was blamed."
            try await client.execute(uri: "/api/extract?no_learned=true", method: .post, body: ByteBuffer(string: report)) { response in
                #expect(response.status == .ok)
                let answer = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                let items = answer?["findings"] as? [[String: Any]] ?? []
                let ids = items.compactMap { $0["id"] as? String }
                let provenance = answer?["provenance"] as? [String: Any]
                let files = provenance?["files"] as? [[String: Any]]
                #expect(files?.first?["name"] as? String == "sample.json" && (files?.first?["sha256"] as? String)?.count == 64)
                #expect(provenance?["model"] == nil, "exact mentions: no model")
                #expect(provenance?["options"] as? [String: String] == ["no_learned": "true"])
                #expect(ids.contains("T1027"))
                #expect(ids.contains("S0001"))
                #expect(ids.contains("G0001"))
                #expect(items.first { $0["id"] as? String == "T1027" }?["confidence"] as? Double == 1)
                // Triage: the line, the tactic it is listed under, the grouping (issue 21).
                let t1027 = items.first { $0["id"] as? String == "T1027" }
                #expect(t1027?["line"] as? Int == 1 && t1027?["tactic"] as? String == "defense-evasion")
                #expect((t1027?["evidence"] as? [[String: Any]])?.first?["sentence"] as? String == "The actors ran T1027 and used EvilTool.")
                #expect((answer?["by_tactic"] as? [[String: Any]])?.first?["techniques"] as? [String] == ["T1027"])
            }
            try await client.execute(uri: "/api/extract?no_learned=true&all=true", method: .post, body: ByteBuffer(string: report)) { response in
                #expect(response.status == .ok)
                let answer = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                #expect((answer?["provenance"] as? [String: Any])?["options"] as? [String: String] == ["no_learned": "true", "all": "true"])
            }
            try await client.execute(uri: "/api/extract?all=maybe", method: .post, body: ByteBuffer(string: report)) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/extract?no_learned=true", method: .post, body: ByteBuffer(string: "  \n ")) { response in
                #expect(response.status == .badRequest)
            }
            let large = ByteBuffer(string: String(repeating: "T1027 ", count: 20_000))
            try await client.execute(uri: "/api/extract?no_learned=true", method: .post, body: large) { response in
                #expect(response.status == .contentTooLarge)
            }
            try await client.execute(uri: "/api/extract?min_confidence=2", method: .post, body: ByteBuffer(string: report)) { response in
                #expect(response.status == .badRequest)
            }
        }
        await store.shutdown()
    }

    @Test func gapsAndTheReportOfAPostedFileOrAStoredSnapshot() async throws {
        let (app, store) = try await makeApp()
        let file = try CoverageRoutesTests.coverageFile(detected: ["T1027"])
        let kb = try ServerFixture.sampleData().releases[0].knowledgeBase
        let result = try CoverageDocument.parse(Data(file.utf8), source: "coverage.json", knowledgeBase: nil).aligned(to: kb)
        let selection = try GroupSelection.choose(.named(["G0001"]), galaxy: nil, knowledgeBase: kb)
        let study = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb)
        let expected = Questions.gaps(study, result: result, selection: selection, in: kb).json.serialized(pretty: false)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/gaps?groups=G0001", method: .post, body: ByteBuffer(string: file)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == expected)
                let gaps = try ServerFixture.json(response.body)["gaps"] as? [[String: Any]] ?? []
                let ids = gaps.compactMap { $0["id"] as? String }
                #expect(ids.contains("T1059.001"))  // via its campaign, not Detected
                #expect(!ids.contains("T1027"))  // Detected
            }
            var id = 0
            try await client.execute(uri: "/api/coverage/?repository=r&branch=b&commit=c", method: .post,
                                     headers: CoverageRoutesTests.pushHeaders, body: ByteBuffer(string: file)) { response in
                id = try ServerFixture.json(response.body)["id"] as? Int ?? -1
            }
            try await client.execute(uri: "/api/gaps?coverage=\(id)&groups=G0001", method: .get) { response in
                #expect(String(buffer: response.body) == expected)
            }
            try await client.execute(uri: "/api/report?coverage=\(id)&groups=*&title=Ours", method: .get) { response in
                #expect(response.status == .ok)
                let report = try ServerFixture.json(response.body)
                #expect(report["title"] as? String == "Ours")
                let types = Set((report["blocks"] as? [[String: Any]] ?? []).compactMap { $0["type"] as? String })
                #expect(types.isSuperset(of: ["heading", "key_figures", "figure"]))
            }
            try await client.execute(uri: "/api/gaps?coverage=999&groups=G0001", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/gaps?coverage=\(id)&groups=Nobody", method: .get) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/api/gaps?groups=G0001", method: .post, body: ByteBuffer(string: "{\"techniques\": [1,")) { response in
                #expect(response.status == .badRequest)
            }
        }
        await store.shutdown()
    }

    /// The fixture with its pre-compromise part: T1583.001 Domains (Resource Development) is
    /// used by both groups, so it would rank with T1059.001; it is listed apart unless included, in
    /// `/api/gaps` and in the report's blind spots alike.
    @Test func preCompromiseTechniquesAreApartUnlessIncluded() async throws {
        let bundle = try STIXBundle.parse(Data(FixtureBundle.sample(preCompromise: true).json().utf8), source: "sample.json")
        let file = try CoverageRoutesTests.coverageFile(detected: ["T1027"])
        try await ServerFixture.application(try ServerData.make(bundles: [bundle])).test(.router) { client in
            for (query, expected) in [("", ["T1059.001"]), ("&include_pre_compromise=true", ["T1059.001", "T1583.001"])] {
                try await client.execute(uri: "/api/gaps?groups=G0001,G0002" + query, method: .post, body: ByteBuffer(string: file)) { response in
                    #expect(response.status == .ok)
                    let json = try ServerFixture.json(response.body)
                    let gaps = (json["gaps"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                    #expect(gaps == expected)
                    let apart = (json["pre_compromise"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
                    #expect(apart == (query.isEmpty ? ["T1583.001"] : []))
                }
                try await client.execute(uri: "/api/report?groups=G0001,G0002" + query, method: .post, body: ByteBuffer(string: file)) { response in
                    let blocks = try ServerFixture.json(response.body)["blocks"] as? [[String: Any]] ?? []
                    let heading = blocks.firstIndex { $0["text"] as? String == "Top 10 blind spots" } ?? blocks.endIndex
                    let table = blocks[heading...].first { $0["type"] as? String == "table" }
                    let rows = (table?["rows"] as? [[String]] ?? []).compactMap { $0.dropFirst().first?.split(separator: " ").first.map(String.init) }
                    #expect(rows == expected)
                }
            }
        }
    }

    @Test func layersAreGeneratedAndRendered() async throws {
        let (app, store) = try await makeApp()
        let kb = try ServerFixture.sampleData().releases[0].knowledgeBase
        let group = try LayerGenerator(kb: kb).groups(["G0001"]).layer
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/layers/groups?groups=G0001", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == LayerFile.jsonValue([group]).serialized(pretty: false))
            }
            let file = try CoverageRoutesTests.coverageFile(detected: ["T1027"])
            try await client.execute(uri: "/api/layers/coverage", method: .post, body: ByteBuffer(string: file)) { response in
                #expect(response.status == .ok)
                let layer = try LayerFile.parse(Data(buffer: response.body), source: "coverage-layer.json").layers.first
                #expect(layer?.techniques.contains { $0.techniqueID == "T1027" } == true)
            }
            try await client.execute(uri: "/api/layers/render?format=svg", method: .post,
                                     body: ByteBuffer(string: LayerFile.serialize([group]))) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "image/svg+xml")
                #expect(String(buffer: response.body).contains("<svg"))
            }
            try await client.execute(uri: "/api/layers/render?format=pdf", method: .post, body: ByteBuffer(string: "{}")) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: "/api/layers/render?format=svg", method: .post, body: ByteBuffer(string: "{\"name\": 3}")) { response in
                #expect(response.status == .badRequest)
            }
        }
        await store.shutdown()
    }

    @Test func theOpenAPIDocumentNamesEveryNewRoute() async throws {
        try await ServerFixture.application(try ServerFixture.sampleData()).test(.router) { client in
            try await client.execute(uri: "/api/openapi.json", method: .get) { response in
                let paths = try ServerFixture.json(response.body)["paths"] as? [String: Any] ?? [:]
                for path in ["/api/compare", "/api/extract", "/api/gaps", "/api/report", "/api/layers/groups", "/api/layers/coverage", "/api/layers/render"] {
                    #expect(paths[path] != nil, "\(path) is documented")
                }
            }
        }
    }
}
