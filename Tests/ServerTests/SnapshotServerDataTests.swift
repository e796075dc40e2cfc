import DataStore
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Server
import TestSupport
import Testing

/// The server loads releases from their snapshots and answers the same as from the bundles,
/// over the JSON API and TAXII alike.
@Suite struct SnapshotServerDataTests {
    /// Lines collected from concurrent code (notes, response bodies).
    final class Notes: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    }

    /// The bodies of a group's profile and of a whole TAXII collection.
    static func answers(_ data: ServerData) async throws -> [String] {
        let bodies = Notes()
        let collection = "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019"
        try await ServerFixture.application(data).test(.router) { client in
            try await client.execute(uri: "/api/groups/G0001", method: .get) { response in
                #expect(response.status == .ok)
                bodies.add(String(buffer: response.body))
            }
            try await client.execute(uri: "/api/v21/collections/\(collection)/objects/?limit=1000", method: .get, headers: .taxii) { response in
                #expect(response.status == .ok)
                bodies.add(String(buffer: response.body))
            }
        }
        return bodies.all
    }

    @Test func answersFromSnapshotsEqualTheBundles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-server-snapshot-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var fixture = FixtureBundle.sample()
        fixture.collection(id: "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019", version: "18.1")
        let bundle = folder.appendingPathComponent("enterprise-attack-18.1.json")
        try Data(fixture.json().utf8).write(to: bundle)
        let store = SnapshotStore(cache: CacheDirectory(url: folder.appendingPathComponent("cache")))
        let notes = Notes()

        let parsed = try await Self.answers(try await ServerData.load(files: [bundle]))
        let cold = try await ServerData.load(files: [bundle], snapshots: store) { notes.add($0) }
        #expect(FileManager.default.fileExists(atPath: store.snapshotFile(bundle: bundle.path).path))
        let warm = try await ServerData.load(files: [bundle], snapshots: store) { notes.add($0) }
        #expect(warm.releases.map(\.version) == ["18.1"])
        #expect(try await Self.answers(cold) == parsed)
        #expect(try await Self.answers(warm) == parsed)
        #expect(parsed[1].contains("\"intrusion-set--"))
        #expect(notes.all.isEmpty)
    }
}
