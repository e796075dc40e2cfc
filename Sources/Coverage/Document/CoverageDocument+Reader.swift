import ATTACK
import Foundation
import STIX

extension CoverageDocument {
    /// The largest file read (256 MiB); a coverage file of every Enterprise technique with the
    /// whole SigmaHQ rule set is a few MiB.
    public static let maximumFileSize = 256 << 20

    /// Reads a coverage file (version 1 or 2), a Navigator coverage layer (states through
    /// ``LayerScorePolicy``) or a DeTT&CT technique-administration file — whichever
    /// ``CoverageFileKind`` finds — and, when `kb` is given, lines it up with that release
    /// (``CoverageResult/aligned(to:)``). A DeTT&CT file needs `kb`.
    public static func read(path: String, knowledgeBase kb: KnowledgeBase?) throws(CoverageInputError) -> CoverageResult {
        try parse(contents(of: path), source: path, knowledgeBase: kb)
    }

    /// Parses the bytes of a coverage file, layer or DeTT&CT file; `source` names it in errors.
    public static func parse(_ data: Data, source: String, knowledgeBase kb: KnowledgeBase?) throws(CoverageInputError) -> CoverageResult {
        var result: CoverageResult
        switch try CoverageFileKind.sniff(data, source: source) {
        case .coverageFile(let value):
            result = try DocumentDecoder(source: source).decode(value)
        case .layer:
            result = try LayerScorePolicy.result(data, source: source)
        case .dettect(let text):
            guard let kb else {
                throw CoverageInputError(path: source, reason: "a DeTT&CT file is read against ATT&CK data; none is loaded", kind: .badReferenceData)
            }
            result = try TechniqueAdministration.parse(text: text, path: source).coverage(knowledgeBase: kb)
        }
        if let kb { result = try result.aligned(to: kb) }
        return result
    }

    /// The bytes of a file, refusing folders, missing files and files over the size limit.
    static func contents(of path: String) throws(CoverageInputError) -> Data {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CoverageInputError(path: path, reason: "no such file")
        }
        if isDirectory.boolValue { throw CoverageInputError(path: path, reason: "is a folder, not a coverage file") }
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        if size > maximumFileSize {
            throw CoverageInputError(path: path, reason: "\(size) bytes is larger than the \(maximumFileSize >> 20) MiB a coverage file may have")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoverageInputError(path: path, reason: "cannot read file")
        }
        return data
    }
}

/// Reads coverage-file JSON (format versions 1 and 2, both v1 shapes) into a result; every
/// number is checked (finite, in range) before use.
struct DocumentDecoder {
    let source: String

    func fail(_ path: String, _ message: String) -> CoverageInputError {
        CoverageInputError(path: source, reason: path.isEmpty ? message : "\(path): \(message)")
    }

    func decode(_ root: JSONValue) throws(CoverageInputError) -> CoverageResult {
        try checkVersion(root["format_version"])
        let domain = try decodeDomain(root["domain"])
        let options = try decodeOptions(root["options"])
        guard let list = root.arrayValue ?? root["techniques"]?.arrayValue else {
            var error = fail("techniques", "expected a list of techniques")
            error.remedy = .writeCoverageFile
            throw error
        }
        var techniques: [TechniqueCoverage] = []
        techniques.reserveCapacity(list.count)
        for (index, item) in list.enumerated() {
            techniques.append(try decodeTechnique(item, path: "techniques[\(index)]", options: options))
        }
        var findings: [RuleFinding] = []
        for (index, item) in (root["findings"]?.arrayValue ?? []).enumerated() {
            findings.append(try decodeFinding(item, path: "findings[\(index)]"))
        }
        var issues: [RuleIssue] = []
        for (index, item) in (root["issues"]?.arrayValue ?? []).enumerated() {
            issues.append(try decodeIssue(item, path: "issues[\(index)]"))
        }
        let quality: RuleQuality?
        if let value = root["rule_quality"], value.objectValue != nil { quality = try decodeQuality(value) } else { quality = nil }
        let inputs = root["inputs"]
        let atomics = list.contains { $0["atomic_tests"]?.arrayValue != nil }
        return CoverageResult(
            source: source, origin: .coverageFile, domain: domain,
            release: (root["attack_version"] ?? root["release"])?.stringValue, techniques: techniques, options: options,
            findings: findings, quality: quality, issues: issues,
            inputs: CoverageResult.Inputs(
                rules: inputs?["rules"]?.stringArray ?? [], telemetry: inputs?["telemetry"]?.stringValue,
                atomics: inputs?["atomics"]?.stringValue),
            generated: root["generated"]?.stringValue, hasAtomicTests: atomics)
    }

