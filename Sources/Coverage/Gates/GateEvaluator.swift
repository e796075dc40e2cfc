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
/// let result = try GateEvaluator.evaluate(CoverageSnapshot(analysis), gates: gates)
/// print(result.summaryLine)
/// exit(result.exitStatus.rawValue)
/// ```
public enum GateEvaluator {
    /// Evaluates every configured gate.
    public static func evaluate(_ snapshot: CoverageSnapshot, gates: GateConfiguration) throws(CoverageInputError) -> GateResult {
        var conditions: [GateCondition] = []
        if let targets = gates.requiredTechniques { conditions.append(gaps(snapshot, targets)) }
        for threshold in gates.thresholds { conditions.append(self.threshold(snapshot, threshold)) }
        if let base = gates.regressionBase { conditions.append(try regression(snapshot, base: base)) }
        return GateResult(detected: snapshot.count(.detected), total: snapshot.entries.count, conditions: conditions)
    }

    static func gaps(_ snapshot: CoverageSnapshot, _ targets: TechniqueTargets) -> GateCondition {
        var findings: [GateFinding] = []
        for id in targets.techniqueIDs {
            let entry = snapshot.entry(id)
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

    static func threshold(_ snapshot: CoverageSnapshot, _ threshold: GateThreshold) -> GateCondition {
        let members = threshold.tactic.map { tactic in snapshot.entries.filter { $0.tactics.contains(tactic) } } ?? snapshot.entries
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

    static func regression(_ snapshot: CoverageSnapshot, base: CoverageSnapshot) throws(CoverageInputError) -> GateCondition {
        if let baseDomain = base.domain, let domain = snapshot.domain, baseDomain != domain {
            throw CoverageInputError(path: base.source, reason: "regression base is \(baseDomain.rawValue) coverage, this coverage is \(domain.rawValue)")
        }
        var findings: [GateFinding] = []
        for old in base.entries where old.state == .detected {
            let now = snapshot.entry(old.techniqueID)
            let state = now?.state ?? .blind
            guard state != .detected else { continue }
            let rules = old.rules.prefix(5).map { "\($0.path):\($0.line)" }.joined(separator: ", ")
            let status = now == nil ? "not in this result" : state.rawValue
            findings.append(GateFinding(
                techniqueID: old.techniqueID, name: old.name.isEmpty ? (now?.name ?? "") : old.name, state: state,
                message: "\(old.techniqueID) \(old.name) was detected in \(base.source) and is now \(status)"
                    + (rules.isEmpty ? "" : "; it was detected by \(rules)"),
                rules: old.rules))
        }
        let message = findings.isEmpty ? "no technique lost" : "\(findings.count) technique\(findings.count == 1 ? "" : "s") lost"
        return GateCondition(kind: .regression, name: GateCondition.Kind.regression.rawValue, passed: findings.isEmpty, message: message, findings: findings)
    }
}
