import ATTACK

/// Something that is one ATT&CK release of one domain: a knowledge base, or a release the
/// server holds.
public protocol AttackRelease {
    /// The release's domain.
    var domain: AttackDomain { get }
    /// The release number (`18.1`), nil when unknown.
    var releaseNumber: String? { get }
}

extension KnowledgeBase: AttackRelease {
    public var releaseNumber: String? { attackVersion }
}

/// The one rule that decides which loaded release answers a question, for the CLI, the API,
/// the web app and the reports alike:
///
/// - no domain asked: Enterprise when loaded, else the first domain loaded (Enterprise, Mobile, ICS);
/// - no release asked: the newest loaded release of that domain;
/// - a release asked that is not loaded: an error naming what is loaded (never another release);
/// - a document made against a release (a coverage file, a stored snapshot): that release when
///   loaded, else the newest of its domain, with a note that the document is aligned to it.
public enum ReleaseChoice {
    /// Why no release could be chosen.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public let description: String
    }

    /// The release that answers a question asking for `domain` and `version` (nil: the defaults).
    /// `releases` must be ordered newest first within a domain.
    public static func choose<R: AttackRelease>(_ releases: [R], domain: AttackDomain?, version: String?) throws(Failure) -> R {
        let domain = domain ?? defaultDomain(releases)
        let ofDomain = releases.filter { $0.domain == domain }
        guard let version else {
            guard let newest = ofDomain.first else { throw Failure(description: "no \(domain.displayName) ATT&CK is loaded\(loaded(releases))") }
            return newest
        }
        guard let match = ofDomain.first(where: { $0.releaseNumber == version }) else {
            throw Failure(description: "no \(domain.displayName) ATT&CK \(version) is loaded\(loaded(releases))")
        }
        return match
    }

    /// The release a document made against `domain`/`version` is read with, and a note when it
    /// is not the document's own release.
    public static func forDocument<R: AttackRelease>(_ releases: [R], domain: AttackDomain?, version: String?) throws(Failure) -> (release: R, note: String?) {
        if let version, let exact = try? choose(releases, domain: domain, version: version) { return (exact, nil) }
        let newest = try choose(releases, domain: domain, version: nil)
        guard let version else { return (newest, nil) }
        return (newest, "made against ATT&CK \(version), which is not loaded; read with \(newest.domain.displayName) ATT&CK \(newest.releaseNumber ?? "?") (IDs aligned)")
    }

    /// Enterprise when loaded, else the first domain loaded.
    public static func defaultDomain<R: AttackRelease>(_ releases: [R]) -> AttackDomain {
        releases.contains { $0.domain == .enterprise } ? .enterprise : releases.map(\.domain).min() ?? .enterprise
    }

    private static func loaded<R: AttackRelease>(_ releases: [R]) -> String {
        let names = releases.map { "\($0.domain.shortName) \($0.releaseNumber ?? "?")" }
        return " (loaded: \(names.isEmpty ? "none" : names.joined(separator: ", ")))"
    }
}
