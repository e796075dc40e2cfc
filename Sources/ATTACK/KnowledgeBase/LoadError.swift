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
    /// The requested domain or version is not among the loaded data.
    case notLoaded(String)

    public var description: String {
        switch self {
        case .bundle(let e): e.description
        case .noData(let why): why
        case .unknownDomain(let source):
            "\(source): not an ATT&CK bundle: no x-mitre-matrix, x_mitre_domains or ATT&CK kill chain tells its domain"
        case .mixedDomains(let a, let b, let source):
            "\(source): holds \(b.displayName) data, but the bundles loaded with it are \(a.displayName)"
        case .notLoaded(let why): why
        }
    }
}
