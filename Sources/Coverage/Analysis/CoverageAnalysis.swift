import ATTACK

/// Per technique and sub-technique of one release: Detected (with the rules), Logged (with the
/// telemetry that would see it) or Blind, with a score.
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
///
/// ```swift
/// let analysis = CoverageAnalysis(rules: scan.rules, telemetry: inventory, knowledgeBase: kb)
/// analysis.technique("T1059.001")?.state   // .detected
/// analysis.count(.blind)                   // techniques nothing covers
/// ```
public struct CoverageAnalysis: Sendable {
    /// The release analysed (`18.1`).
    public let release: String?
    /// The options used.
    public let options: CoverageOptions
    /// Every active technique and sub-technique, in ATT&CK ID order.
    public let techniques: [TechniqueCoverage]
    /// Rule findings: revoked / deprecated / unknown IDs, unknown tactics, tactic-only rules,
    /// rules that cannot fire.
    public let findings: [RuleFinding]
    /// Rules whose log source could not be checked against the telemetry (only when
    /// telemetry is given).
    public let uncheckedRules: [DetectionRule]
    /// Rules left out by status or `enabled` (see options).
    public let excludedRules: [DetectionRule]
    /// Problems with the telemetry inventory, resolved against the release.
    public let telemetryIssues: [RuleIssue]
    let positions: [String: Int]

    /// Classifies every technique of `knowledgeBase`.
    public init(
        rules: [DetectionRule], telemetry inventory: TelemetryInventory? = nil, knowledgeBase kb: KnowledgeBase,
        options: CoverageOptions = CoverageOptions()
    ) {
        self.release = kb.attackVersion
        self.options = options
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
            let score: Double
            switch state {
            case .detected:
                if let weighting = options.weighting {
                    let best = references.map { weighting.weight(of: $0.rule) }.max() ?? 1
                    score = max(options.scores.detected * best, options.scores.logged)
                } else {
                    score = options.scores.detected
                }
            case .logged: score = options.scores.logged
            case .blind: score = options.scores.blind
            }
            result.append(TechniqueCoverage(
                techniqueID: id, name: technique.name, isSubtechnique: technique.isSubtechnique,
                parentID: technique.parentAttackID, tactics: technique.tacticShortnames, platforms: technique.platforms,
                state: state, score: score, rules: references, telemetry: seen.sorted { $0.line < $1.line }))
        }
        var positions: [String: Int] = [:]
        for (index, coverage) in result.enumerated() { positions[coverage.techniqueID] = index }
        // Parents: how many of their sub-techniques are Detected.
        for index in result.indices where !result[index].isSubtechnique {
            let prefix = result[index].techniqueID + "."
            let subs = result.filter { $0.techniqueID.hasPrefix(prefix) }
            result[index].subtechniqueCount = subs.count
            result[index].subtechniquesDetected = subs.count(where: { $0.state == .detected })
        }
        self.techniques = result
        self.positions = positions
        self.findings = findings.sorted { ($0.path, $0.line, $0.kind.rawValue) < ($1.path, $1.line, $1.kind.rawValue) }
        self.uncheckedRules = unchecked
        self.excludedRules = excluded
        self.telemetryIssues = telemetry?.issues ?? []
    }

    private struct ReferenceKey: Hashable {
        var name: String
        var channel: String
    }

    /// The coverage of one technique (canonical ID).
    public func technique(_ id: String) -> TechniqueCoverage? {
        positions[id].map { techniques[$0] }
    }

    /// Atomic Red Team tests for Detected techniques (to validate the rules) and for Blind
    /// ones (to build detections against), by technique ID.
    public func atomicTests(_ index: AtomicIndex) -> (detected: [String: [AtomicTest]], blind: [String: [AtomicTest]]) {
        var detected: [String: [AtomicTest]] = [:]
        var blind: [String: [AtomicTest]] = [:]
        for technique in techniques {
            guard let tests = index.tests[technique.techniqueID], !tests.isEmpty else { continue }
            switch technique.state {
            case .detected: detected[technique.techniqueID] = tests
            case .blind: blind[technique.techniqueID] = tests
            case .logged: break
            }
        }
        return (detected, blind)
    }

    /// How many techniques are in a state.
    public func count(_ state: CoverageState) -> Int { techniques.count(where: { $0.state == state }) }

    /// Counts and percentages per tactic of the release, in matrix order (read from the
    /// bundle, so renamed or split tactics come out right).
    public func summaryByTactic(_ kb: KnowledgeBase) -> [TacticSummary] {
        summary(tactics: kb.orderedTactics().map(\.shortname))
    }

    /// Counts and percentages per tactic, in the order given (use the knowledge base's
    /// `orderedTactics()` shortnames); a technique in several tactics counts in each.
    public func summary(tactics: [String]) -> [TacticSummary] {
        tactics.map { tactic in
            let members = techniques.filter { $0.tactics.contains(tactic) }
            return TacticSummary(
                tactic: tactic, techniques: members.count,
                detected: members.count(where: { $0.state == .detected }),
                logged: members.count(where: { $0.state == .logged }),
                blind: members.count(where: { $0.state == .blind }))
        }
    }
}

/// The coverage of one technique or sub-technique.
public struct TechniqueCoverage: Sendable, Hashable, Codable {
    /// `T1059.001`.
    public var techniqueID: String
    /// The technique's name.
    public var name: String
    /// True for sub-techniques.
    public var isSubtechnique: Bool
    /// The parent's ID for sub-techniques.
    public var parentID: String?
    /// Tactic shortnames of the technique, as the release lists them.
    public var tactics: [String]
    /// Platforms of the technique.
    public var platforms: [String]
    /// Detected, Logged or Blind.
    public var state: CoverageState
    /// The score for the state (see ``CoverageOptions/scores``).
    public var score: Double
    /// The rules that make it Detected, and how each applied.
    public var rules: [RuleReference]
    /// The inventory entries that would see it (filled whether or not it is Detected).
    public var telemetry: [TelemetrySource]
    /// For parents: how many sub-techniques there are, and how many are Detected.
    public var subtechniqueCount = 0
    /// For parents: how many sub-techniques are Detected.
    public var subtechniquesDetected = 0
}

/// A rule counted for a technique, and how it applied.
public struct RuleReference: Sendable, Hashable, Codable {
    /// How the rule reached the technique.
    public enum AppliedAs: Sendable, Hashable, Codable {
        /// The rule names the technique.
        case direct
        /// The rule names a revoked ID (given) that this technique replaced.
        case revokedID(String)
        /// The rule names the parent (given); counted because of the parent switch.
        case parent(String)
    }

    /// The rule.
    public var rule: DetectionRule
    /// How it applied.
    public var appliedAs: AppliedAs
}

/// Counts of one tactic's techniques per state.
public struct TacticSummary: Sendable, Hashable, Codable {
    /// The tactic shortname.
    public var tactic: String
    /// Techniques and sub-techniques in the tactic.
    public var techniques: Int
    /// Detected ones.
    public var detected: Int
    /// Logged ones.
    public var logged: Int
    /// Blind ones.
    public var blind: Int

    /// Share of a state in percent (0 when the tactic is empty).
    public func percent(_ state: CoverageState) -> Double {
        guard techniques > 0 else { return 0 }
        let count: Int
        switch state {
        case .detected: count = detected
        case .logged: count = logged
        case .blind: count = blind
        }
        return Double(count) * 100 / Double(techniques)
    }
}
