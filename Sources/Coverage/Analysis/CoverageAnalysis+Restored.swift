extension CoverageAnalysis {
    /// An analysis rebuilt from stored results (a coverage file or a coverage layer) rather
    /// than computed from rules: gaps, recommendations and reports then work on it exactly as
    /// on a fresh one.
    ///
    /// ```swift
    /// let restored = CoverageAnalysis(restoring: techniques, release: "18.1")
    /// restored.technique("T1059.001")?.state   // as stored
    /// ```
    public init(
        restoring techniques: [TechniqueCoverage], release: String?, options: CoverageOptions = CoverageOptions(),
        findings: [RuleFinding] = [], uncheckedRules: [DetectionRule] = [], excludedRules: [DetectionRule] = [],
        telemetryIssues: [RuleIssue] = []
    ) {
        self.release = release
        self.options = options
        self.techniques = techniques
        self.findings = findings
        self.uncheckedRules = uncheckedRules
        self.excludedRules = excludedRules
        self.telemetryIssues = telemetryIssues
        var positions: [String: Int] = [:]
        for (index, coverage) in techniques.enumerated() { positions[coverage.techniqueID] = index }
        self.positions = positions
    }
}
