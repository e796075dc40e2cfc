/// The rule-quality counts of one coverage run: what was read, and how many rules carry each
/// kind of problem. Each count is of rules (a rule naming two unknown IDs counts once).
///
/// ```swift
/// let quality = RuleQuality(scan: scan, result: result)
/// quality.unknownIDRules    // rules naming an ID the release does not know
/// quality.cannotFire        // rules whose log source is not collected
/// ```
public struct RuleQuality: Sendable, Hashable {
    /// Rules read, per format.
    public var rulesPerFormat: [RuleFormat: Int] = [:]
    /// Files read as each format.
    public var filesPerFormat: [RuleFormat: Int] = [:]
    /// All rules read.
    public var rules: Int = 0
    /// Rules naming at least one technique.
    public var withTechniques: Int = 0
    /// Rules with tactic tags and no technique (never coverage).
    public var tacticOnly: Int = 0
    /// Rules with no ATT&CK tag at all.
    public var untagged: Int = 0
    /// Rules whose own status is deprecated or unsupported.
    public var deprecatedRules: Int = 0
    /// Rules naming a revoked technique ID (counted as its replacement when there is one).
    public var revokedIDRules: Int = 0
    /// Rules naming a deprecated technique ID.
    public var deprecatedIDRules: Int = 0
    /// Rules naming an ID the release does not know.
    public var unknownIDRules: Int = 0
    /// Rules naming a tactic the release does not know.
    public var unknownTacticRules: Int = 0
    /// Rules that cannot fire: their log source is not in the telemetry inventory.
    public var cannotFire: Int = 0
    /// Rules whose log source could not be checked against the inventory.
    public var unchecked: Int = 0
    /// Rules left out by status or `enabled`.
    public var excluded: Int = 0
    /// Files or rules that could not be read.
    public var failures: Int = 0
    /// Rules read with something dropped.
    public var warnings: Int = 0
    /// Files passed over as not detection content.
    public var skippedFiles: Int = 0
}

/// Counting a scan (the memberwise initializer, used when reading a coverage file back, stays
/// synthesized).
extension RuleQuality {
    /// Counts a scan and the findings of its analysis (or of a validation when there is no
    /// analysis, as in `ttpkit rules scan`).
    public init(scan: RuleScan, findings: [RuleFinding], unchecked: Int = 0, excluded: Int = 0) {
        func rules(_ kind: RuleFinding.Kind) -> Int { RuleValidation.ruleCount(kind, in: findings) }
        var perFormat: [RuleFormat: Int] = [:]
        for rule in scan.rules { perFormat[rule.format, default: 0] += 1 }
        self.init(
            rulesPerFormat: perFormat, filesPerFormat: scan.filesPerFormat, rules: scan.rules.count,
            withTechniques: scan.rules.count(where: \.hasTechniques), tacticOnly: scan.rules.count(where: \.isTacticOnly),
            untagged: scan.rules.count(where: \.isUntagged), deprecatedRules: scan.rules.count(where: \.isDeprecated),
            revokedIDRules: rules(.revoked), deprecatedIDRules: rules(.deprecated),
            unknownIDRules: rules(.unknown), unknownTacticRules: rules(.unknownTactic), cannotFire: rules(.cannotFire),
            unchecked: unchecked, excluded: excluded, failures: scan.issues.count(where: { $0.severity == .error }),
            warnings: scan.issues.count(where: { $0.severity == .warning }), skippedFiles: scan.skipped.count)
    }

    /// Files read, in every format.
    public var files: Int { filesPerFormat.values.reduce(0, +) }

    /// Counts a scan and the analysis made of it.
    public init(scan: RuleScan, result: CoverageResult) {
        self.init(scan: scan, findings: result.findings, unchecked: result.uncheckedRules.count, excluded: result.excludedRules.count)
    }
}
