import ATTACK

/// Evaluates gates over a coverage result.
///
/// - `fail-on-gaps` fails when the one gap list of the required techniques
///   (``ThreatCoverage/gaps``: not Detected — a technique the result does not list is Blind —
///   not waived, and not pre-compromise unless included) is not empty. Waived and
///   pre-compromise gaps are listed apart in ``GateResult/gapStudy``.
/// - `fail-under` compares the Detected share — of all techniques and sub-techniques, or of
///   those in one tactic (a technique in several tactics counts in each) — with the threshold;
///   reaching it exactly passes. A tactic with no techniques fails with a message.
/// - `fail-on-regression` fails when a technique Detected in the base is not Detected now
///   (including one the new result no longer lists). A base of another domain is an error.
///
/// ```swift
/// let result = try GateEvaluator.evaluate(result, gates: gates, knowledgeBase: kb)
/// print(result.summaryLine)
/// result.passed   // false when a gate failed
/// ```
public enum GateEvaluator {
    /// Evaluates every configured gate.
    public static func evaluate(_ result: CoverageResult, gates: GateConfiguration, knowledgeBase kb: KnowledgeBase) throws(CoverageInputError) -> GateResult {
        var conditions: [GateCondition] = []
        var study: ThreatCoverage?
        if let targets = gates.requiredTechniques {
            let gapStudy = ThreatCoverage(
                coverage: result, profiles: targets.profiles, knowledgeBase: kb, recommendationLimit: 0,
                includePreCompromise: gates.includePreCompromise, waivers: gates.waivers, asOf: gates.asOf)
            conditions.append(gaps(gapStudy, targets))
            study = gapStudy
        }
        for threshold in gates.thresholds { conditions.append(self.threshold(result, threshold)) }
        if let base = gates.regressionBase { conditions.append(try regression(result, base: base)) }
        return GateResult(detected: result.count(.detected), total: result.techniques.count, conditions: conditions, gapStudy: study)
    }

    /// The `fail-on-gaps` condition: one finding per counted gap, in rank order, located at the
    /// line of an expired waiver naming it, else at its line of the targets file.
    static func gaps(_ study: ThreatCoverage, _ targets: TechniqueTargets) -> GateCondition {
        var findings: [GateFinding] = []
        for gap in study.gaps {
            let id = gap.techniqueID
            let why = (targets.reasons[id] ?? []).joined(separator: ", ")
            let expired = study.waivers.expiredWaiver(for: id)
            var location = expired?.location
            if location == nil, let path = targets.path, let line = targets.lines[id] { location = RuleLocation(path: path, line: line, title: id) }
            var message = "\(id)\(gap.name.isEmpty ? "" : " \(gap.name)") is \(gap.state.rawValue), not detected" + (why.isEmpty ? "" : "; required by \(why)")
            if let expired { message += "; its waiver at \(expired.path):\(expired.line) expired (expires: \(expired.expires))" }
            findings.append(GateFinding(techniqueID: id, name: gap.name, state: gap.state, message: message, location: location))
        }
        let required = targets.techniqueIDs.count
        var apart: [String] = []
        if !study.waived.isEmpty { apart.append("\(study.waived.count) waived") }
        if !study.preCompromiseGaps.isEmpty { apart.append("\(study.preCompromiseGaps.count) pre-compromise listed apart") }
        let message: String
        if !findings.isEmpty {
            message = "\(findings.count) of \(required) techniques of \(targets.label) not detected" + (apart.isEmpty ? "" : "; " + apart.joined(separator: ", "))
        } else if apart.isEmpty {
            message = "all \(required) techniques of \(targets.label) detected"
        } else {
            message = "no gap among the \(required) techniques of \(targets.label) (" + apart.joined(separator: ", ") + ")"
        }
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
