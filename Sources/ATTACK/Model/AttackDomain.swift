/// One of ATT&CK's three domains (matrices of knowledge): Enterprise, Mobile and ICS.
public enum AttackDomain: String, Sendable, CaseIterable, Hashable, Comparable, Codable {
    case enterprise = "enterprise-attack"
    case mobile = "mobile-attack"
    case ics = "ics-attack"

    /// The `kill_chain_name` techniques of this domain use.
    public var killChainName: String {
        switch self {
        case .enterprise: "mitre-attack"
        case .mobile: "mitre-mobile-attack"
        case .ics: "mitre-ics-attack"
        }
    }

    /// "Enterprise", "Mobile" or "ICS".
    public var displayName: String {
        switch self {
        case .enterprise: "Enterprise"
        case .mobile: "Mobile"
        case .ics: "ICS"
        }
    }

    /// The short name used on the command line and in cache file names.
    public var shortName: String {
        switch self {
        case .enterprise: "enterprise"
        case .mobile: "mobile"
        case .ics: "ics"
        }
    }

    /// Parses `enterprise`, `enterprise-attack`, `mitre-enterprise`, `Mobile`, `ics`, ... (any case).
    public init?(parsing text: String) {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        switch t {
        case "enterprise", "enterprise-attack", "mitre-enterprise", "mitre-attack": self = .enterprise
        case "mobile", "mobile-attack", "mitre-mobile", "mitre-mobile-attack": self = .mobile
        case "ics", "ics-attack", "mitre-ics", "mitre-ics-attack": self = .ics
        default: return nil
        }
    }

    public static func < (lhs: AttackDomain, rhs: AttackDomain) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}

import Foundation
