import Yams

/// Reads Microsoft Sentinel analytic rules (the YAML of the Azure-Sentinel repository's
/// `Detections/` and `Solutions/*/Analytic Rules/`).
///
/// What is read: `name` (required), `id`, `severity`, `status` (`Available`...), `enabled`
/// where an export carries it, `tactics` (CamelCase, `DefenseEvasion` →
/// `defense-evasion`), `relevantTechniques` and `subTechniques` (technique IDs), and
/// `requiredDataConnectors` (`connectorId`s and their `dataTypes`) as the log source.
///
/// ```swift
/// let result = SentinelParser.parse(text: """
///     id: 6a5b4c3d-0000-4000-8000-000000000001
///     name: Rare process run by a service account
///     severity: Medium
///     queryFrequency: 1h
///     tactics: [Execution, DefenseEvasion]
///     relevantTechniques: [T1059, T1036.005]
///     """, path: "RareProcess.yaml")
/// result.rules[0].tactics   // ["execution", "defense-evasion"]
/// ```
public enum SentinelParser {
    /// Parses the text of one Sentinel analytic rule file.
    public static func parse(text: String, path: String) -> RuleParseResult {
        YAMLSupport.parse(text, path: path, documents: parse(documents:path:))
    }

    static func parse(documents: [Node], path: String) -> RuleParseResult {
        YAMLSupport.rules(
            in: documents, path: path, kind: "Sentinel rule", titleKeys: ["name", "displayName"]
        ) { document, name, line, issues in
            var rule = DetectionRule(
                format: .sentinel, path: path, line: line, id: document.text("id"), title: name,
                status: document.text("status")?.lowercased(),
                level: document.text("severity")?.lowercased(),
                enabled: document.value("enabled")?.flag)
            let tactics = document.strings("tactics", path: path, strict: true, issues: &issues)
            let techniques = document.stringItems("relevantTechniques", path: path, strict: true, issues: &issues)
                + document.stringItems("subTechniques", path: path, strict: true, issues: &issues)
            rule.tags = tactics + techniques.map(\.text)
            rule.tactics = tactics.compactMap(ATTACKIdentifiers.tacticShortname).uniqued()
            rule.techniqueIDs = TechniqueIDList.ids(techniques, path: path, field: "relevantTechniques", issues: &issues)
            if case .sequence(let connectors)? = document.value("requiredDataConnectors") {
                for connector in connectors {
                    if let id = connector.text("connectorId") { rule.logSource.connectors.append(id) }
                    rule.logSource.dataSources += connector.strings("dataTypes", path: path, strict: false, issues: &issues)
                }
                rule.logSource.connectors = rule.logSource.connectors.uniqued()
                rule.logSource.dataSources = rule.logSource.dataSources.uniqued()
            }
            return rule
        }
    }

    /// True when a YAML document looks like a Sentinel analytic rule.
    static func recognises(_ document: Node) -> Bool {
        document.value("relevantTechniques") != nil || document.value("queryFrequency") != nil
    }
}
