/// The kinds of ATT&CK object, each backed by one or two STIX types.
public enum ObjectKind: String, Sendable, CaseIterable, Hashable, Codable {
    case technique
    case tactic
    case matrix
    case group
    case software
    case campaign
    case mitigation
    case dataSource = "datasource"
    case dataComponent = "datacomponent"
    case detectionStrategy = "detectionstrategy"
    case analytic
    case asset

    /// Maps a STIX type to its kind; nil for types ATT&CK does not model as objects.
    public init?(stixType: String) {
        switch stixType {
        case "attack-pattern": self = .technique
        case "x-mitre-tactic": self = .tactic
        case "x-mitre-matrix": self = .matrix
        case "intrusion-set": self = .group
        case "malware", "tool": self = .software
        case "campaign": self = .campaign
        case "course-of-action": self = .mitigation
        case "x-mitre-data-source": self = .dataSource
        case "x-mitre-data-component": self = .dataComponent
        case "x-mitre-detection-strategy": self = .detectionStrategy
        case "x-mitre-analytic": self = .analytic
        case "x-mitre-asset": self = .asset
        default: return nil
        }
    }

    /// The STIX types of this kind.
    public var stixTypes: [String] {
        switch self {
        case .technique: ["attack-pattern"]
        case .tactic: ["x-mitre-tactic"]
        case .matrix: ["x-mitre-matrix"]
        case .group: ["intrusion-set"]
        case .software: ["malware", "tool"]
        case .campaign: ["campaign"]
        case .mitigation: ["course-of-action"]
        case .dataSource: ["x-mitre-data-source"]
        case .dataComponent: ["x-mitre-data-component"]
        case .detectionStrategy: ["x-mitre-detection-strategy"]
        case .analytic: ["x-mitre-analytic"]
        case .asset: ["x-mitre-asset"]
        }
    }

    /// A readable singular name: "technique", "data component", ...
    public var displayName: String {
        switch self {
        case .dataSource: "data source"
        case .dataComponent: "data component"
        case .detectionStrategy: "detection strategy"
        default: rawValue
        }
    }

    /// The path segment of the object's page on attack.mitre.org.
    var websitePath: String {
        switch self {
        case .technique: "techniques"
        case .tactic: "tactics"
        case .matrix: "matrices"
        case .group: "groups"
        case .software: "software"
        case .campaign: "campaigns"
        case .mitigation: "mitigations"
        case .dataSource: "datasources"
        case .dataComponent: "datacomponents"
        case .detectionStrategy: "detectionstrategies"
        case .analytic: "analytics"
        case .asset: "assets"
        }
    }
}
