import TOMLKit

/// Reads Elastic detection-rules TOML files.
///
/// What is read: `rule.name` (required), `rule.rule_id`, `rule.severity`, `rule.enabled`
/// (when present), `rule.tags`, `rule.index`, `metadata.maturity`, `metadata.integration`, and
/// every `[[rule.threat]]` of framework `MITRE ATT&CK`: `technique[].id`,
/// `technique[].subtechnique[].id`, and the tactic, whose shortname comes from its name
/// (`Defense Evasion` → `defense-evasion`) and whose ID from `tactic.id` or the `reference` URL.
///
/// ```swift
/// let result = ElasticParser.parse(text: """
///     [metadata]
///     maturity = "production"
///     [rule]
///     name = "Whoami"
///     severity = "low"
///     [[rule.threat]]
///     framework = "MITRE ATT&CK"
///     [[rule.threat.technique]]
///     id = "T1033"
///     [rule.threat.tactic]
///     id = "TA0007"
///     name = "Discovery"
///     """, path: "discovery_whoami.toml")
/// result.rules[0].tactics     // ["discovery"]
/// result.rules[0].tacticIDs   // ["TA0007"]
/// ```
public enum ElasticParser {
    /// Parses the text of one Elastic rule file.
    public static func parse(text: String, path: String) -> RuleParseResult {
        switch read(text: text, path: path) {
        case .parsed(_, let result): return result
        case .notRules(let reason): return .failure(path, line: 1, "\(reason): not an Elastic detection rule")
        }
    }

