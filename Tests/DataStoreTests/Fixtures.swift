import ATTACK
import Foundation
@testable import DataStore
import TestSupport

/// A fresh folder under the system temporary folder, removed when released.
final class TemporaryDirectory: @unchecked Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("ttpkit-datastore-tests-\(UUID().uuidString.lowercased())", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    /// Writes `text` to `name` inside the folder and returns its URL.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> URL {
        let file = url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: file)
        return file
    }

    /// A subfolder (created).
    func folder(_ name: String) throws -> URL {
        let folder = url.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// The names in the folder (or a subfolder), sorted.
    func names(in folder: URL? = nil) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: (folder ?? url).path)) ?? []).sorted()
    }
}

enum Fixture {
    /// A minimal ATT&CK bundle of `domain`: its collection object, a matrix, a tactic and a
    /// technique; `padding` grows the file.
    static func bundle(version: String = "18.1", domain: AttackDomain = .enterprise, padding: Int = 0) -> String {
        let filler = String(repeating: "x", count: padding)
        return """
        {"type": "bundle", "id": "bundle--00000000-0000-4000-8000-000000000001", "objects": [
          {"type": "x-mitre-collection", "id": "\(domain.collectionID)",
           "x_mitre_version": "\(version)", "name": "\(domain.collectionName)"},
          {"type": "x-mitre-matrix", "id": "x-mitre-matrix--eafc1b4c-5e56-4965-bd4e-66a6a89c88cc",
           "name": "\(domain.collectionName)", "tactic_refs": ["x-mitre-tactic--d679bca2-e57d-4935-8650-8031c87a4400"],
           "external_references": [{"source_name": "mitre-attack", "external_id": "\(domain.fileStem)"}]},
          {"type": "x-mitre-tactic", "id": "x-mitre-tactic--d679bca2-e57d-4935-8650-8031c87a4400",
           "name": "Collection", "x_mitre_shortname": "collection"},
          {"type": "attack-pattern", "id": "attack-pattern--0259baeb-9f63-4c69-bf10-eb038c390688",
           "name": "Screen Capture", "x_mitre_deprecated": false, "description": "\(filler)"}
        ]}
        """
    }

    /// A bundle without a matrix (a STIX bundle, but not ATT&CK).
    static let bundleWithoutMatrix = """
        {"type": "bundle", "id": "bundle--1", "objects": [{"type": "identity", "id": "identity--1"}]}
        """

    /// A release index whose versions point at `base` (the loopback server).
    static func index(base: URL, enterprise: [String] = ["18.1"], mobile: [String] = [], ics: [String] = []) -> String {
        func versions(_ stem: String, _ list: [String]) -> String {
            list.map { """
                {"version": "\($0)", "url": "\(base.absoluteString)/\(stem)/\(stem)-\($0).json", "modified": "2025-11-13T14:00:00.188Z"}
                """ }.joined(separator: ",")
        }
        return """
        {"id": "10296991-439b-4202-90a3-e38812613ad4", "name": "MITRE ATT&CK", "modified": "2025-11-13T14:00:00.188Z",
         "collections": [
          {"id": "\(AttackDomain.enterprise.collectionID)", "name": "Enterprise ATT&CK", "versions": [\(versions("enterprise-attack", enterprise))]},
          {"id": "\(AttackDomain.mobile.collectionID)", "name": "Mobile ATT&CK", "versions": [\(versions("mobile-attack", mobile))]},
          {"id": "\(AttackDomain.ics.collectionID)", "name": "ICS ATT&CK", "versions": [\(versions("ics-attack", ics))]}
         ]}
        """
    }

    /// Collects progress events from any thread.
    final class ProgressLog: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: [DataStoreProgress] = []
        var events: [DataStoreProgress] { lock.withLock { stored } }
        var handler: ProgressHandler { { [self] event in lock.withLock { stored.append(event) } } }
    }
}

extension Data {
    /// Splits into `count` nearly equal pieces.
    func pieces(_ count: Int) -> [Data] {
        let size = Swift.max(1, (self.count + count - 1) / count)
        return stride(from: 0, to: self.count, by: size).map { subdata(in: $0..<Swift.min($0 + size, self.count)) }
    }
}
