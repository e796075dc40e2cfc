import Foundation
import ATTACK

/// What the release cache, MITRE's release index and MITRE's TAXII server call each ATT&CK
/// domain: its bundle files (`enterprise-attack-18.1.json`), its collection name and its
/// `x-mitre-collection` id (the same in the index and on the TAXII server).
///
/// ```swift
/// AttackDomain(argument: "ICS")?.fileName(version: "18.1")   // "ics-attack-18.1.json"
/// AttackDomain.enterprise.collectionID  // "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019"
/// ```
extension AttackDomain {
    /// The stem of the domain's bundle files, e.g. `enterprise-attack`.
    public var fileStem: String { rawValue }

    /// The name MITRE gives the collection, e.g. `Enterprise ATT&CK`.
    public var collectionName: String {
        switch self {
        case .enterprise: "Enterprise ATT&CK"
        case .mobile: "Mobile ATT&CK"
        case .ics: "ICS ATT&CK"
        }
    }

    /// The `x-mitre-collection` id of the domain, used by the release index and as the TAXII
    /// 2.1 collection id on MITRE's server.
    public var collectionID: String {
        switch self {
        case .enterprise: "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019"
        case .mobile: "x-mitre-collection--dac0d2d7-8653-445c-9bff-82f934c1e858"
        case .ics: "x-mitre-collection--90c00720-636b-4485-b342-8751d232bf09"
        }
    }

    /// The bundle file name of a release of this domain, e.g. `mobile-attack-17.1.json`.
    public func fileName(version: String) -> String { "\(fileStem)-\(version).json" }

    /// The domain whose `x-mitre-collection` id this is, if any.
    public init?(collectionID: String) {
        guard let match = AttackDomain.allCases.first(where: { $0.collectionID == collectionID }) else { return nil }
        self = match
    }

    /// Parses a domain as users and indexes write it: `enterprise`, `Enterprise`,
    /// `enterprise-attack`, `ics-attack`, `Mobile ATT&CK`.
    public init?(argument: String) {
        if let parsed = AttackDomain(parsing: argument) {
            self = parsed
            return
        }
        let folded = argument.trimmingCharacters(in: .whitespaces).lowercased()
        guard let match = AttackDomain.allCases.first(where: { folded == $0.collectionName.lowercased() }) else { return nil }
        self = match
    }
}
