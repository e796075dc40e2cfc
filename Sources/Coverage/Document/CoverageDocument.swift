import ATTACK
import Foundation
import Output
import STIX

/// The coverage file (`"format": "ttpkit-coverage"`): the one document a ``CoverageResult`` is
/// written to and read from. `ttpkit coverage --format json`, `dettect import techniques` and
/// `migrate` write it; `gaps`, `report`, `coverage gate`, `coverage diff`, `dettect export` and
/// `migrate` read it (and coverage layers and DeTT&CT files, see ``CoverageFileKind``).
///
/// Format version 2 (written since the coverage model was unified) adds, per technique,
/// `dettect` scores and `atomic_tests` that are read back, so nothing is lost on a round trip.
/// Version 1 files are still read: the full shape `ttpkit coverage --format json` wrote, and
/// the short shape of `dettect import` / `migrate` (`id`, `state`, `score`, `tactics`, `rules`
/// with `path`/`line`/`title`, `telemetry_count`, `dettect`), also with `technique_id` or
/// `techniqueID` for `id` and a bare list of techniques at the top.
///
/// Shape (snake_case keys; objects carry their ATT&CK ID under `id`):
///
/// ```
/// {"format": "ttpkit-coverage", "format_version": 2, "attack_version": "18.1",
///  "domain": "enterprise-attack", "generated": "2025-11-23T16:00:00Z",
///  "inputs": {"rules": [...], "telemetry": "telemetry.yaml", "atomics": null},
///  "options": {"scores": {"detected": 100, "logged": 50, "blind": 0},
///              "parent_rule_covers_subtechniques": false, "count_deprecated_rules": false,
///              "count_disabled_rules": false, "weighting": null},
///  "totals": {"techniques", "detected", "logged", "blind", "detected_percent", ...},
///  "by_tactic": [{"id": "TA0002", "tactic": "execution", "name": "Execution",
///                 "techniques", "detected", "logged", "blind", "detected_percent", ...}],
///  "rule_quality": {"rules", "rules_per_format", "with_techniques", "tactic_only", ...},
///  "techniques": [{"id", "name", "state", "score", "tactics", "platforms", "is_subtechnique",
///                  "parent", "subtechniques": {"total", "detected"},
///                  "rules": [{"title", "path", "line", "format", "rule_id", "level", "status",
///                             "applied_as": "direct" | "revoked-id" | "parent", "via"}],
///                  "telemetry": [{"data_component"} | {"log_source", "channel"}, "line", ...],
///                  "atomic_tests": [{"name", "guid", "platforms"}], "dettect": {"detection", "visibility"}}],
///  "findings": [{"path", "line", "rule_line"?, "title", "kind", "technique", "message"}],
///  "issues": [{"path", "line", "severity", "reason"}]}
/// ```
///
/// ```swift
/// try CoverageDocument.write(result, knowledgeBase: kb, to: "coverage.json")
/// let again = try CoverageDocument.read(path: "coverage.json", knowledgeBase: kb)
/// again.count(.detected) == result.count(.detected)   // true
/// ```
public enum CoverageDocument {
    /// The value of `format` in a coverage file.
    public static let formatName = "ttpkit-coverage"
    /// The format version ttpkit writes.
    public static let formatVersion = 2
    /// The format versions ttpkit reads.
    public static let readableVersions = 1...2

    /// Writes the result as a coverage file, atomically.
    public static func write(_ result: CoverageResult, knowledgeBase kb: KnowledgeBase, to path: String) throws(CoverageInputError) {
        do throws(OutputError) {
            try OutputFile.write(text(result, knowledgeBase: kb), to: path)
        } catch {
            throw CoverageInputError(path: path, reason: error.reason)
        }
    }

    /// The coverage file as text (pretty JSON and a final newline).
    public static func text(_ result: CoverageResult, knowledgeBase kb: KnowledgeBase) -> String {
        jsonValue(result, knowledgeBase: kb).serialized(pretty: true) + "\n"
    }

