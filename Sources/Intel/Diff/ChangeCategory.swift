/// The change classes of MITRE's release changelog (`diffStix`), in report order.
public enum ChangeCategory: String, Sendable, CaseIterable, Hashable {
    /// Only in the new release.
    case additions
    /// Version went to the next major (1.2 → 2.0).
    case majorVersionChanges = "major_version_changes"
    /// Version went to the next minor (1.2 → 1.3).
    case minorVersionChanges = "minor_version_changes"
    /// Any other version change (1.0 → 1.3, 2.1 → 1.0).
    case otherVersionChanges = "other_version_changes"
    /// Modified (date or description) with the version unchanged.
    case patches
    /// Newly revoked, with the replacing object.
    case revocations
    /// Newly deprecated.
    case deprecations
    /// Only in the old release.
    case deletions

    /// A heading: "Major version changes".
    public var title: String {
        switch self {
        case .additions: "New"
        case .majorVersionChanges: "Major version changes"
        case .minorVersionChanges: "Minor version changes"
        case .otherVersionChanges: "Other version changes"
        case .patches: "Patches (changed, same version)"
        case .revocations: "Revocations"
        case .deprecations: "Deprecations"
        case .deletions: "Deletions"
        }
    }
}

/// The object types a release diff reports, each backed by STIX types.
public enum DiffObjectType: String, Sendable, CaseIterable, Hashable {
    case techniques, groups, software, campaigns, mitigations
    case datasources, datacomponents
    case detectionstrategies, analytics

    /// The STIX types of the type (software is `malware` and `tool`).
    public var stixTypes: Set<String> {
        switch self {
        case .techniques: ["attack-pattern"]
        case .groups: ["intrusion-set"]
        case .software: ["malware", "tool"]
        case .campaigns: ["campaign"]
        case .mitigations: ["course-of-action"]
        case .datasources: ["x-mitre-data-source"]
        case .datacomponents: ["x-mitre-data-component"]
        case .detectionstrategies: ["x-mitre-detection-strategy"]
        case .analytics: ["x-mitre-analytic"]
        }
    }

    public var title: String {
        switch self {
        case .techniques: "Techniques"
        case .groups: "Groups"
        case .software: "Software"
        case .campaigns: "Campaigns"
        case .mitigations: "Mitigations"
        case .datasources: "Data Sources"
        case .datacomponents: "Data Components"
        case .detectionstrategies: "Detection Strategies"
        case .analytics: "Analytics"
        }
    }
}
