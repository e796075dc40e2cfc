import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import TestSupport
import Testing

/// Serving a STIX 2.0 bundle must give what MITRE publishes as the 2.1 bundle of the same release.
@Suite struct TAXIIConversionTests {
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func ics20ServedEqualsMITREs21Bundle() async throws {
        let data = try await ServerData.load(files: [SharedData.bundle("ics-attack-18.1.json")])
        let reference = SharedData.attackData.appendingPathComponent("stix21/ics-attack-18.1.json")
        let bundle = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: reference)) as? [String: Any])
        var expected: [String: NSDictionary] = [:]
        for case let o as [String: Any] in bundle["objects"] as? [Any] ?? [] where o["type"] as? String != "x-mitre-collection" {
            if let id = o["id"] as? String { expected[id] = o as NSDictionary }
        }
        let uri = "/api/v21/collections/x-mitre-collection--90c00720-636b-4485-b342-8751d232bf09/objects/"
        let body = try await ServerFixture.application(data).test(.router) { client in
            try await client.execute(uri: uri, method: .get, headers: .taxii) { $0.body }
        }
        let objects = try ServerFixture.json(body)["objects"] as? [[String: Any]] ?? []
        #expect(objects.count == expected.count)
        var different: [String] = []
        for o in objects {
            guard let id = o["id"] as? String, let want = expected[id] else { different.append("unexpected \(o["id"] ?? "?")"); continue }
            if !(o as NSDictionary).isEqual(want) { different.append(id) }
        }
        #expect(different.isEmpty, "objects differing from MITRE's 2.1 bundle: \(different.prefix(5))")
    }
}
