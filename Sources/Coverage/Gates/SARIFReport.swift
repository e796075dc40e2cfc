import Foundation
import STIX

/// Writes gate results as SARIF 2.1.0, the format GitHub code scanning (`github/codeql-action/
/// upload-sarif`), Azure DevOps and many IDEs read.
///
/// One run, tool `ttpkit` with three reporting rules (`coverage-gap`, `coverage-threshold`,
/// `coverage-regression`); one result per technique behind a failed `fail-on-gaps` or
/// `fail-on-regression` gate and one per failed `fail-under` threshold, all at level `error`.
/// A result points at the rule file that detected a lost technique, else at the line of the
/// targets file that required a gap, else at ``GateReportContext/defaultArtifact``. Each
/// result carries a `partialFingerprints` entry (gate and technique), so GitHub tracks it
/// across runs.
///
/// ```swift
/// let sarif = SARIFReport.render(result, context: GateReportContext(defaultArtifact: "rules"))
/// try OutputFile.write(sarif, to: "coverage.sarif")
/// ```
public enum SARIFReport {
    /// The SARIF schema the output declares.
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// The reporting rules, in `ruleIndex` order.
    static let rules: [(id: String, kind: GateCondition.Kind, name: String, text: String)] = [
        ("coverage-gap", .gaps, "CoverageGap", "A technique the chosen threat groups or targets use is not Detected."),
        ("coverage-threshold", .threshold, "CoverageThreshold", "The Detected share of techniques is below the required percentage."),
        ("coverage-regression", .regression, "CoverageRegression", "A technique Detected in the base coverage is no longer Detected."),
    ]

    /// The SARIF log as a JSON value.
    public static func jsonValue(_ result: GateResult, context: GateReportContext) -> JSONValue {
        var results: [JSONValue] = []
        for condition in result.failed {
            guard let ruleIndex = rules.firstIndex(where: { $0.kind == condition.kind }) else { continue }
            let ruleID = rules[ruleIndex].id
            if condition.findings.isEmpty {
                results.append(entry(ruleID: ruleID, ruleIndex: ruleIndex, text: "\(condition.name): \(condition.message)",
                                     location: RuleLocation(path: context.defaultArtifact), fingerprint: condition.name))
            }
            for finding in condition.findings {
                let location = finding.rules.first ?? finding.targetsLocation ?? RuleLocation(path: context.defaultArtifact)
                results.append(entry(ruleID: ruleID, ruleIndex: ruleIndex, text: finding.message, location: location,
                                     fingerprint: "\(condition.kind.rawValue):\(finding.techniqueID)", techniqueID: finding.techniqueID))
            }
        }
        let driver = JSONObject([
            ("name", "ttpkit"),
            ("version", .string(context.toolVersion)), ("semanticVersion", .string(context.toolVersion)),
            ("rules", .array(rules.map { rule in
                .object(JSONObject([
                    ("id", .string(rule.id)), ("name", .string(rule.name)),
                    ("shortDescription", ["text": .string(rule.text)]),
                    ("fullDescription", ["text": .string(rule.text + " Reported by `ttpkit coverage --\(rule.kind.rawValue)`.")]),
                    ("defaultConfiguration", ["level": "error"]),
                    ("properties", ["tags": ["security", "mitre-attack", "detection-coverage"]]),
                ]))
            })),
        ])
        var run = JSONObject([
            ("tool", ["driver": .object(driver)]),
            ("results", .array(results)),
        ])
        run["properties"] = .object(JSONObject([
            ("summary", .string(result.summaryLine)),
            ("detected", .number(Double(result.detected))), ("techniques", .number(Double(result.total))),
            ("attackVersion", context.release.map(JSONValue.string) ?? .null),
        ]))
        return .object(JSONObject([
            ("$schema", .string(schema)), ("version", "2.1.0"), ("runs", .array([.object(run)])),
        ]))
    }

    /// The SARIF log as UTF-8 JSON text.
    public static func render(_ result: GateResult, context: GateReportContext) -> String {
        jsonValue(result, context: context).serialized(pretty: true) + "\n"
    }

    static func entry(ruleID: String, ruleIndex: Int, text: String, location: RuleLocation, fingerprint: String,
                      techniqueID: String? = nil) -> JSONValue {
        var physical = JSONObject([("artifactLocation", ["uri": .string(uri(location.path))])])
        physical["region"] = ["startLine": .number(Double(max(1, location.line)))]
        var object = JSONObject([
            ("ruleId", .string(ruleID)), ("ruleIndex", .number(Double(ruleIndex))), ("level", "error"),
            ("message", ["text": .string(text)]),
            ("locations", [["physicalLocation": .object(physical)]]),
            ("partialFingerprints", ["ttpkitGate/v1": .string(fingerprint)]),
        ])
        if let techniqueID { object["properties"] = ["techniqueID": .string(techniqueID)] }
        return .object(object)
    }

    /// A relative URI reference for a path: `./` dropped, separators kept, other unsafe
    /// characters percent-encoded.
    static func uri(_ path: String) -> String {
        var trimmed = path
        while trimmed.hasPrefix("./") { trimmed.removeFirst(2) }
        if trimmed.isEmpty { trimmed = "." }
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":")
        return trimmed.addingPercentEncoding(withAllowedCharacters: allowed) ?? trimmed
    }
}
