import STIX

/// Why ATT&CK data could not be loaded.
public enum LoadError: Error, Sendable, CustomStringConvertible {
    /// The bundle could not be read (file, position and reason inside).
    case bundle(STIXError)
    /// Nothing to load.
    case noData(String)
    /// No matrix, domain list or kill chain tells which domain the bundle is.
    case unknownDomain(source: String)
    /// Bundles given as one domain hold two.
    case mixedDomains(first: AttackDomain, second: AttackDomain, source: String)
    /// The requested domain is not among the loaded ones.
    case domainNotLoaded(AttackDomain, loaded: [AttackDomain])
    /// Two bundles of one domain are of different releases.
    case mixedReleases(domain: AttackDomain, source: String, version: String?, otherSource: String, otherVersion: String?)

    public var description: String {
        switch self {
        case .bundle(let e): e.description
        case .noData(let why): why
        case .unknownDomain(let source):
            "\(source): not an ATT&CK bundle: no x-mitre-matrix, x_mitre_domains or ATT&CK kill chain tells its domain"
        case .mixedDomains(let a, let b, let source):
            "\(source): holds \(b.displayName) data, but the bundles loaded with it are \(a.displayName)"
        case .domainNotLoaded(let domain, let loaded):
            "no \(domain.displayName) ATT&CK data is loaded (loaded: \(loaded.map(\.shortName).joined(separator: ", ")))"
        case .mixedReleases(let domain, let source, let version, let otherSource, let otherVersion):
            "\(source) is \(domain.displayName) ATT&CK \(version ?? "of unknown release"), but \(otherSource) is "
                + "\(otherVersion ?? "of unknown release"); load one release per domain"
        }
    }
}
