/// Evaluates gates over a coverage result.
///
/// - `fail-on-gaps` fails when any required technique is not Detected (a required technique
///   the result does not list counts as Blind).
/// - `fail-under` compares the Detected share — of all techniques and sub-techniques, or of
///   those in one tactic (a technique in several tactics counts in each) — with the threshold;
///   reaching it exactly passes. A tactic with no techniques fails with a message.
/// - `fail-on-regression` fails when a technique Detected in the base is not Detected now
///   (including one the new result no longer lists). A base of another domain is an error.
///
/// ```swift
/// let result = try GateEvaluator.evaluate(result, gates: gates)
/// print(result.summaryLine)
/// result.passed   // false when a gate failed
/// ```
public enum GateEvaluator {
    /// Evaluates every configured gate.
    public static func evaluate(_ result: CoverageResult, gates: GateConfiguration) throws(CoverageInputError) -> GateResult {
        var conditions: [GateCondition] = []
        if let targets = gates.requiredTechniques { conditions.append(gaps(result, targets)) }
        for threshold in gates.thresholds { conditions.append(self.threshold(result, threshold)) }
        if let base = gates.regressionBase { conditions.append(try regression(result, base: base)) }
        return GateResult(detected: result.count(.detected), total: result.techniques.count, conditions: conditions)
    }

    static func gaps(_ result: CoverageResult, _ targets: TechniqueTargets) -> GateCondition {
        var findings: [GateFinding] = []
        for id in targets.techniqueIDs {
            let entry = result.technique(id)
            let state = entry?.state ?? .blind
            guard state != .detected else { continue }
            let why = (targets.reasons[id] ?? []).joined(separator: ", ")
            let location = targets.path.map { path in RuleLocation(path: path, line: targets.lines[id] ?? 1, title: id) }
            findings.append(GateFinding(
                techniqueID: id, name: entry?.name ?? "", state: state,
                message: "\(id)\(entry.map { " \($0.name)" } ?? "") is \(state.rawValue), not detected" + (why.isEmpty ? "" : "; required by \(why)"),
                targetsLocation: location))
        }
        let message = findings.isEmpty
            ? "all \(targets.techniqueIDs.count) techniques of \(targets.label) detected"
            : "\(findings.count) of \(targets.techniqueIDs.count) techniques of \(targets.label) not detected"
        return GateCondition(kind: .gaps, name: GateCondition.Kind.gaps.rawValue, passed: findings.isEmpty, message: message, findings: findings)
    }

    static func threshold(_ result: CoverageResult, _ threshold: GateThreshold) -> GateCondition {
        let members = threshold.tactic.map { tactic in result.techniques.filter { $0.tactics.contains(tactic) } } ?? result.techniques
        let name = "\(GateCondition.Kind.threshold.rawValue) \(threshold)"
        guard !members.isEmpty else {
            return GateCondition(kind: .threshold, name: name, passed: false, message: "no techniques in \(threshold.tactic ?? "the result")")
        }
        let detected = members.count(where: { $0.state == .detected })
        let percent = Double(detected) * 100 / Double(members.count)
        let passed = percent + 1e-9 >= threshold.percent
        let message = "\(GateResult.format(percent))%, \(detected)/\(members.count) detected\(passed ? "" : ", needs \(threshold.description)")"
        return GateCondition(kind: .threshold, name: name, passed: passed, message: message)
    }

    static func regression(_ result: CoverageResult, base: CoverageResult) throws(CoverageInputError) -> GateCondition {
        if let baseDomain = base.domain, let domain = result.domain, baseDomain != domain {
            throw CoverageInputError(path: base.source, reason: "regression base is \(baseDomain.rawValue) coverage, this coverage is \(domain.rawValue)")
        }
        var findings: [GateFinding] = []
        for old in base.techniques where old.state == .detected {
            let now = result.technique(old.techniqueID)
            let state = now?.state ?? .blind
            guard state != .detected else { continue }
            let rules = old.rules.prefix(5).map { "\($0.rule.path):\($0.rule.line)" }.joined(separator: ", ")
            let status = now == nil ? "not in this result" : state.rawValue
            findings.append(GateFinding(
                techniqueID: old.techniqueID, name: old.name.isEmpty ? (now?.name ?? "") : old.name, state: state,
                message: "\(old.techniqueID) \(old.name) was detected in \(base.source) and is now \(status)"
                    + (rules.isEmpty ? "" : "; it was detected by \(rules)"),
                rules: old.ruleLocations))
        }
        let message = findings.isEmpty ? "no technique lost" : "\(findings.count) technique\(findings.count == 1 ? "" : "s") lost"
        return GateCondition(kind: .regression, name: GateCondition.Kind.regression.rawValue, passed: findings.isEmpty, message: message, findings: findings)
    }
}