    /// The result as coverage-file JSON; `kb` names and orders the tactics.
    public static func jsonValue(_ result: CoverageResult, knowledgeBase kb: KnowledgeBase) -> JSONValue {
        let total = result.techniques.count
        var root: [(String, JSONValue)] = [
            ("format", .string(formatName)),
            ("format_version", .number(Double(formatVersion))),
            ("attack_version", (result.release ?? kb.attackVersion).map(JSONValue.string) ?? .null),
            ("domain", .string((result.domain ?? kb.domain).rawValue)),
            ("generated", result.generated.map(JSONValue.string) ?? .null),
            ("inputs", .object(JSONObject([
                ("rules", .array(result.inputs.rules.map(JSONValue.string))),
                ("telemetry", result.inputs.telemetry.map(JSONValue.string) ?? .null),
                ("atomics", result.inputs.atomics.map(JSONValue.string) ?? .null),
            ]))),
            ("options", options(result.options)),
            ("totals", counts(total: total, detected: result.count(.detected), logged: result.count(.logged),
                              blind: result.count(.blind), key: "techniques")),
        ]
        root.append(("by_tactic", .array(result.summaryByTactic(kb).map { summary in
            let tactic = kb.tactic(shortname: summary.tactic)
            var members: [(String, JSONValue)] = [
                ("id", .string(tactic?.attackID ?? "")), ("tactic", .string(summary.tactic)),
                ("name", .string(tactic?.name ?? summary.tactic)),
            ]
            if case .object(let c) = counts(total: summary.techniques, detected: summary.detected, logged: summary.logged,
                                            blind: summary.blind, key: "techniques") {
                members += c.members.map { ($0.key, $0.value) }
            }
            return .object(JSONObject(members))
        })))
        root.append(("rule_quality", result.quality.map(qualityJSON) ?? .null))
        root.append(("techniques", .array(result.techniques.map { technique($0, atomics: result.hasAtomicTests) })))
        root.append(("findings", .array(result.findings.map(findingJSON))))
        root.append(("issues", .array(result.issues.map(issueJSON))))
        return .object(JSONObject(root))
    }

    /// Counts with percentages (one decimal).
    static func counts(total: Int, detected: Int, logged: Int, blind: Int, key: String) -> JSONValue {
        func percent(_ n: Int) -> JSONValue { .number(total > 0 ? (Double(n) * 1000 / Double(total)).rounded() / 10 : 0) }
        return .object(JSONObject([
            (key, .number(Double(total))),
            ("detected", .number(Double(detected))), ("logged", .number(Double(logged))), ("blind", .number(Double(blind))),
            ("detected_percent", percent(detected)), ("logged_percent", percent(logged)), ("blind_percent", percent(blind)),
        ]))
    }

    static func options(_ o: CoverageOptions) -> JSONValue {
        var weighting: JSONValue = .null
        if let w = o.weighting {
            func table(_ d: [String: Double]) -> JSONValue {
                .object(JSONObject(d.sorted { $0.key < $1.key }.map { ($0.key, .number($0.value)) }))
            }
            weighting = .object(JSONObject([("levels", table(w.levels)), ("statuses", table(w.statuses))]))
        }
        return .object(JSONObject([
            ("scores", .object(JSONObject([
                ("detected", .number(o.scores.detected)), ("logged", .number(o.scores.logged)), ("blind", .number(o.scores.blind)),
            ]))),
            ("parent_rule_covers_subtechniques", .bool(o.parentRuleCoversSubtechniques)),
            ("count_deprecated_rules", .bool(o.countDeprecatedRules)),
            ("count_disabled_rules", .bool(o.countDisabledRules)),
            ("weighting", weighting),
        ]))
    }

    /// Rule-quality counts as JSON (the `rule_quality` member).
    public static func qualityJSON(_ q: RuleQuality) -> JSONValue {
        func perFormat(_ d: [RuleFormat: Int]) -> JSONValue {
            .object(JSONObject(RuleFormat.allCases.compactMap { f in d[f].map { (f.rawValue, .number(Double($0))) } }))
        }
        let numbers: [(String, Int)] = [
            ("rules", q.rules), ("with_techniques", q.withTechniques), ("tactic_only", q.tacticOnly),
            ("untagged", q.untagged), ("deprecated_rules", q.deprecatedRules), ("revoked_id_rules", q.revokedIDRules),
            ("deprecated_id_rules", q.deprecatedIDRules), ("unknown_id_rules", q.unknownIDRules),
            ("unknown_tactic_rules", q.unknownTacticRules), ("cannot_fire", q.cannotFire), ("unchecked", q.unchecked),
            ("excluded", q.excluded), ("failures", q.failures), ("warnings", q.warnings), ("skipped_files", q.skippedFiles),
        ]
        return .object(JSONObject(
            [("rules_per_format", perFormat(q.rulesPerFormat)), ("files_per_format", perFormat(q.filesPerFormat))]
                + numbers.map { ($0.0, .number(Double($0.1))) }))
    }

