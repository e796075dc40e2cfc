/// The rule-quality counts of one coverage run: what was read, and how many rules carry each
/// kind of problem. Each count is of rules (a rule naming two unknown IDs counts once).
///
/// ```swift
/// let quality = RuleQuality(scan: scan, analysis: analysis)
/// quality.unknownIDRules    // rules naming an ID the release does not know
/// quality.cannotFire        // rules whose log source is not collected
/// ```
public struct RuleQuality: Sendable, Hashable {
    /// Rules read, per format.
    public var rulesPerFormat: [RuleFormat: Int]
    /// Files read as each format.
    public var filesPerFormat: [RuleFormat: Int]
    /// All rules read.
    public var rules: Int
    /// Rules naming at least one technique.
    public var withTechniques: Int
    /// Rules with tactic tags and no technique (never coverage).
    public var tacticOnly: Int
    /// Rules with no ATT&CK tag at all.
    public var untagged: Int
    /// Rules whose own status is deprecated or unsupported.
    public var deprecatedRules: Int
    /// Rules naming a revoked technique ID (counted as its replacement when there is one).
    public var revokedIDRules: Int
    /// Rules naming a deprecated technique ID.
    public var deprecatedIDRules: Int
    /// Rules naming an ID the release does not know.
    public var unknownIDRules: Int
    /// Rules naming a tactic the release does not know.
    public var unknownTacticRules: Int
    /// Rules that cannot fire: their log source is not in the telemetry inventory.
    public var cannotFire: Int
    /// Rules whose log source could not be checked against the inventory.
    public var unchecked: Int
    /// Rules left out by status or `enabled`.
    public var excluded: Int
    /// Files or rules that could not be read.
    public var failures: Int
    /// Rules read with something dropped.
    public var warnings: Int
    /// Files passed over as not detection content.
    public var skippedFiles: Int

    /// Creates counts directly (as read back from a coverage file).
    public init(
        rulesPerFormat: [RuleFormat: Int] = [:], filesPerFormat: [RuleFormat: Int] = [:], rules: Int = 0,
        withTechniques: Int = 0, tacticOnly: Int = 0, untagged: Int = 0, deprecatedRules: Int = 0,
        revokedIDRules: Int = 0, deprecatedIDRules: Int = 0, unknownIDRules: Int = 0, unknownTacticRules: Int = 0,
        cannotFire: Int = 0, unchecked: Int = 0, excluded: Int = 0, failures: Int = 0, warnings: Int = 0,
        skippedFiles: Int = 0
    ) {
        self.rulesPerFormat = rulesPerFormat
        self.filesPerFormat = filesPerFormat
        self.rules = rules
        self.withTechniques = withTechniques
        self.tacticOnly = tacticOnly
        self.untagged = untagged
        self.deprecatedRules = deprecatedRules
        self.revokedIDRules = revokedIDRules
        self.deprecatedIDRules = deprecatedIDRules
        self.unknownIDRules = unknownIDRules
        self.unknownTacticRules = unknownTacticRules
        self.cannotFire = cannotFire
        self.unchecked = unchecked
        self.excluded = excluded
        self.failures = failures
        self.warnings = warnings
        self.skippedFiles = skippedFiles
    }

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
