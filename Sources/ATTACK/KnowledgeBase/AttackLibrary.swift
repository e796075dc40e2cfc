import Foundation
import STIX

/// The ATT&CK data loaded together: one ``KnowledgeBase`` per domain, kept apart (the same
/// technique can exist in Enterprise and Mobile).
///
/// ```swift
/// let library = try AttackLibrary.load(urls)       // parses files in parallel
/// let kb = try library.knowledgeBase(for: .enterprise)
/// ```
public struct AttackLibrary: Sendable {
    /// The knowledge bases, Enterprise first, then Mobile, then ICS.
    public let knowledgeBases: [KnowledgeBase]

    public init(_ knowledgeBases: [KnowledgeBase]) {
        self.knowledgeBases = knowledgeBases.sorted { $0.domain < $1.domain }
    }

    /// The loaded domains.
    public var domains: [AttackDomain] { knowledgeBases.map(\.domain) }

    /// The knowledge base of `domain`; with nil, Enterprise if loaded, else the only one.
    public func knowledgeBase(for domain: AttackDomain? = nil) throws(LoadError) -> KnowledgeBase {
        if let domain {
            guard let kb = knowledgeBases.first(where: { $0.domain == domain }) else {
                throw LoadError.domainNotLoaded(domain, loaded: domains)
            }
            return kb
        }
        guard let first = knowledgeBases.first else { throw LoadError.noData("no ATT&CK data is loaded") }
        return first
    }

    /// Loads bundle files, in parallel, and groups them by domain. Several files of one
    /// domain must be of the same release; they are merged.
    public static func load(_ urls: [URL], attackVersion: String? = nil) throws(LoadError) -> AttackLibrary {
        guard !urls.isEmpty else { throw LoadError.noData("no ATT&CK bundle files given") }
        let results = ParallelMap.map(urls) { url -> Result<STIXBundle, STIXError> in
            do throws(STIXError) { return .success(try STIXBundle.load(contentsOf: url)) } catch { return .failure(error) }
        }
        var bundles: [STIXBundle] = []
        for r in results { bundles.append(try r.mapError(LoadError.bundle).get()) }
        var detected: [(STIXBundle, AttackDomain, String?)] = []
        for b in bundles {
            guard let d = DomainDetector.domain(of: b) else { throw LoadError.unknownDomain(source: b.source) }
            detected.append((b, d, attackVersion ?? ReleaseVersion.detect(in: b)))
        }
        var kbs: [KnowledgeBase] = []
        for (d, v, group) in try grouped(detected, source: \.source) {
            kbs.append(try KnowledgeBase(bundles: group, domain: d, attackVersion: v))
        }
        return AttackLibrary(kbs)
    }

    /// Loads each bundle file through `load` (a snapshot of it, or a parse), in parallel, and
    /// groups them by domain as ``load(_:attackVersion:)`` does; when one domain has several
    /// files of a release, they are parsed again and merged.
    public static func load(
        _ urls: [URL], each load: @Sendable (URL) throws(LoadError) -> KnowledgeBase
    ) throws(LoadError) -> AttackLibrary {
        guard !urls.isEmpty else { throw LoadError.noData("no ATT&CK bundle files given") }
        let results = ParallelMap.map(urls) { url -> Result<KnowledgeBase, LoadError> in
            do throws(LoadError) { return .success(try load(url)) } catch { return .failure(error) }
        }
        var kbs: [(KnowledgeBase, AttackDomain, String?)] = []
        for r in results { kbs.append(try r.map { ($0, $0.domain, $0.attackVersion) }.get()) }
        let groups = try grouped(kbs, source: { $0.sources.first ?? $0.title })
        if groups.contains(where: { $0.2.count > 1 }) { return try Self.load(urls) }
        return AttackLibrary(groups.map { $0.2[0] })
    }

    /// Items grouped by (domain, release), in order of first appearance.
    /// - Throws: ``LoadError/mixedReleases(domain:source:version:otherSource:otherVersion:)``
    ///   when one domain comes in two releases.
    private static func grouped<T>(
        _ items: [(T, AttackDomain, String?)], source: (T) -> String
    ) throws(LoadError) -> [(AttackDomain, String?, [T])] {
        var byDomain: [(AttackDomain, String?, [T])] = []
        for (item, d, v) in items {
            if let i = byDomain.firstIndex(where: { $0.0 == d && $0.1 == v }) {
                byDomain[i].2.append(item)
            } else if let other = byDomain.first(where: { $0.0 == d }) {
                throw LoadError.mixedReleases(domain: d, source: source(item), version: v, otherSource: source(other.2[0]), otherVersion: other.1)
            } else {
                byDomain.append((d, v, [item]))
            }
        }
        return byDomain
    }
}

/// Runs a function over an array on all cores, keeping order.
public enum ParallelMap {
    /// `items.map(body)`, the calls spread over the cores.
    public static func map<T: Sendable, R: Sendable>(_ items: [T], _ body: @Sendable (T) -> R) -> [R] {
        if items.count < 2 { return items.map(body) }
        let box = ResultBox<R>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { i in
            box.set(i, body(items[i]))
        }
        return box.values()
    }

    private final class ResultBox<R>: @unchecked Sendable {
        private var storage: [R?]
        private let lock = NSLock()
        init(count: Int) { storage = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ value: R) { lock.lock(); storage[i] = value; lock.unlock() }
        func values() -> [R] { storage.compactMap { $0 } }
    }
}
