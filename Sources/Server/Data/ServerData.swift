import Answers
import ATTACK
import Coverage
import DataStore
import Foundation
import Hummingbird
import Intel
import STIX

/// One ATT&CK release the server holds: its knowledge base for the analyses and its objects
/// prepared for TAXII.
public struct LoadedRelease: Sendable {
    /// The knowledge base built from the release's bundle.
    public let knowledgeBase: KnowledgeBase
    /// The release number (`18.1`), or `unknown` when neither the bundle nor its file name says.
    public let version: String
    /// The bundle file it was read from.
    public let source: String
    /// The objects as TAXII serves them, prepared when first asked for.
    private let taxii: TAXIIObjects

    init(knowledgeBase: KnowledgeBase, version: String, source: String) {
        self.knowledgeBase = knowledgeBase
        self.version = version
        self.source = source
        taxii = TAXIIObjects(knowledgeBase)
    }

    /// The objects, as TAXII serves them.
    var objects: TAXIIObjectSet { taxii.set }

    /// The release's domain.
    public var domain: AttackDomain { knowledgeBase.domain }
}

/// A release's TAXII objects, converted and serialized on first use (a TAXII client reads a
/// collection whole, most servers never do): the server starts without them, and a release
/// nobody reads over TAXII is held once, as its knowledge base.
private final class TAXIIObjects: @unchecked Sendable {
    private let lock = NSLock()
    private var prepared: TAXIIObjectSet?
    private let knowledgeBase: KnowledgeBase

    init(_ knowledgeBase: KnowledgeBase) {
        self.knowledgeBase = knowledgeBase
    }

    var set: TAXIIObjectSet {
        lock.lock()
        defer { lock.unlock() }
        if let prepared { return prepared }
        let objects = knowledgeBase.stixObjects
        let newestDate = objects.compactMap { $0.modified }.max() ?? "1970-01-01T00:00:00.000Z"
        let set = TAXIIObjectSet(objects: objects, fallbackDate: newestDate)
        prepared = set
        return set
    }
}

extension LoadedRelease: AttackRelease {
    /// The release number, nil when neither the bundle nor its file name says.
    public var releaseNumber: String? { version == "unknown" ? nil : version }
}

/// Everything `ttpkit serve` answers from: every loaded release of every domain, side by side,
/// and the TAXII collections over them. Built once at startup; immutable.
///
/// ```swift
/// let data = try await ServerData.load(files: selection.files)
/// print(data.releases.map { "\($0.domain.shortName) \($0.version)" })  // ["enterprise 18.1", "enterprise 17.1", "ics 18.1"]
/// ```
public final class ServerData: Sendable {
    /// The releases: Enterprise, Mobile, ICS; newest first within a domain.
    public let releases: [LoadedRelease]
    /// The TAXII collections: per domain (MITRE's collection id, the newest release), then per release.
    let collections: [TAXIICollection]
    /// Collections by id.
    let collectionsByID: [String: TAXIICollection]
    /// Files skipped because a release of the same domain and version was already loaded.
    public let duplicates: [String]
    /// Encoded answers that depend only on the data (a group's profile...), computed once.
    let answers: AnswerCache<ByteBuffer>
    /// Annotated reports added to every classifier's training text, as `ttpkit extract` adds them.
    public let trainingReports: [AnnotatedReports]
    /// The MISP threat-actor galaxy `--sector` reads, as `ttpkit gaps` reads it.
    public let galaxy: ThreatActorGalaxy?
    /// Each release's technique classifier for `extract`, trained (or read from the cache
    /// folder) on first use; at most four kept.
    let models = AnswerCache<ExtractionModel>(budget: 4, cost: { _ in 1 })

    /// The bytes of encoded answers kept at once (64 MiB: every Enterprise group's profile fits).
    static let answerBudget = 64 << 20

