import Foundation
import Output
import STIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What a rule scan made of each file, kept in ttpkit's cache so the next scan of the same
/// folders parses only the files that changed (`<cache>/rules/scan-<digest>.cache`, one per
/// set of scanned paths, and working folder when a path is relative; files of scans not run for
/// 30 days are removed).
///
/// A file's cached outcome is used only when the file is, by `stat`, the one parsed: same
/// device, inode, size, and modification and change times to the nanosecond (the test the
/// knowledge-base snapshots use for bundles). Files changed less than ``settleSeconds`` before
/// a scan are parsed but not kept, since a file system with coarse timestamps could hide a
/// second edit within the same tick. Outcomes are tied to the ttpkit build that parsed them
/// (its executable's identity), so a new build's parsers read every file again. Files that
/// could not be read are never kept.
///
/// The cache file is read only when ``CacheFile`` trusts it (a regular file of this user that
/// nobody else may write) and its integrity tag matches; a damaged one is ignored with a note
/// and replaced. It is replaced atomically, never written in place. A scan with or without the
/// cache gives the same ``RuleScan``.
///
/// ```swift
/// var scanner = RuleScanner()
/// scanner.cache = RuleScanCache(cacheFolder: cacheFolder)
/// let scan = await scanner.scan(["rules/sigma"])   // a second run reads only changed files
/// ```
public struct RuleScanCache: Sendable {
    /// The folder cache files are kept in (`<cache>/rules`).
    public let directory: URL
    /// Files modified or changed this recently (seconds before the scan) are not kept.
    public var settleSeconds: Int
    /// Hears why an existing cache file was not used (damaged, untrusted); not called when
    /// there is none or it is from another build.
    public var note: (@Sendable (String) -> Void)?

    /// The largest cache file read.
    static let sizeLimit = 256 << 20
    static let magic = Array("TTPKRULESCAN2\n".utf8)

    /// A cache in `<cache>/rules`, given ttpkit's cache folder.
    public init(cacheFolder: URL, settleSeconds: Int = 2, note: (@Sendable (String) -> Void)? = nil) {
        directory = cacheFolder.appendingPathComponent("rules", isDirectory: true)
        self.settleSeconds = settleSeconds
        self.note = note
    }

    /// One file's outcome as kept: the file's identity when parsed and what it gave.
    struct Entry: Sendable {
        var path: String
        var explicit: Bool
        var stamp: FileIdentity
        var outcome: Outcome
    }

    /// The outcomes worth keeping (a file read as rules, or passed over as not rules).
    enum Outcome: Sendable {
        case parsed(RuleFormat, RuleParseResult)
        case skipped(SkippedFile)

        /// The outcome of `result` when it is worth keeping (not a file that could not be read).
        init?(_ result: RuleFileReader.Result) {
            switch result {
            case .parsed(let format, let parsed): self = .parsed(format, parsed)
            case .skipped(let skipped): self = .skipped(skipped)
            case .failed: return nil
            }
        }

        var result: RuleFileReader.Result {
            switch self {
            case .parsed(let format, let parsed): .parsed(format, parsed)
            case .skipped(let skipped): .skipped(skipped)
            }
        }
    }

    /// Cache files not replaced for this long are removed when another is written.
    static let unusedLifetime: TimeInterval = 30 * 86_400

    /// The cache file of a scan of `roots` (and of the current folder, when a root is relative).
    func file(roots: [String]) -> URL {
        directory.appendingPathComponent("scan-\(String(Self.key(roots: roots), radix: 16)).cache")
    }

    /// What a scan's cache file is filed under: a digest of its roots (and of the current
    /// folder, when a root is relative).
    static func key(roots: [String]) -> UInt64 {
        let relative = roots.contains { !$0.hasPrefix("/") }
        let key = ((relative ? [FileManager.default.currentDirectoryPath] : []) + roots).joined(separator: "\n")
        return Array(key.utf8).withUnsafeBytes { SnapshotChecksum.of($0) }
    }

    /// The kept outcomes of the last scan of `roots` by this build, by path; empty when there
    /// are none usable.
    func load(roots: [String]) -> [String: Entry] {
        guard let build = Self.build else { return [:] }
        let file = file(roots: roots)
        let data: Data
        do throws(CacheFileError) {
            data = try CacheFile.map(path: file.path, limit: Self.sizeLimit)
        } catch .missing {
            return [:]
        } catch {
            note?("rule cache \(file.path): \(error); the rules are read again")
            return [:]
        }
        let bytes = [UInt8](data)
        guard let body = CacheFile.unsealed(bytes, key: Self.key(roots: roots)), body.starts(with: Self.magic) else {
            // Another format's file (an older ttpkit) is replaced without a word.
            if bytes.starts(with: Self.magic) || bytes.isEmpty {
                note?("rule cache \(file.path): its integrity tag does not match (damaged or edited); the rules are read again")
            }
            return [:]
        }
        var reader = RuleScanReader(body, from: Self.magic.count)
        do throws(RuleScanReader.Damaged) {
            guard try reader.string() == build else { return [:] }
            let count = try reader.count()
            var table: [String: Entry] = [:]
            table.reserveCapacity(count)
            for _ in 0..<count {
                let entry = try reader.entry()
                table[entry.path] = entry
            }
            guard reader.atEnd else { throw RuleScanReader.Damaged() }
            return table
        } catch {
            note?("rule cache \(file.path): it cannot be decoded; the rules are read again")
            return [:]
        }
    }

    /// Replaces the cache file of `roots` with `entries`; false when it could not be written.
    @discardableResult
    func store(_ entries: [Entry], roots: [String]) -> Bool {
        guard let build = Self.build else { return false }
        var writer = RuleScanWriter()
        writer.string(build)
        writer.int(entries.count)
        for entry in entries.sorted(by: { $0.path < $1.path }) { writer.entry(entry) }
        let bytes = CacheFile.sealed(Self.magic + writer.bytes, key: Self.key(roots: roots))
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
            try OutputFile.writeCacheFile(Data(bytes), to: file(roots: roots).path)
            removeUnused()
            return true
        } catch {
            return false
        }
    }

    /// Removes the cache files of scans not run (with a change) for ``unusedLifetime``, so
    /// folders scanned once do not pile up.
    private func removeUnused() {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else { return }
        let oldest = Date().addingTimeInterval(-Self.unusedLifetime)
        for name in names where name.hasPrefix("scan-") && name.hasSuffix(".cache") {
            let path = directory.appendingPathComponent(name).path
            if let modified = (try? manager.attributesOfItem(atPath: path))?[.modificationDate] as? Date, modified < oldest {
                try? manager.removeItem(atPath: path)
            }
        }
    }

    /// The identity of the running ttpkit build (its executable's path, device, inode, size and
    /// modification time); nil when it cannot be found, and then nothing is cached.
    static let build: String? = {
        guard let path = Bundle.main.executablePath, let stamp = FileIdentity(path: path) else { return nil }
        return "\(path) \(stamp.device) \(stamp.inode) \(stamp.size) \(stamp.modified)"
    }()
}
