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

    /// The counts of the scan alone (rules per format, tagged, tactic-only, untagged,
    /// deprecated, failures): ``RuleQuality`` with no analysis behind it.
    public var report: RuleQuality { RuleQuality(scan: self, findings: []) }

    /// The counts of the rules and files of one format.
    public func report(of format: RuleFormat) -> RuleQuality {
        RuleScan(rules: rules.filter { $0.format == format }, issues: [], filesPerFormat: filesPerFormat.filter { $0.key == format })
            .report
    }
}
