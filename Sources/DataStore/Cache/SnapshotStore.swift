import ATTACK
import Foundation
import Output
import STIX

/// Compiled knowledge-base snapshots, one per bundle file, in `<cache>/snapshots/`.
///
/// The first load of a bundle parses it and writes a snapshot of the knowledge base
/// (``KnowledgeBase/snapshot(key:)``), atomically; later loads map the snapshot and read only
/// what the question needs. A snapshot is found by the bundle's path and used only when its
/// key matches the bundle as it is now (device, inode, size, modification and change times),
/// so an edited or replaced bundle is parsed again. Before use the file must pass
/// ``CacheFile``'s checks (a regular file of this user that nobody else may write) and
/// ``SnapshotImage``'s (magic, format, size, header and index checksums); a file that fails
/// is rebuilt with one line to `note` and never trusted. The bundle's SHA-256 travels in the
/// snapshot (``KnowledgeBase/sourceDigests``), so answers name their data without hashing it.
///
/// ```swift
/// let store = SnapshotStore(cache: .resolve())
/// let library = try store.library([bundleURL]) { note in print("ttpkit: note: \(note)") }
/// ```
public struct SnapshotStore: Sendable {
    /// The folder snapshots are kept in.
    public let directory: URL

    /// The largest snapshot read (an Enterprise snapshot is about 40 MB).
    public static let sizeLimit = 1 << 30

    /// Takes over writing the snapshot of a bundle just parsed (true: taken, e.g. by a child
    /// process; false: write it here). Nil: written here, before the answer.
    public var handOff: (@Sendable (URL) -> Bool)?

    /// Whether objects and relationships stay in the snapshot until read (see
    /// ``KnowledgeBase/init(snapshot:key:onDemand:)``): for one question, not a server.
    public var onDemand: Bool

    /// The store in `cache`'s `snapshots` folder.
    public init(cache: CacheDirectory, onDemand: Bool = false) {
        directory = cache.url.appendingPathComponent("snapshots", isDirectory: true)
        self.onDemand = onDemand
    }

    /// How a knowledge base was loaded.
    public enum Origin: Sendable, Equatable {
        /// From its snapshot.
        case snapshot
        /// Parsed from the bundle; the snapshot was written, or `writeError` says why not.
        case parsed(writeError: String?)
        /// Parsed from the bundle; ``handOff`` took over writing the snapshot.
        case handedOff
    }

    /// Every bundle in `urls`, grouped by domain as ``AttackLibrary/load(_:attackVersion:)``
    /// does, each from its snapshot when it has a usable one.
    public func library(_ urls: [URL], note: @Sendable (String) -> Void) throws(LoadError) -> AttackLibrary {
        try AttackLibrary.load(urls) { url throws(LoadError) in try knowledgeBase(bundle: url, note: note).knowledgeBase }
    }

    /// The knowledge base of one bundle file: from its snapshot when usable, else parsed and
    /// snapshotted. `rebuild` ignores an existing snapshot (and replaces it).
    public func knowledgeBase(
        bundle url: URL, rebuild: Bool = false, note: @Sendable (String) -> Void
    ) throws(LoadError) -> (knowledgeBase: KnowledgeBase, origin: Origin) {
        let path = url.path
        guard let key = Self.key(bundle: path) else {
            return (try KnowledgeBase.load(contentsOf: url), .parsed(writeError: "not a regular file"))  // the load says what is wrong
        }
        let file = snapshotFile(bundle: path)
        if !rebuild {
            do throws(SnapshotError) {
                if let kb = try read(file, key: key) { return (kb, .snapshot) }
            } catch {
                note("snapshot \(file.path): \(error.reason); rebuilt from \(path)")
            }
        }
        let kb = try KnowledgeBase.load(contentsOf: url)
        if let handOff, handOff(url) { return (kb, .handedOff) }
        return (kb, .parsed(writeError: write(kb, key: key, to: file)))
    }

    /// The snapshot file of the bundle at `path`: its file name and a digest of its path and
    /// of the snapshot format, so bundles of the same name in two folders keep two snapshots.
    public func snapshotFile(bundle path: String) -> URL {
        let name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
        var safe = ""
        for scalar in name.unicodeScalars.prefix(80) {
            let kept = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || ".-_".unicodeScalars.contains(scalar))
            safe.unicodeScalars.append(kept ? scalar : "_")
        }
        let digest = Array("\(path)\n\(KnowledgeBase.snapshotFormat)".utf8).withUnsafeBytes { SnapshotChecksum.of($0) }
        return directory.appendingPathComponent("\(safe)-\(String(digest, radix: 16)).snapshot")
    }

    /// Writes the snapshot of `kb`; the error when it could not be written.
    @discardableResult
    public func write(_ kb: KnowledgeBase, key: [String], to file: URL) -> String? {
        do {
            let bytes = try kb.snapshot(key: key)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            try OutputFile.writeCacheFile(Data(bytes), to: file.path)
            return nil
        } catch {
            return "\(error)"
        }
    }

    /// The knowledge base in `file`, or nil when there is no such file.
    private func read(_ file: URL, key: [String]) throws(SnapshotError) -> KnowledgeBase? {
        let data: Data
        do throws(CacheFileError) {
            data = try CacheFile.map(path: file.path, limit: Self.sizeLimit)
        } catch .missing {
            return nil
        } catch {
            throw SnapshotError(error.description)
        }
        let image = try SnapshotImage(SourceBytes(data), version: KnowledgeBase.snapshotFormat)
        return try KnowledgeBase(snapshot: image, key: key, onDemand: onDemand)
    }

    /// What identifies the bundle at `path` as it is now; nil when it cannot be read as a file
    /// (the load then reports why).
    public static func key(bundle path: String) -> [String]? {
        guard let id = FileIdentity(path: path) else { return nil }
        return [
            "bundle \(path)", "device \(id.device)", "inode \(id.inode)", "size \(id.size)",
            "modified \(id.modified)", "changed \(id.changed)",
        ]
    }
}
