import ATTACK

extension CoverageResult {
    /// Classifies every technique and sub-technique of `knowledgeBase` from rules (and, when
    /// given, the telemetry inventory).
    ///
    /// Rules count when they name the technique itself (revoked IDs are followed to their
    /// replacement); a rule on a parent covers the parent only unless
    /// ``CoverageOptions/parentRuleCoversSubtechniques``; tactic-only tags never count;
    /// deprecated and disabled rules do not count by default. When telemetry is given, a rule
    /// whose own log source is not collected cannot fire and does not count (it is listed in
    /// ``findings`` as `cannot-fire`). Logged uses ATT&CK's own links: from v18, detection
    /// strategies → analytics → log source references (an inventory log source matching one, or
    /// an inventory data component named by one); before v18, data components that `detect` the
    /// technique. An inventory entry limited to platforms counts only for techniques on one of
    /// them.
    public init(
        rules: [DetectionRule], telemetry inventory: TelemetryInventory? = nil, knowledgeBase kb: KnowledgeBase,
        options: CoverageOptions = CoverageOptions()
    ) {
        let validation = RuleValidator(knowledgeBase: kb).validate(rules)
        var findings = validation.findings
        let telemetry = inventory.map { CollectedTelemetry(inventory: $0, knowledgeBase: kb) }
        var unchecked: [DetectionRule] = []
        var excluded: [DetectionRule] = []

        // Which rules count, and for which techniques.
        var rulesByTechnique: [String: [RuleReference]] = [:]
        for validated in validation.rules where !validated.techniqueIDs.isEmpty {
            let rule = validated.rule
            if (rule.isDeprecated && !options.countDeprecatedRules) || (rule.enabled == false && !options.countDisabledRules) {
                excluded.append(rule)
                continue
            }
            if let telemetry {
                switch telemetry.fireCheck(rule) {
                case .canFire: break
                case .unchecked: unchecked.append(rule)
                case .cannotFire(let needs):
                    let wanted = needs.alternatives.map { $0.map { $0.map(\.description).joined(separator: " or ") }.joined(separator: " and ") }
                    findings.append(RuleFinding(rule: rule, kind: .cannotFire, techniqueID: nil,
                        message: "cannot fire: its log source needs \(wanted.joined(separator: "; or ")), which the telemetry inventory does not collect"))
                    continue
                }
            }
            for id in validated.techniqueIDs {
                rulesByTechnique[id, default: []].append(RuleReference(
                    rule: rule, appliedAs: validated.replacedIDs[id].map { .revokedID($0) } ?? .direct))
            }
        }

        // Classify.
        var result: [TechniqueCoverage] = []
        var matchCache: [ReferenceKey: [TelemetrySource]] = [:]
        let techniques = kb.objects(.technique).sorted { $0.sortRank < $1.sortRank }
        for technique in techniques {
            let id = technique.attackID
            var references = rulesByTechnique[id] ?? []
            if options.parentRuleCoversSubtechniques, let parent = technique.parentAttackID {
                references += (rulesByTechnique[parent] ?? []).map { RuleReference(rule: $0.rule, appliedAs: .parent(parent)) }
            }
            var seen: [TelemetrySource] = []
            if let telemetry {
                let detection = kb.detection(of: technique)
                for reference in detection.logSources {
                    let key = ReferenceKey(name: reference.name, channel: reference.channel)
                    let entries = matchCache[key] ?? telemetry.entries(matching: reference)
                    matchCache[key] = entries
                    for entry in entries where !seen.contains(entry) { seen.append(entry) }
                }
                for component in detection.dataComponents {
                    for entry in telemetry.namedComponents[component.id] ?? [] where !seen.contains(entry) { seen.append(entry) }
                }
            }
            let platforms = Set(technique.platforms.map { $0.lowercased() })
            seen = seen.filter { entry in
                entry.platforms.isEmpty || entry.platforms.contains { platforms.contains($0.lowercased()) }
            }
            let state: CoverageState = !references.isEmpty ? .detected : (!seen.isEmpty ? .logged : .blind)
            var score = options.scores.score(state)
            if state == .detected, let weighting = options.weighting {
                let best = references.map { weighting.weight(of: $0.rule) }.max() ?? 1
                score = max(options.scores.detected * best, options.scores.logged)
            }
            result.append(TechniqueCoverage(
                techniqueID: id, name: technique.name, isSubtechnique: technique.isSubtechnique,
                parentID: technique.parentAttackID, tactics: technique.tacticShortnames, platforms: technique.platforms,
                state: state, score: score, rules: references, telemetry: seen.sorted { $0.line < $1.line }))
        }
        let sortedFindings = findings.sorted { ($0.path, $0.line, $0.kind.rawValue) < ($1.path, $1.line, $1.kind.rawValue) }
        self.init(
            domain: kb.domain, release: kb.attackVersion, techniques: result, options: options, findings: sortedFindings,
            issues: telemetry?.issues ?? [])
        self.uncheckedRules = unchecked
        self.excludedRules = excluded
    }

    private struct ReferenceKey: Hashable {
        var name: String
        var channel: String
    }
}
