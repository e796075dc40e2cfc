import Output
import ATTACK
import Coverage
import Reports

/// The human and CSV renderings of a coverage result.
struct CoverageView {
    let result: CoverageResult
    let knowledgeBase: KnowledgeBase
    /// Bold and dim only when printing to a terminal.
    var styled = true


    func bold(_ s: String) -> String { styled ? Terminal.standardOutput.bold(s) : s }
    func dim(_ s: String) -> String { styled ? Terminal.standardOutput.dim(s) : s }

    /// "214 (31%)".
    static func cell(_ n: Int, of total: Int) -> String {
        "\(RuleScanning.count(n)) (\(total > 0 ? Int((Double(n) * 100 / Double(total)).rounded()) : 0)%)"
    }

    /// The by-tactic summary, totals, rule quality and (with --atomics) the Atomic Red Team
    /// counts.
    func table() -> String {
        let kb = knowledgeBase
        var out = bold("Detection coverage") + dim("  · ATT&CK \(kb.domain.displayName) \(result.release ?? "") · "
            + (result.quality.map { RuleScanning.plural($0.rules, "rule") } ?? "rules")
            + (result.inputs.telemetry.map { " · telemetry: \($0)" } ?? " · no telemetry inventory")) + "\n\n"
        var rows: [[String]] = []
        for s in result.summaryByTactic(kb) {
            let name = kb.tactic(shortname: s.tactic)?.name ?? s.tactic
            rows.append([name, String(s.techniques), Self.cell(s.detected, of: s.techniques),
                         Self.cell(s.logged, of: s.techniques), Self.cell(s.blind, of: s.techniques)])
        }
        let total = result.techniques.count
        rows.append(["Total (techniques and sub-techniques)", String(total), Self.cell(result.count(.detected), of: total),
                     Self.cell(result.count(.logged), of: total), Self.cell(result.count(.blind), of: total)])
        out += Table(columns: ["tactic", "techniques", "detected", "logged", "blind"], rows: rows).text(width: 200)
        let parents = result.detectedShare(subtechniques: false)
        let subs = result.detectedShare(subtechniques: true)
        out += "\nParents: \(parents.detected) of \(parents.total) detected; "
            + "sub-techniques: \(subs.detected) of \(subs.total) detected. "
            + (result.options.parentRuleCoversSubtechniques
                ? "Rules on a parent were counted for its sub-techniques."
                : "A rule on a parent covers the parent only (--parent-covers-subtechniques to change).") + "\n"
        if let q = result.quality { out += "\n" + quality(q) }
        if result.hasAtomicTests {
            let tests = result.atomicTestsByState
            out += "\n" + bold("Atomic Red Team") + "\n"
            out += "  \(RuleScanning.plural(tests.detected.count, "Detected technique")) with tests to validate the rules: "
                + Self.sample(tests.detected.keys) + "\n"
            out += "  \(RuleScanning.plural(tests.blind.count, "Blind technique")) with tests to build detections against: "
                + Self.sample(tests.blind.keys) + "\n"
        }
        return out
    }

    static func sample<S: Sequence<String>>(_ ids: S) -> String {
        let sorted = ids.sorted()
        guard !sorted.isEmpty else { return "none" }
        return sorted.prefix(8).joined(separator: ", ") + (sorted.count > 8 ? ", …" : "")
    }

    func quality(_ q: RuleQuality) -> String {
        var out = bold("Rules") + "  \(q.readText), \(RuleScanning.count(q.withTechniques)) with techniques\n"
        let lines = q.problems(release: "ATT&CK \(result.release ?? "")")
            + [(q.failures, "files or rules that failed to read"), (q.warnings, "warnings")]
        for (n, label) in lines where n > 0 { out += "  \(String(RuleScanning.count(n)).leftPadded(7))  \(label)\n" }
        return out
    }

    /// One row per technique.
    func csv() -> Table {
        let rows = result.techniques.map { t -> [String] in
            var row = [
                t.techniqueID, t.name, t.tactics.joined(separator: ";"), t.state.rawValue, Self.number(t.score),
                String(t.rules.count), t.rules.map { Self.ruleText($0) }.joined(separator: "; "),
                t.telemetry.map(\.label).joined(separator: "; "),
                t.isSubtechnique ? "" : "\(t.subtechniquesDetected)/\(t.subtechniqueCount)",
            ]
            if result.hasAtomicTests { row.append(String(t.atomicTests.count)) }
            return row
        }
        var columns = ["id", "name", "tactics", "state", "score", "rule_count", "rules", "telemetry", "subtechniques_detected"]
        if result.hasAtomicTests { columns.append("atomic_tests") }
        return Table(columns: columns, rows: rows)
    }

    static func number(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(v) }

    static func ruleText(_ r: RuleReference) -> String {
        switch r.appliedAs {
        case .direct: return r.rule.title
        case .revokedID(let id): return "\(r.rule.title) [tagged \(id), revoked]"
        case .parent(let id): return "\(r.rule.title) [rule on parent \(id)]"
        }
    }
}
