import STIX

/// Writes gate results as SARIF 2.1.0, the format GitHub code scanning (`github/codeql-action/
/// upload-sarif`), Azure DevOps and many IDEs read.
///
/// One run, tool `ttpkit`. Results, each with a `partialFingerprints` entry so GitHub tracks
/// it across runs:
/// - `coverage-gap` (error): each counted gap of a failed `fail-on-gaps` gate, at the line of
///   an expired waiver naming it, else its targets-file line, else
///   ``GateReportContext/defaultArtifact``; each waived gap at its waiver's line, level `note`,
///   with a SARIF suppression (kind `external`, status `accepted`, the reason as justification);
/// - `coverage-threshold` (error): each missed `fail-under`; `coverage-regression` (error):
///   each lost technique, at the rule file and line that detected it in the base;
/// - `coverage-waiver-expired` (warning) and `coverage-waiver-unused` (note), at the waiver's line;
/// - `rule-…` (warning; `rule-unreadable` error or warning): each rule-quality finding and
///   each rule file that could not be read, at the rule's file and line.
///
/// Every artifact URI is relative to the repository root (``SARIFRoot``, `uriBaseId`
/// `%SRCROOT%`, declared in `run.originalUriBaseIds`), never absolute.
///
/// ```swift
/// let context = GateReportContext(defaultArtifact: "rules", root: SARIFRoot.locate(rules: "rules"))
/// try OutputFile.write(SARIFReport.render(result, coverage: coverage, context: context), to: "coverage.sarif")
/// ```
public enum SARIFReport {
    /// The SARIF schema the output declares.
    public static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

    /// A reporting rule.
    struct Rule {
        let id: String, name: String, level: String, text: String
    }

    /// The reporting rules, in `ruleIndex` order.
    static let rules: [Rule] = [
        Rule(id: "coverage-gap", name: "CoverageGap", level: "error", text: "A technique the chosen threat groups or targets use is not Detected."),
        Rule(id: "coverage-threshold", name: "CoverageThreshold", level: "error", text: "The Detected share of techniques is below the required percentage."),
        Rule(id: "coverage-regression", name: "CoverageRegression", level: "error", text: "A technique Detected in the base coverage is no longer Detected."),
        Rule(id: "coverage-waiver-expired", name: "CoverageWaiverExpired", level: "warning", text: "A waiver is past its expiry day: its gap counts again."),
        Rule(id: "coverage-waiver-unused", name: "CoverageWaiverUnused", level: "note", text: "A waiver names a technique that is not a gap."),
        Rule(id: "rule-unreadable", name: "RuleUnreadable", level: "error", text: "A rule file, or part of it, could not be read."),
    ] + RuleFinding.Kind.allCases.map { kind in
        Rule(id: "rule-\(kind.rawValue)", name: "Rule" + kind.rawValue.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
             level: "warning", text: findingText[kind] ?? "A rule-quality problem.")
    }

    static let findingText: [RuleFinding.Kind: String] = [
        .revoked: "A rule names a revoked technique ID.", .deprecated: "A rule names a deprecated technique ID.",
        .unknown: "A rule names a technique ID the ATT&CK release does not know.",
        .unknownTactic: "A rule names a tactic the ATT&CK release does not know.",
        .tacticOnly: "A rule has tactic tags and no technique.",
        .cannotFire: "A rule's own log source is not collected, so it cannot fire.",
    ]

    /// The SARIF log as a JSON value; `coverage` adds its rule-quality findings and unreadable rules.
    public static func jsonValue(_ result: GateResult, coverage: CoverageResult? = nil, context: GateReportContext) -> JSONValue {
        var out = Results(context: context)
        let fallback = RuleLocation(path: context.defaultArtifact)
        for condition in result.failed {
            let ruleID = condition.kind == .gaps ? "coverage-gap" : condition.kind == .threshold ? "coverage-threshold" : "coverage-regression"
            if condition.findings.isEmpty {
                out.add(ruleID, text: "\(condition.name): \(condition.message)", at: fallback, fingerprint: condition.name)
            }
            for finding in condition.findings {
                out.add(ruleID, text: finding.message, at: finding.rules.first ?? finding.location ?? fallback,
                        fingerprint: "\(condition.kind.rawValue):\(finding.techniqueID)", techniqueID: finding.techniqueID)
            }
        }
        if let study = result.gapStudy {
            for item in study.waived {
                let w = item.waiver
                out.add("coverage-gap", text: "\(w.techniqueID) \(item.gap.name) is \(item.gap.state.rawValue), not detected; waived: \(w.reason)",
                        at: w.location, fingerprint: "\(GateCondition.Kind.gaps.rawValue):\(w.techniqueID)", techniqueID: w.techniqueID, level: "note",
                        suppression: "\(w.reason) (owner: \(w.owner), expires: \(w.expires))")
            }
            for w in study.waivers.expired {
                out.add("coverage-waiver-expired", text: study.waivers.message(expired: w), at: w.location,
                        fingerprint: "waiver-expired:\(w.techniqueID)", techniqueID: w.techniqueID)
            }
            for u in study.waivers.unused {
                out.add("coverage-waiver-unused", text: study.waivers.message(unused: u), at: u.waiver.location,
                        fingerprint: "waiver-unused:\(u.waiver.techniqueID)", techniqueID: u.waiver.techniqueID)
            }
        }
        for finding in coverage?.findings ?? [] {
            out.add("rule-\(finding.kind.rawValue)", text: "\(finding.title): \(finding.message)",
                    at: RuleLocation(path: finding.path, line: finding.line, title: finding.title),
                    fingerprint: "rule-\(finding.kind.rawValue):\(context.root.uri(finding.path)):\(finding.techniqueID ?? finding.title)",
                    techniqueID: finding.techniqueID)
        }
        for issue in coverage?.issues ?? [] {
            out.add("rule-unreadable", text: issue.reason, at: RuleLocation(path: issue.path, line: issue.line ?? 1),
                    fingerprint: "rule-unreadable:\(context.root.uri(issue.path)):\(issue.reason)", level: issue.severity == .error ? "error" : "warning")
        }
        return log(result, results: out.items, context: context)
    }