    init(
        releases: [LoadedRelease], duplicates: [String] = [], trainingReports: [AnnotatedReports] = [], galaxy: ThreatActorGalaxy? = nil,
        answerBudget: Int = ServerData.answerBudget
    ) {
        self.trainingReports = trainingReports
        self.galaxy = galaxy
        let sorted = releases.sorted { a, b in
            a.domain != b.domain ? a.domain < b.domain : ReleaseVersion.isOrderedBefore(b.version, a.version)
        }
        self.releases = sorted
        self.duplicates = duplicates
        self.answers = AnswerCache(budget: answerBudget, cost: \.readableBytes)
        var collections: [TAXIICollection] = []
        for domain in AttackDomain.allCases {
            guard let newest = sorted.first(where: { $0.domain == domain }) else { continue }
            collections.append(TAXIICollection(domainOf: newest))
        }
        collections += sorted.map(TAXIICollection.init(release:))
        self.collections = collections
        self.collectionsByID = Dictionary(collections.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The newest release of `domain`, if loaded.
    public func newest(_ domain: AttackDomain) -> LoadedRelease? {
        releases.first { $0.domain == domain }
    }

    /// The release that answers a request for `domain` and `version` (``ReleaseChoice``: the
    /// one rule of the CLI, the API, the web app and the reports).
    public func release(_ domain: AttackDomain?, version: String?) throws(ReleaseChoice.Failure) -> LoadedRelease {
        try ReleaseChoice.choose(releases, domain: domain, version: version)
    }

    /// The release a document (coverage file, snapshot, layer) made against `domain`/`version`
    /// is read with, and the note when that is not its own release.
    public func release(forDocument domain: AttackDomain?, version: String?) throws(ReleaseChoice.Failure) -> (release: LoadedRelease, note: String?) {
        try ReleaseChoice.forDocument(releases, domain: domain, version: version)
    }

    /// Reads bundle files, two at a time, and prepares each as a release. A second file of a
    /// domain and version already loaded is skipped and named in ``duplicates``.
    /// `trainingReports` join the training text of `extract`'s classifiers; `galaxy` is what
    /// `--sector` reads.
    /// - Throws: ``LoadError`` for the first file that cannot be read or is not ATT&CK.
    /// `snapshots`, when given, holds the compiled knowledge bases: each release is read from
    /// its snapshot, or parsed and snapshotted; `note` hears of every snapshot rebuilt.
    public static func load(
        files: [URL], trainingReports: [AnnotatedReports] = [], galaxy: ThreatActorGalaxy? = nil, snapshots: SnapshotStore? = nil,
        note: @escaping @Sendable (String) -> Void = { _ in }
    ) async throws -> ServerData {
        let loaded = try await withThrowingTaskGroup(of: (Int, LoadedRelease).self) { group in
            var results: [(Int, LoadedRelease)] = []
            var nextIndex = 0
            func add() {
                guard nextIndex < files.count else { return }
                let (index, url) = (nextIndex, files[nextIndex])
                nextIndex += 1
                group.addTask { (index, try loadRelease(url, snapshots: snapshots, note: note)) }
            }
            for _ in 0..<2 { add() }
            while let result = try await group.next() {
                results.append(result)
                add()
            }
            return results.sorted { $0.0 < $1.0 }.map(\.1)
        }
        var seen = Set<String>()
        var kept: [LoadedRelease] = []
        var duplicates: [String] = []
        for release in loaded {
            if seen.insert("\(release.domain.rawValue) \(release.version)").inserted {
                kept.append(release)
            } else {
                duplicates.append(release.source)
            }
        }
        return ServerData(releases: kept, duplicates: duplicates, trainingReports: trainingReports, galaxy: galaxy)
    }

    /// Builds a release from bundles already read (tests and small fixtures).
    public static func make(bundles: [STIXBundle]) throws -> ServerData {
        ServerData(releases: try bundles.map { try release(from: $0) })
    }

    private static func loadRelease(_ url: URL, snapshots: SnapshotStore?, note: @Sendable (String) -> Void) throws -> LoadedRelease {
        let kb: KnowledgeBase
        if let snapshots {
            kb = try snapshots.knowledgeBase(bundle: url, note: note).knowledgeBase
        } else {
            kb = try KnowledgeBase.load(contentsOf: url)
        }
        return LoadedRelease(knowledgeBase: kb, version: kb.attackVersion ?? "unknown", source: url.path)
    }

    private static func release(from bundle: STIXBundle) throws -> LoadedRelease {
        let kb = try KnowledgeBase(bundles: [bundle])
        return LoadedRelease(knowledgeBase: kb, version: kb.attackVersion ?? "unknown", source: bundle.source)
    }
}
