import ATTACK
import ArgumentParser
import Coverage
import DataStore
import Foundation

/// Where ATT&CK data comes from and which objects answers admit; shared by every command
/// that reads ATT&CK.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "An ATT&CK STIX bundle, or a folder of bundles (default: $TTPKIT_DATA, then the cache).",
        valueName: "path"))
    var data: String?

    @Option(name: .long, help: "The domain to use when several are loaded: enterprise, mobile or ics.")
    var domain: String?

    @Option(name: .customLong("attack-version"), help: ArgumentHelp(
        "The ATT&CK release to use from the cache, e.g. 18.1 (default: the newest cached).", valueName: "version"))
    var attackVersion: String?

    @Flag(name: .customLong("include-revoked"), help: "Include revoked objects in answers (marked).")
    var includeRevoked = false

    @Flag(name: .customLong("include-deprecated"), help: "Include deprecated objects in answers (marked).")
    var includeDeprecated = false

    @Flag(name: .customLong("no-snapshot"), help: ArgumentHelp(
        "Parse the bundles instead of reading their compiled snapshots from the cache, and every rule file instead of reusing what the cache kept of unchanged ones (nothing is written)."))
    var noSnapshot = false

    /// Where rule scans keep what unchanged files gave (nil with `--no-snapshot`).
    func ruleCache() -> RuleScanCache? {
        guard !noSnapshot else { return nil }
        let folder = CacheDirectory.resolve(environment: CommandContext.current.environment).url
        return RuleScanCache(cacheFolder: folder) { note in Terminal.standardError.write("ttpkit: note: \(note)\n") }
    }

    var inclusion: Inclusion { Inclusion(revoked: includeRevoked, deprecated: includeDeprecated) }

    /// The requested domain, validated.
    func requestedDomain() throws -> AttackDomain? {
        guard let domain else { return nil }
        guard let d = AttackDomain(parsing: domain) else {
            throw CLIError("unknown domain '\(domain)'; expected enterprise, mobile or ics")
        }
        return d
    }

    /// Loads the data and returns the knowledge base of the requested (or default) domain.
    func knowledgeBase() throws -> KnowledgeBase {
        try library().knowledgeBase(for: try requestedDomain())
    }

    /// Loads every bundle the options select (once per process: later calls with the same
    /// files, unchanged on disk, get the same library).
    func library() throws -> AttackLibrary {
        let files = try DataResolver.bundleFiles(
            explicit: data, domain: try requestedDomain(), version: attackVersion,
            environment: CommandContext.current.environment)
        let noSnapshot = self.noSnapshot
        let library = try LoadedLibraries.shared.library(for: files) { try Self.load(files, snapshots: !noSnapshot) }
        if let attackVersion {
            for kb in library.knowledgeBases where kb.attackVersion.map({ $0 != attackVersion }) ?? false {
                throw CLIError(
                    "ATT&CK \(attackVersion) was asked (--attack-version) but \(kb.sources.first ?? kb.title) is ATT&CK \(kb.attackVersion ?? "?")",
                    exitCode: .badReferenceData)
            }
        }
        return library
    }

    /// Loads `files`: from their snapshots (and writing the missing ones) unless `snapshots` is false.
    private static func load(_ files: [URL], snapshots: Bool) throws -> AttackLibrary {
        let library: AttackLibrary
        if snapshots {
            let environment = CommandContext.current.environment
            var store = SnapshotStore(cache: CacheDirectory.resolve(environment: environment), onDemand: true)
            store.handOff = BackgroundSnapshot.handOff(environment: environment, store: store)
            let notes = NoteBox()
            defer { for note in notes.lines { Terminal.standardError.write("ttpkit: note: \(note)\n") } }
            library = try store.library(files) { notes.add($0) }
        } else {
            library = try AttackLibrary.load(files, attackVersion: nil)
        }
        library.knowledgeBases.forEach(ProcessLifetime.shared.keep)
        for kb in library.knowledgeBases where !kb.danglingRelationships.isEmpty {
            let first = kb.danglingRelationships[0]
            let source = kb.sources.count == 1 ? kb.sources[0] : kb.title
            Terminal.standardError.write(
                "ttpkit: warning: \(source): skipped \(kb.danglingRelationships.count) relationship(s) to objects not in the data (first: \(first.id), \(first.sourceRef ?? "?") → \(first.targetRef ?? "?"))\n")
        }
        return library
    }
}

/// Lines said from worker threads, printed afterwards on the command's own streams.
final class NoteBox: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [String] = []

    func add(_ line: String) {
        lock.lock()
        collected.append(line)
        lock.unlock()
    }

    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}

/// The libraries loaded by this process, keyed by their files' paths, sizes and modification
/// dates, so a command that needs the data twice (a lookup miss looking in the other domains)
/// parses it once.
final class LoadedLibraries: @unchecked Sendable {
    static let shared = LoadedLibraries()
    private let lock = NSLock()
    private var loaded: [String: AttackLibrary] = [:]

    func library(for files: [URL], load: () throws -> AttackLibrary) throws -> AttackLibrary {
        let key = files.map { url -> String in
            let a = try? FileManager.default.attributesOfItem(atPath: url.path)
            let size = (a?[.size] as? NSNumber)?.int64Value ?? -1
            let date = (a?[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
            return "\(url.path)|\(size)|\(date)"
        }.joined(separator: "\n")
        lock.lock()
        if let hit = loaded[key] { lock.unlock(); return hit }
        lock.unlock()
        let library = try load()
        lock.lock()
        loaded[key] = library
        lock.unlock()
        return library
    }
}