    func checkVersion(_ value: JSONValue?) throws(CoverageInputError) {
        guard let value, value != .null else { return }
        let versions = CoverageDocument.readableVersions
        guard let number = value.doubleValue, number.isFinite, number == number.rounded(), number >= 1, number <= 1_000_000 else {
            throw fail("format_version", "expected a whole number \(versions.lowerBound) or \(versions.upperBound), found \(value.serialized(pretty: false))")
        }
        let version = Int(number)
        if version > versions.upperBound {
            throw fail("format_version", "written by a newer ttpkit (format version \(version)); this one reads versions \(versions.lowerBound) and \(versions.upperBound)")
        }
    }

    func decodeDomain(_ value: JSONValue?) throws(CoverageInputError) -> AttackDomain? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue?.lowercased(),
              let domain = AttackDomain(rawValue: text) ?? AttackDomain.allCases.first(where: { $0.shortName == text }) else {
            throw fail("domain", "expected enterprise-attack, mobile-attack or ics-attack")
        }
        return domain
    }

    /// A whole number in `range`; `fallback` when absent or null.
    func integer(_ value: JSONValue?, _ path: String, in range: ClosedRange<Int>, fallback: Int) throws(CoverageInputError) -> Int {
        guard let value, value != .null else { return fallback }
        guard let number = value.doubleValue, number.isFinite, number == number.rounded(),
              number >= Double(range.lowerBound), number <= Double(range.upperBound) else {
            throw fail(path, "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(value.serialized(pretty: false))")
        }
        return Int(number)
    }

    /// A finite number within ±``CoverageOptions/Scores/limit``; `fallback` when absent or null.
    func number(_ value: JSONValue?, _ path: String, fallback: Double) throws(CoverageInputError) -> Double {
        guard let value, value != .null else { return fallback }
        let limit = CoverageOptions.Scores.limit
        guard let number = value.doubleValue, number.isFinite, abs(number) <= limit else {
            throw fail(path, "expected a number from -\(Int(limit)) to \(Int(limit)), found \(value.serialized(pretty: false))")
        }
        return number
    }

    func string(_ value: JSONValue, _ key: String, path: String) throws(CoverageInputError) -> String {
        guard let text = value[key]?.stringValue else { throw fail("\(path).\(key)", "expected a string") }
        return text
    }

    static let lines = 0...Int(Int32.max)

    func decodeOptions(_ value: JSONValue?) throws(CoverageInputError) -> CoverageOptions {
        var options = CoverageOptions()
        guard let value, value.objectValue != nil else { return options }
        if let scores = value["scores"] {
            options.scores = CoverageOptions.Scores(
                detected: try number(scores["detected"], "options.scores.detected", fallback: 100),
                logged: try number(scores["logged"], "options.scores.logged", fallback: 50),
                blind: try number(scores["blind"], "options.scores.blind", fallback: 0))
        }
        options.parentRuleCoversSubtechniques = value["parent_rule_covers_subtechniques"]?.boolValue ?? false
        options.countDeprecatedRules = value["count_deprecated_rules"]?.boolValue ?? false
        options.countDisabledRules = value["count_disabled_rules"]?.boolValue ?? false
        if let weighting = value["weighting"], weighting.objectValue != nil {
            func table(_ key: String) throws(CoverageInputError) -> [String: Double] {
                var d: [String: Double] = [:]
                for member in weighting[key]?.objectValue ?? JSONObject() {
                    d[member.key] = try number(member.value, "options.weighting.\(key).\(member.key)", fallback: 1)
                }
                return d
            }
            options.weighting = RuleWeighting(levels: try table("levels"), statuses: try table("statuses"))
        }
        return options
    }

    func decodeTechnique(_ item: JSONValue, path: String, options: CoverageOptions) throws(CoverageInputError) -> TechniqueCoverage {
        guard let rawID = (item["id"] ?? item["technique_id"] ?? item["techniqueID"])?.stringValue else {
            throw fail("\(path).id", "expected a technique ID")
        }
        guard let id = ATTACKIdentifiers.techniqueID(rawID) else { throw fail("\(path).id", "'\(rawID)' is not a technique ID") }
        let stateText = try string(item, "state", path: path)
        guard let state = CoverageState(rawValue: stateText.lowercased()) else {
            throw fail("\(path).state", "expected detected, logged or blind, found '\(stateText)'")
        }
        var rules: [RuleReference] = []
        for (index, rule) in (item["rules"]?.arrayValue ?? []).enumerated() {
            rules.append(try decodeRule(rule, techniqueID: id, path: "\(path).rules[\(index)]"))
        }
        var telemetry: [TelemetrySource] = []
        for (index, source) in (item["telemetry"]?.arrayValue ?? []).enumerated() {
            telemetry.append(try decodeTelemetry(source, path: "\(path).telemetry[\(index)]"))
        }
        var tests: [AtomicTest] = []
        for (index, test) in (item["atomic_tests"]?.arrayValue ?? []).enumerated() {
            tests.append(AtomicTest(
                techniqueID: id, name: try string(test, "name", path: "\(path).atomic_tests[\(index)]"), guid: test["guid"]?.stringValue,
                platforms: test["platforms"]?.stringArray ?? []))
        }
        var dettect: DeTTECTScores?
        if let scores = item["dettect"], scores.objectValue != nil {
            dettect = DeTTECTScores(
                detection: try integer(scores["detection"], "\(path).dettect.detection", in: -1...5, fallback: -1),
                visibility: try integer(scores["visibility"], "\(path).dettect.visibility", in: 0...4, fallback: 0))
        }
        return TechniqueCoverage(
            techniqueID: id, name: item["name"]?.stringValue ?? "", parentID: item["parent"]?.stringValue,
            tactics: item["tactics"]?.stringArray ?? [], platforms: item["platforms"]?.stringArray ?? [], state: state,
            score: try number(item["score"], "\(path).score", fallback: options.scores.score(state)), rules: rules,
            telemetry: telemetry, atomicTests: tests, dettect: dettect)
    }

    func decodeRule(_ item: JSONValue, techniqueID: String, path: String) throws(CoverageInputError) -> RuleReference {
        if let file = item.stringValue {
            return RuleReference(rule: DetectionRule(format: .csv, path: file, line: 1, title: file, techniqueIDs: [techniqueID]))
        }
        let body = item["rule"] ?? item
        guard body.objectValue != nil else { throw fail(path, "expected a rule object or a rule file path") }
        let file = body["path"]?.stringValue ?? ""
        let title = body["title"]?.stringValue ?? file
        guard !title.isEmpty else { throw fail(path, "a rule needs a title or a path") }
        let formatText = body["format"]?.stringValue
        let format = formatText.flatMap(RuleFormat.init(rawValue:)) ?? .sigma
        let rule = DetectionRule(
            format: format, path: file, line: try integer(body["line"], "\(path).line", in: Self.lines, fallback: 1),
            id: body["rule_id"]?.stringValue, title: title, status: body["status"]?.stringValue, level: body["level"]?.stringValue,
            techniqueIDs: [techniqueID])
        let applied: RuleReference.AppliedAs
        switch item["applied_as"]?.stringValue ?? "direct" {
        case "direct": applied = .direct
        case "revoked-id": applied = .revokedID(item["via"]?.stringValue ?? "")
        case "parent": applied = .parent(item["via"]?.stringValue ?? "")
        case let other: throw fail("\(path).applied_as", "expected direct, revoked-id or parent, found '\(other)'")
        }
        return RuleReference(rule: rule, appliedAs: applied)
    }

    func decodeTelemetry(_ item: JSONValue, path: String) throws(CoverageInputError) -> TelemetrySource {
        let kind: TelemetrySource.Kind
        if let component = item["data_component"]?.stringValue {
            kind = .dataComponent(component)
        } else if let name = item["log_source"]?.stringValue {
            kind = .logSource(name: name, channel: item["channel"]?.stringValue)
        } else {
            throw fail(path, "expected data_component or log_source")
        }
        return TelemetrySource(
            kind: kind, platforms: item["platforms"]?.stringArray ?? [], comment: item["comment"]?.stringValue,
            line: try integer(item["line"], "\(path).line", in: Self.lines, fallback: 1))
    }

    func decodeFinding(_ item: JSONValue, path: String) throws(CoverageInputError) -> RuleFinding {
        let kindText = try string(item, "kind", path: path)
        guard let kind = RuleFinding.Kind(rawValue: kindText) else { throw fail("\(path).kind", "unknown finding kind '\(kindText)'") }
        let line = try integer(item["line"], "\(path).line", in: Self.lines, fallback: 1)
        let ruleLine = try integer(item["rule_line"], "\(path).rule_line", in: Self.lines, fallback: line)
        var rule = DetectionRule(
            format: .sigma, path: item["path"]?.stringValue ?? "", line: ruleLine, title: item["title"]?.stringValue ?? "")
        let technique = item["technique"]?.stringValue
        if let technique, line != ruleLine { rule.tagLines = [technique: line] }
        return RuleFinding(rule: rule, kind: kind, techniqueID: technique, message: try string(item, "message", path: path))
    }

    func decodeIssue(_ item: JSONValue, path: String) throws(CoverageInputError) -> RuleIssue {
        let line = item["line"].flatMap { $0 == .null ? nil : $0 }
        return RuleIssue(
            path: item["path"]?.stringValue ?? "",
            line: try line.map { value throws(CoverageInputError) in try integer(value, "\(path).line", in: Self.lines, fallback: 1) },
            reason: try string(item, "reason", path: path),
            severity: item["severity"]?.stringValue == "warning" ? .warning : .error)
    }

    func decodeQuality(_ value: JSONValue) throws(CoverageInputError) -> RuleQuality {
        let counts = 0...Int(Int32.max)
        func n(_ key: String) throws(CoverageInputError) -> Int { try integer(value[key], "rule_quality.\(key)", in: counts, fallback: 0) }
        func perFormat(_ key: String) throws(CoverageInputError) -> [RuleFormat: Int] {
            var d: [RuleFormat: Int] = [:]
            for member in value[key]?.objectValue ?? JSONObject() {
                guard let f = RuleFormat(rawValue: member.key) else { continue }
                d[f] = try integer(member.value, "rule_quality.\(key).\(member.key)", in: counts, fallback: 0)
            }
            return d
        }
        return RuleQuality(
            rulesPerFormat: try perFormat("rules_per_format"), filesPerFormat: try perFormat("files_per_format"), rules: try n("rules"),
            withTechniques: try n("with_techniques"), tacticOnly: try n("tactic_only"), untagged: try n("untagged"),
            deprecatedRules: try n("deprecated_rules"), revokedIDRules: try n("revoked_id_rules"),
            deprecatedIDRules: try n("deprecated_id_rules"), unknownIDRules: try n("unknown_id_rules"),
            unknownTacticRules: try n("unknown_tactic_rules"), cannotFire: try n("cannot_fire"), unchecked: try n("unchecked"),
            excluded: try n("excluded"), failures: try n("failures"), warnings: try n("warnings"), skippedFiles: try n("skipped_files"))
    }
}
