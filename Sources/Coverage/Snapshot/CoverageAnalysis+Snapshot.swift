import ATTACK

extension CoverageAnalysis {
    /// Coverage from an imported result (a DeTT&CT technique-administration file, a coverage
    /// file or a layer), so gaps, recommendations and reports work on it like on a scanned one.
    ///
    /// Every active technique of `kb` takes its state from the snapshot (Blind when it is not
    /// listed) and the default score of that state. Rule locations of the snapshot become
    /// rules of format `csv` titled with the location (a DeTT&CT `location`, or the rule's
    /// title); there are no findings and no telemetry entries.
    public init(importing snapshot: CoverageSnapshot, knowledgeBase kb: KnowledgeBase, options: CoverageOptions = CoverageOptions()) {
        var result: [TechniqueCoverage] = []
        for technique in kb.objects(.technique).sorted(by: { $0.sortRank < $1.sortRank }) {
            let entry = snapshot.entry(technique.attackID)
            let state = entry?.state ?? .blind
            let score: Double
            switch state {
            case .detected: score = options.scores.detected
            case .logged: score = options.scores.logged
            case .blind: score = options.scores.blind
            }
            let rules = state == .detected ? (entry?.rules ?? []).map { location in
                RuleReference(rule: DetectionRule(format: .csv, path: location.path, line: location.line,
                                                  title: location.title.isEmpty ? location.path : location.title,
                                                  status: "imported", techniqueIDs: [technique.attackID]), appliedAs: .direct)
            } : []
            result.append(TechniqueCoverage(
                techniqueID: technique.attackID, name: technique.name, isSubtechnique: technique.isSubtechnique,
                parentID: technique.parentAttackID, tactics: technique.tacticShortnames, platforms: technique.platforms,
                state: state, score: score, rules: rules, telemetry: []))
        }
        var positions: [String: Int] = [:]
        for (index, coverage) in result.enumerated() { positions[coverage.techniqueID] = index }
        for index in result.indices where !result[index].isSubtechnique {
            let prefix = result[index].techniqueID + "."
            let subs = result.filter { $0.techniqueID.hasPrefix(prefix) }
            result[index].subtechniqueCount = subs.count
            result[index].subtechniquesDetected = subs.count(where: { $0.state == .detected })
        }
        self.release = kb.attackVersion
        self.options = options
        self.techniques = result
        self.positions = positions
        self.findings = []
        self.uncheckedRules = []
        self.excludedRules = []
        self.telemetryIssues = []
    }
}