    /// The SARIF log as UTF-8 JSON text.
    public static func render(_ result: GateResult, coverage: CoverageResult? = nil, context: GateReportContext) -> String {
        jsonValue(result, coverage: coverage, context: context).serialized(pretty: true) + "\n"
    }

    static func log(_ result: GateResult, results: [JSONValue], context: GateReportContext) -> JSONValue {
        let driver = JSONObject([
            ("name", "ttpkit"),
            ("version", .string(context.toolVersion)), ("semanticVersion", .string(context.toolVersion)),
            ("rules", .array(rules.map { rule in
                .object(JSONObject([
                    ("id", .string(rule.id)), ("name", .string(rule.name)),
                    ("shortDescription", ["text": .string(rule.text)]),
                    ("fullDescription", ["text": .string(rule.text + " Reported by `ttpkit coverage gate` and `ttpkit coverage --sarif`.")]),
                    ("defaultConfiguration", ["level": .string(rule.level)]),
                    ("properties", ["tags": ["security", "mitre-attack", "detection-coverage"]]),
                ]))
            })),
        ])
        var properties = JSONObject([
            ("summary", .string(result.summaryLine)),
            ("detected", .number(Double(result.detected))), ("techniques", .number(Double(result.total))),
            ("attackVersion", context.release.map(JSONValue.string) ?? .null),
        ])
        if let study = result.gapStudy {
            properties["preCompromise"] = .array(study.preCompromiseGaps.map { .string($0.techniqueID) })
            properties["waived"] = .array(study.waived.map { .string($0.gap.techniqueID) })
        }
        let run = JSONObject([
            ("tool", ["driver": .object(driver)]),
            ("originalUriBaseIds", [SARIFRoot.baseID: ["description": ["text": "The repository root: the git top-level of the rules folder, --sarif-root, or the folder ttpkit ran in."]]]),
            ("results", .array(results)),
            ("properties", .object(properties)),
        ])
        return .object(JSONObject([
            ("$schema", .string(schema)), ("version", "2.1.0"), ("runs", .array([.object(run)])),
        ]))
    }

    /// The results being collected, each with its rule index.
    struct Results {
        let context: GateReportContext
        var items: [JSONValue] = []

        mutating func add(_ ruleID: String, text: String, at location: RuleLocation, fingerprint: String,
                          techniqueID: String? = nil, level: String? = nil, suppression: String? = nil) {
            guard let index = SARIFReport.rules.firstIndex(where: { $0.id == ruleID }) else { return }
            let artifact: JSONValue = ["uri": .string(context.root.uri(location.path)), "uriBaseId": .string(SARIFRoot.baseID)]
            let physical = JSONObject([("artifactLocation", artifact), ("region", ["startLine": .number(Double(max(1, location.line)))])])
            var object = JSONObject([
                ("ruleId", .string(ruleID)), ("ruleIndex", .number(Double(index))), ("level", .string(level ?? SARIFReport.rules[index].level)),
                ("message", ["text": .string(text)]),
                ("locations", [["physicalLocation": .object(physical)]]),
                ("partialFingerprints", ["ttpkitGate/v1": .string(fingerprint)]),
            ])
            if let suppression {
                object["suppressions"] = [["kind": "external", "status": "accepted", "justification": .string(suppression)]]
            }
            if let techniqueID { object["properties"] = ["techniqueID": .string(techniqueID)] }
            items.append(.object(object))
        }
    }
}
