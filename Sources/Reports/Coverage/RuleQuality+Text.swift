import Coverage

/// The rule-quality counts as the coverage report and the terminal list them: one wording for
/// both.
extension RuleQuality {
    /// Rules read per format, in format order (`sigma 1,204, elastic 3`); empty when none.
    public var formatsText: String {
        RuleFormat.allCases.compactMap { f in rulesPerFormat[f].map { "\(f.rawValue) \(ReportText.count($0))" } }
            .joined(separator: ", ")
    }

    /// The rules read, with their formats: `1,207 rules read (sigma 1,204, elastic 3)`.
    public var readText: String {
        ReportText.plural(rules, "rule") + " read" + (formatsText.isEmpty ? "" : " (\(formatsText))")
    }

    /// The counts of rules with each problem, in the order they are listed, with what the
    /// problem means; `release` names the ATT&CK release the rules were checked against. Zero
    /// counts are included: callers list the others.
    public func problems(release: String) -> [(count: Int, label: String)] {
        [
            (tacticOnly, "tactic tags only (tactic tags never count as coverage)"),
            (untagged, "no ATT&CK tag"),
            (revokedIDRules, "naming a revoked technique (counted as its replacement)"),
            (deprecatedIDRules, "naming a deprecated technique, which is in no current matrix"),
            (unknownIDRules, "naming a technique \(release) does not know (a newer release?); not counted"),
            (unknownTacticRules, "naming a tactic \(release) does not know"),
            (cannotFire, "cannot fire: the log source is not collected; not counted"),
            (unchecked, "log source not checkable against the telemetry; counted"),
            (excluded, "deprecated or disabled; not counted"),
        ]
    }
}