    static func technique(_ t: TechniqueCoverage, atomics: Bool) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("id", .string(t.techniqueID)), ("name", .string(t.name)), ("state", .string(t.state.rawValue)),
            ("score", .number(t.score)), ("tactics", .array(t.tactics.map(JSONValue.string))),
            ("platforms", .array(t.platforms.map(JSONValue.string))), ("is_subtechnique", .bool(t.isSubtechnique)),
            ("parent", t.parentID.map(JSONValue.string) ?? .null),
        ]
        if !t.isSubtechnique {
            members.append(("subtechniques", .object(JSONObject([
                ("total", .number(Double(t.subtechniqueCount))), ("detected", .number(Double(t.subtechniquesDetected))),
            ]))))
        }
        members.append(("rules", .array(t.rules.map(ruleReference))))
        members.append(("telemetry", .array(t.telemetry.map(telemetry))))
        if atomics {
            members.append(("atomic_tests", .array(t.atomicTests.map(atomicTestJSON))))
        }
        if let scores = t.dettect {
            members.append(("dettect", .object(JSONObject([
                ("detection", .number(Double(scores.detection))), ("visibility", .number(Double(scores.visibility))),
            ]))))
        }
        return .object(JSONObject(members))
    }

    static func ruleReference(_ r: RuleReference) -> JSONValue {
        let rule = r.rule
        var members: [(String, JSONValue)] = [
            ("title", .string(rule.title)), ("path", .string(rule.path)), ("line", .number(Double(rule.line))),
            ("format", .string(rule.format.rawValue)),
        ]
        if let id = rule.id { members.append(("rule_id", .string(id))) }
        if let level = rule.level { members.append(("level", .string(level))) }
        if let status = rule.status { members.append(("status", .string(status))) }
        switch r.appliedAs {
        case .direct: members.append(("applied_as", "direct"))
        case .revokedID(let id): members += [("applied_as", "revoked-id"), ("via", .string(id))]
        case .parent(let id): members += [("applied_as", "parent"), ("via", .string(id))]
        }
        return .object(JSONObject(members))
    }

    static func telemetry(_ s: TelemetrySource) -> JSONValue {
        var members: [(String, JSONValue)]
        switch s.kind {
        case .dataComponent(let name): members = [("data_component", .string(name))]
        case let .logSource(name, channel): members = [("log_source", .string(name)), ("channel", channel.map(JSONValue.string) ?? .null)]
        }
        if !s.platforms.isEmpty { members.append(("platforms", .array(s.platforms.map(JSONValue.string)))) }
        if let comment = s.comment { members.append(("comment", .string(comment))) }
        members.append(("line", .number(Double(s.line))))
        return .object(JSONObject(members))
    }

    /// An Atomic Red Team test as JSON: `{name, guid, platforms}`.
    public static func atomicTestJSON(_ test: AtomicTest) -> JSONValue {
        .object(JSONObject([
            ("name", .string(test.name)), ("guid", test.guid.map(JSONValue.string) ?? .null),
            ("platforms", .array(test.platforms.map(JSONValue.string))),
        ]))
    }

    /// A rule finding as JSON: `{path, line, title, kind, technique, message}`, with `rule_line`
    /// when `line` is the technique's tag inside the rule.
    public static func findingJSON(_ f: RuleFinding) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("path", .string(f.path)), ("line", .number(Double(f.line))), ("title", .string(f.title)),
            ("kind", .string(f.kind.rawValue)), ("technique", f.techniqueID.map(JSONValue.string) ?? .null),
            ("message", .string(f.message)),
        ]
        if let ruleLine = f.ruleLine { members.insert(("rule_line", .number(Double(ruleLine))), at: 2) }
        return .object(JSONObject(members))
    }

    /// An input problem as JSON: `{path, line, severity, reason}`.
    public static func issueJSON(_ i: RuleIssue) -> JSONValue {
        .object(JSONObject([
            ("path", .string(i.path)), ("line", i.line.map { .number(Double($0)) } ?? .null),
            ("severity", .string(i.severity.rawValue)), ("reason", .string(i.reason)),
        ]))
    }
}
