/// Everything a `RuleScanner` run found: the rules, the issues, the files passed over, and a
/// summary.
public struct RuleScan: Sendable, Hashable {
    /// Every rule read, sorted by path, then line.
    public var rules: [DetectionRule]
    /// Every problem met, errors and warnings, sorted by path, then line.
    public var issues: [RuleIssue]
    /// Files that are not detection content, sorted by path.
    public var skipped: [SkippedFile]
    /// Files read as each format (whether or not they held valid rules).
    public var filesPerFormat: [RuleFormat: Int]
    /// Files that could not be read at all (binary, unreadable, not UTF-8).
    public var unreadableFiles: Int

    /// Creates a scan result.
    public init(
        rules: [DetectionRule], issues: [RuleIssue], skipped: [SkippedFile] = [],
        filesPerFormat: [RuleFormat: Int] = [:], unreadableFiles: Int = 0
    ) {
        self.rules = rules
        self.issues = issues
        self.skipped = skipped
        self.filesPerFormat = filesPerFormat
        self.unreadableFiles = unreadableFiles
    }

    /// Issues that dropped a file or rule.
    public var errors: [RuleIssue] { issues.filter { $0.severity == .error } }
    /// Issues where a rule was read but part of it dropped.
    public var warnings: [RuleIssue] { issues.filter { $0.severity == .warning } }

    /// The counts `ttpkit rules scan` prints.
    public var report: ScanReport { ScanReport(self) }
}

/// The summary of a scan: how many rules per format, how many name techniques, how many are
/// tactic-only or untagged, and how much failed.
///
/// ```swift
/// let report = scan.report
/// report.rulesPerFormat[.elastic]   // 487
/// report.withTechniques             // rules naming at least one technique
/// report.failures                   // files or rules that could not be read
/// ```
public struct ScanReport: Sendable, Hashable {
    /// Rules read, per format.
    public var rulesPerFormat: [RuleFormat: Int]
    /// Files read as each format.
    public var filesPerFormat: [RuleFormat: Int]
    /// All rules read.
    public var rules: Int
    /// Rules naming at least one technique or sub-technique.
    public var withTechniques: Int
    /// Rules naming tactics but no technique (these never count as coverage).
    public var tacticOnly: Int
    /// Rules with no ATT&CK technique or tactic.
    public var untagged: Int
    /// Rules whose status or maturity is deprecated or unsupported.
    public var deprecated: Int
    /// Errors: files or rules that could not be read.
    public var failures: Int
    /// Warnings: rules read with something dropped.
    public var warnings: Int
    /// Files passed over as not detection content.
    public var skippedFiles: Int

    /// Summarises a scan.
    public init(_ scan: RuleScan) {
        var perFormat: [RuleFormat: Int] = [:]
        for rule in scan.rules { perFormat[rule.format, default: 0] += 1 }
        rulesPerFormat = perFormat
        filesPerFormat = scan.filesPerFormat
        rules = scan.rules.count
        withTechniques = scan.rules.count(where: \.hasTechniques)
        tacticOnly = scan.rules.count(where: \.isTacticOnly)
        untagged = scan.rules.count(where: \.isUntagged)
        deprecated = scan.rules.count(where: \.isDeprecated)
        failures = scan.issues.count(where: { $0.severity == .error })
        warnings = scan.issues.count(where: { $0.severity == .warning })
        skippedFiles = scan.skipped.count
    }
}
