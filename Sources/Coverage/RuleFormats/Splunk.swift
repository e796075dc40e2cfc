import Yams

/// Reads Splunk security_content detections (YAML).
///
/// What is read: `name` (required), `id`, `status` (`production`, `experimental`,
/// `deprecated`...), `tags.mitre_attack_id` (technique and sub-technique IDs) and
/// `data_source` (`Sysmon EventID 1`, kept as written in `logSource.dataSources`).
/// Splunk detections carry no tactic tags and no level.
///
/// ```swift
/// let result = SplunkParser.parse(text: """
///     name: Windows Whoami
///     status: production
///     data_source: [Sysmon EventID 1]
///     search: '| tstats count from datamodel=Endpoint.Processes'
///     tags: {mitre_attack_id: [T1033]}
///     """, path: "windows_whoami.yml")
/// result.rules[0].techniqueIDs   // ["T1033"]
/// ```
public enum SplunkParser {
    /// Parses the text of one Splunk detection file.
    public static func parse(text: String, path: String) -> RuleParseResult {
        YAMLSupport.parse(text, path: path, documents: parse(documents:path:))
    }

    static func parse(documents: [Node], path: String) -> RuleParseResult {
        YAMLSupport.rules(in: documents, path: path, kind: "Splunk detection", titleKeys: ["name"]) { document, name, line, issues in
            var rule = DetectionRule(
                format: .splunk, path: path, line: line, id: document.text("id"), title: name,
                status: document.text("status")?.lowercased())
            let items = document.value("tags")?.stringItems(
                "mitre_attack_id", path: path, strict: true, field: "tags.mitre_attack_id", issues: &issues) ?? []
            rule.tags = items.map(\.text)
            rule.techniqueIDs = TechniqueIDList.ids(items, path: path, field: "tags.mitre_attack_id", issues: &issues)
            var tagLines: [String: Int] = [:]
            for (text, itemLine) in items {
                if let id = ATTACKIdentifiers.techniqueID(text), tagLines[id] == nil, let itemLine { tagLines[id] = itemLine }
            }
            rule.tagLines = tagLines.isEmpty ? nil : tagLines
            rule.logSource.dataSources = document.strings("data_source", path: path, strict: false, issues: &issues)
            return rule
        }
    }

    /// True when a YAML document looks like a Splunk detection.
    static func recognises(_ document: Node) -> Bool {
        document.value(["tags", "mitre_attack_id"]) != nil
            || (document.value("search") != nil && document.value("name") != nil)
    }
}

/// Turns a list of technique ID strings into canonical IDs, reporting the malformed ones.
enum TechniqueIDList {
    static func ids(
        _ values: [String], path: String, line: Int?, field: String, issues: inout [RuleIssue]
    ) -> [String] {
        ids(values.map { ($0, line) }, path: path, field: field, issues: &issues)
    }

    static func ids(
        _ values: [(text: String, line: Int?)], path: String, field: String, issues: inout [RuleIssue]
    ) -> [String] {
        var ids: [String] = []
        for (value, line) in values {
            if let id = ATTACKIdentifiers.techniqueID(value) {
                ids.append(id)
            } else {
                issues.append(RuleIssue(
                    path: path, line: line,
                    reason: "\(field): '\(value)' is not a technique ID (T1234 or T1234.001); ignored",
                    severity: .warning))
            }
        }
        return ids.uniqued()
    }
}