    /// Parses a TOML file; `.notRules` when it is valid TOML without a `[rule]` table.
    static func read(text: String, path: String) -> RuleFormatDetector.Outcome {
        if let problem = TOMLPrecheck.problem(in: text) {
            return .parsed(.elastic, .failure(
                path, line: problem.line, "invalid TOML: expected \(problem.expected), found \(problem.found)"))
        }
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            return .parsed(.elastic, .failure(path, line: error.source.begin.line, "invalid TOML: \(error.description)"))
        } catch {
            return .parsed(.elastic, .failure(path, "invalid TOML: \(error)"))
        }
        guard let ruleTable = table["rule"]?.table else { return .notRules("TOML without a [rule] table") }
        return .parsed(.elastic, parse(table: table, ruleTable: ruleTable, line: ruleTableLine(text) ?? 1, path: path))
    }

    private static func parse(table: TOMLTable, ruleTable: TOMLTable, line: Int, path: String) -> RuleParseResult {
        guard let rawName = ruleTable["name"]?.string?.trimmingBlanks(), !rawName.isEmpty else {
            return .failure(path, line: line, "rule has no title (rule.name)")
        }
        var issues: [RuleIssue] = []
        let name = RuleText.cleaned(rawName, field: "rule.name", path: path, line: line, issues: &issues)
        let metadata = table["metadata"]?.table
        var rule = DetectionRule(
            format: .elastic, path: path, line: line, id: ruleTable["rule_id"]?.string, title: name,
            level: ruleTable["severity"]?.string?.lowercased(), enabled: ruleTable["enabled"]?.bool,
            maturity: metadata?["maturity"]?.string?.lowercased())
        rule.tags = strings(ruleTable["tags"], field: "rule.tags", path: path, line: line, issues: &issues)
        rule.logSource.indexes = strings(ruleTable["index"], field: "rule.index", path: path, line: line, issues: &issues)
        rule.logSource.dataSources = rule.tags.compactMap { tag in
            tag.hasPrefix("Data Source: ") ? String(tag.dropFirst(13)) : nil
        } + strings(metadata?["integration"], field: "metadata.integration", path: path, line: line, issues: &issues)
        if let value = ruleTable["threat"] {
            if let threats = value.array {
                for (index, element) in threats.enumerated() {
                    guard let threat = element.table else {
                        issues.append(RuleIssue(path: path, line: line, reason: "rule.threat[\(index)] is not a table; ignored", severity: .warning))
                        continue
                    }
                    read(threat: threat, into: &rule, path: path, issues: &issues)
                }
            } else {
                issues.append(RuleIssue(path: path, line: line, reason: "rule.threat is not a list of [[rule.threat]] tables; ignored", severity: .warning))
            }
        }
        rule.techniqueIDs = rule.techniqueIDs.uniqued()
        rule.tactics = rule.tactics.uniqued()
        rule.tacticIDs = rule.tacticIDs.uniqued()
        return RuleParseResult(rules: [rule], issues: issues)
    }

    private static func read(threat: TOMLTable, into rule: inout DetectionRule, path: String, issues: inout [RuleIssue]) {
        if let framework = threat["framework"]?.string, framework != "MITRE ATT&CK" { return }
        if let tactic = threat["tactic"]?.table {
            if let name = tactic["name"]?.string, let shortname = ATTACKIdentifiers.tacticShortname(name) {
                rule.tactics.append(shortname)
            }
            let idText: String? = tactic["id"]?.string
            let referenceText: String? = tactic["reference"]?.string
            if let id = idText.flatMap({ ATTACKIdentifiers.tacticID($0) })
                ?? referenceText.flatMap({ ATTACKIdentifiers.tacticID(fromReference: $0) }) {
                rule.tacticIDs.append(id)
            }
        }
        func ignored(_ what: String) {
            issues.append(RuleIssue(path: path, line: rule.line, reason: "\(what); ignored", severity: .warning))
        }
        guard let value = threat["technique"] else { return }
        guard let techniques = value.array else {
            // `technique = "T1059"` instead of [[rule.threat.technique]] tables.
            return ignored("rule.threat.technique is \(value.string.map { "the string '\($0.prefix(40))'" } ?? "not a list"), expected [[rule.threat.technique]] tables with an id")
        }
        for (index, element) in techniques.enumerated() {
            guard let technique = element.table else {
                ignored("rule.threat.technique[\(index)] is not a table with an id")
                continue
            }
            var ids: [String] = []
            if let id = technique["id"]?.string { ids.append(id) } else if technique["id"] != nil {
                ignored("rule.threat.technique[\(index)].id is not a string")
            }
            if let subValue = technique["subtechnique"] {
                if let subtechniques = subValue.array {
                    for (subIndex, subElement) in subtechniques.enumerated() {
                        if let id = subElement.table?["id"]?.string { ids.append(id) } else {
                            ignored("rule.threat.technique[\(index)].subtechnique[\(subIndex)] has no string id")
                        }
                    }
                } else {
                    ignored("rule.threat.technique[\(index)].subtechnique is not a list of tables")
                }
            }
            rule.techniqueIDs += TechniqueIDList.ids(
                ids, path: path, line: rule.line, field: "rule.threat.technique", issues: &issues)
        }
    }

    private static func strings(
        _ value: TOMLValueConvertible?, field: String, path: String, line: Int, issues: inout [RuleIssue]
    ) -> [String] {
        guard let value else { return [] }
        if let single = value.string { return [single] }
        guard let array = value.array else {
            issues.append(RuleIssue(path: path, line: line, reason: "\(field) is not a list of strings; ignored", severity: .warning))
            return []
        }
        var result: [String] = []
        for (index, element) in array.enumerated() {
            if let text = element.string {
                result.append(text)
            } else {
                issues.append(RuleIssue(
                    path: path, line: line, reason: "\(field)[\(index)] is not a string; ignored", severity: .warning))
            }
        }
        return result
    }

    /// The line of the `[rule]` table header (a line holding only `[rule]` and blanks).
    static func ruleTableLine(_ text: String) -> Int? {
        let target = Array("[rule]".utf8)
        var line = 1
        var lineStart = true
        var matched = 0
        var failed = false
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\n") {
                if matched == target.count && !failed { return line }
                line += 1
                lineStart = true
                matched = 0
                failed = false
                continue
            }
            if failed { continue }
            if byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r") {
                if matched != 0 && matched != target.count { failed = true }
            } else if matched < target.count && byte == target[matched] {
                matched += 1
            } else {
                failed = true
            }
            lineStart = false
        }
        return matched == target.count && !failed && !lineStart ? line : nil
    }

}
