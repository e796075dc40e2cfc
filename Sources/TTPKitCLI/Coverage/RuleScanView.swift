import ATTACK
import Coverage
import Output
import STIX

/// The three renderings of a rule scan.
struct RuleScanView {
    let scan: RuleScan
    let validation: RuleValidation
    let quality: RuleQuality
    let release: String
    let paths: [String]
    let limit: Int

    /// Problem kinds in the order the table lists them.
    static let sections: [(RuleFinding.Kind, String)] = [
        (.revoked, "Revoked IDs (counted as the replacement)"),
        (.deprecated, "Deprecated IDs"),
        (.unknown, "Unknown IDs"),
        (.unknownTactic, "Unknown tactics"),
        (.tacticOnly, "Tactic-only rules (never coverage)"),
    ]

    func table() -> String {
        let t = Terminal.standardOutput
        var out = t.bold("Rules read from \(paths.joined(separator: ", "))") + t.dim("  · checked against \(release)") + "\n\n"
        var rows = RuleFormat.allCases.map { (name: $0.rawValue, counts: scan.report(of: $0)) }
            .filter { $0.counts.files > 0 || $0.counts.rules > 0 }
            .map { formatRow($0.name, $0.counts) }
        rows.append(formatRow("total", quality))
        out += Table(columns: ["format", "files", "rules", "with techniques", "tactic-only", "untagged", "deprecated"], rows: rows)
            .text(width: t.width)
        out += "\n"
        let counts: [(String, Int)] = [
            ("rules naming revoked IDs", quality.revokedIDRules), ("rules naming deprecated IDs", quality.deprecatedIDRules),
            ("rules naming IDs not in \(release)", quality.unknownIDRules), ("rules naming unknown tactics", quality.unknownTacticRules),
            ("files or rules that failed", quality.failures), ("warnings", quality.warnings),
            ("files skipped (not detection content)", quality.skippedFiles),
        ]
        for (label, n) in counts { out += "\(String(n).leftPadded(7))  \(label)\n" }
        for (kind, title) in Self.sections {
            let items = validation.findings(kind)
            guard !items.isEmpty else { continue }
            let rules = validation.ruleCount(kind)
            out += section("\(title): \(RuleScanning.plural(rules, "rule"))", items.map(\.description))
        }
        if !scan.errors.isEmpty { out += section("Failed: \(scan.errors.count)", scan.errors.map(\.description)) }
        if !scan.warnings.isEmpty { out += section("Warnings: \(scan.warnings.count)", scan.warnings.map(\.description)) }
        return out
    }

    func formatRow(_ name: String, _ counts: RuleQuality) -> [String] {
        [name] + [counts.files, counts.rules, counts.withTechniques, counts.tacticOnly, counts.untagged, counts.deprecatedRules]
            .map(String.init)
    }

    func section(_ title: String, _ lines: [String]) -> String {
        let t = Terminal.standardOutput
        var out = "\n" + t.bold(title) + "\n"
        let shown = limit > 0 ? lines.prefix(limit) : lines[...]
        for line in shown { out += "  \(Escape.terminal(line, singleLine: true))\n" }
        if shown.count < lines.count { out += t.dim("  … and \(lines.count - shown.count) more lines (--limit 0 lists all)") + "\n" }
        return out
    }

    func json() -> JSONValue {
        let rules: [JSONValue] = zip(validation.rules, validation.findingsPerRule()).map { v, findings in
            let r = v.rule
            var j: [(String, JSONValue)] = [
                ("path", .string(r.path)), ("line", .number(Double(r.line))), ("format", .string(r.format.rawValue)),
                ("title", .string(r.title)), ("rule_id", r.id.map(JSONValue.string) ?? .null),
                ("status", r.status.map(JSONValue.string) ?? .null), ("level", r.level.map(JSONValue.string) ?? .null),
                ("techniques", ObjectJSON.strings(v.techniqueIDs)), ("tagged_techniques", ObjectJSON.strings(r.techniqueIDs)),
                ("tactics", ObjectJSON.strings(r.tactics)),
            ]
            if !r.groupIDs.isEmpty { j.append(("groups", ObjectJSON.strings(r.groupIDs))) }
            if !r.softwareIDs.isEmpty { j.append(("software", ObjectJSON.strings(r.softwareIDs))) }
            j.append(("findings", .array(findings.map(CoverageDocument.findingJSON))))
            return .object(JSONObject(j))
        }
        return .object(JSONObject([
            ("attack_version", validation.release.map(JSONValue.string) ?? .null),
            ("paths", ObjectJSON.strings(paths)),
            ("summary", CoverageDocument.qualityJSON(quality)),
            ("rules", .array(rules)),
            ("findings", .array(validation.findings.map(CoverageDocument.findingJSON))),
            ("issues", .array(scan.issues.map(CoverageDocument.issueJSON))),
            ("skipped", .array(scan.skipped.map { .object(JSONObject([("path", .string($0.path)), ("reason", .string($0.reason))])) })),
        ]))
    }

    func csv() -> Table {
        var rows: [[String]] = zip(validation.rules, validation.findingsPerRule()).map { v, findings in
            let r = v.rule
            return [
                r.path, String(r.line), r.format.rawValue, r.title, r.status ?? "", r.level ?? "",
                v.techniqueIDs.joined(separator: ";"), r.tactics.joined(separator: ";"),
                findings.map { "\($0.kind.rawValue): \($0.message)" }.joined(separator: "; "),
            ]
        }
        rows += scan.issues.map { i in
            [i.path, i.line.map(String.init) ?? "", "", "", "", "", "", "", "\(i.severity.rawValue): \(i.reason)"]
        }
        return Table(columns: ["path", "line", "format", "title", "status", "level", "techniques", "tactics", "problems"], rows: rows)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
