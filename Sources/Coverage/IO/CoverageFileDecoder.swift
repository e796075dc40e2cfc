import ATTACK
import STIX

/// Reads the JSON of a ttpkit coverage file back into a record.
struct CoverageFileDecoder {
    let source: String
    let kb: KnowledgeBase

    func fail(_ path: String, _ message: String) -> CoverageFileError {
        CoverageFileError(file: source, location: path, message: message)
    }

    func decode(_ root: JSONValue) throws(CoverageFileError) -> CoverageRecord {
        if let version = root["format_version"]?.doubleValue, version > Double(CoverageFile.formatVersion) {
            throw fail("format_version", "written by a newer ttpkit (format version \(Int(version))); this one reads version \(CoverageFile.formatVersion)")
        }
        guard let domainText = root["domain"]?.stringValue, let domain = AttackDomain(parsing: domainText) else {
            throw fail("domain", "expected enterprise-attack, mobile-attack or ics-attack")
        }
        try CoverageFile.checkDomain(domain, source: source, kb: kb)
        let options = try decodeOptions(root["options"])
        guard let list = root["techniques"]?.arrayValue else { throw fail("techniques", "expected a list of techniques") }
        var stored: [String: TechniqueCoverage] = [:]
        for (index, item) in list.enumerated() {
            let technique = try decodeTechnique(item, path: "techniques[\(index)]")
            stored[technique.techniqueID] = technique
        }
        let release = root["attack_version"]?.stringValue
        let (techniques, notes) = CoverageFile.align(stored, source: source, fileRelease: release, kb: kb, blindScore: options.scores.blind)
        var findings: [RuleFinding] = []
        for (index, item) in (root["findings"]?.arrayValue ?? []).enumerated() {
            findings.append(try decodeFinding(item, path: "findings[\(index)]"))
        }
        var issues: [RuleIssue] = []
        for (index, item) in (root["issues"]?.arrayValue ?? []).enumerated() {
            issues.append(try decodeIssue(item, path: "issues[\(index)]"))
        }
        let quality = root["rule_quality"].flatMap { $0.objectValue == nil ? nil : decodeQuality($0) }
        let analysis = CoverageAnalysis(
            restoring: techniques, release: kb.attackVersion ?? release, options: options, findings: findings)
        let inputs = root["inputs"]
        return CoverageRecord(
            analysis: analysis, domain: domain, generated: root["generated"]?.stringValue,
            inputs: CoverageRecord.Inputs(
                rules: inputs?["rules"]?.stringArray ?? [], telemetry: inputs?["telemetry"]?.stringValue,
                atomics: inputs?["atomics"]?.stringValue),
            quality: quality, issues: issues, origin: .coverageFile, notes: notes)
    }

    func decodeOptions(_ value: JSONValue?) throws(CoverageFileError) -> CoverageOptions {
        var options = CoverageOptions()
        guard let value, value.objectValue != nil else { return options }
        if let scores = value["scores"] {
            options.scores = CoverageOptions.Scores(
                detected: scores["detected"]?.doubleValue ?? 100, logged: scores["logged"]?.doubleValue ?? 50,
                blind: scores["blind"]?.doubleValue ?? 0)
        }
        options.parentRuleCoversSubtechniques = value["parent_rule_covers_subtechniques"]?.boolValue ?? false
        options.countDeprecatedRules = value["count_deprecated_rules"]?.boolValue ?? false
        options.countDisabledRules = value["count_disabled_rules"]?.boolValue ?? false
        if let weighting = value["weighting"], weighting.objectValue != nil {
            func table(_ v: JSONValue?) -> [String: Double] {
                var d: [String: Double] = [:]
                for member in v?.objectValue ?? JSONObject() { d[member.key] = member.value.doubleValue }
                return d
            }
            options.weighting = RuleWeighting(levels: table(weighting["levels"]), statuses: table(weighting["statuses"]))
        }
        return options
    }

    func string(_ value: JSONValue, _ key: String, path: String) throws(CoverageFileError) -> String {
        guard let text = value[key]?.stringValue else { throw fail("\(path).\(key)", "expected a string") }
        return text
    }

    func decodeTechnique(_ item: JSONValue, path: String) throws(CoverageFileError) -> TechniqueCoverage {
        let rawID = try string(item, "id", path: path)
        guard let id = ATTACKIdentifiers.techniqueID(rawID) else { throw fail("\(path).id", "'\(rawID)' is not a technique ID") }
        let stateText = try string(item, "state", path: path)
        guard let state = CoverageState(rawValue: stateText.lowercased()) else {
            throw fail("\(path).state", "expected detected, logged or blind, found '\(stateText)'")
        }
        guard let score = item["score"]?.doubleValue else { throw fail("\(path).score", "expected a number") }
        var rules: [RuleReference] = []
        for (index, rule) in (item["rules"]?.arrayValue ?? []).enumerated() {
            rules.append(try decodeRule(rule, techniqueID: id, path: "\(path).rules[\(index)]"))
        }
        var telemetry: [TelemetrySource] = []
        for (index, source) in (item["telemetry"]?.arrayValue ?? []).enumerated() {
            telemetry.append(try decodeTelemetry(source, path: "\(path).telemetry[\(index)]"))
        }
        return TechniqueCoverage(
            techniqueID: id, name: item["name"]?.stringValue ?? id, isSubtechnique: id.contains("."),
            parentID: item["parent"]?.stringValue, tactics: item["tactics"]?.stringArray ?? [],
            platforms: item["platforms"]?.stringArray ?? [], state: state, score: score, rules: rules, telemetry: telemetry)
    }

    func decodeRule(_ item: JSONValue, techniqueID: String, path: String) throws(CoverageFileError) -> RuleReference {
        let title = try string(item, "title", path: path)
        let format = item["format"]?.stringValue.flatMap(RuleFormat.init(rawValue:)) ?? .sigma
        let rule = DetectionRule(
            format: format, path: item["path"]?.stringValue ?? "", line: Int(item["line"]?.doubleValue ?? 1),
            id: item["rule_id"]?.stringValue, title: title, status: item["status"]?.stringValue, level: item["level"]?.stringValue,
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

    func decodeTelemetry(_ item: JSONValue, path: String) throws(CoverageFileError) -> TelemetrySource {
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
            line: Int(item["line"]?.doubleValue ?? 1))
    }

    func decodeFinding(_ item: JSONValue, path: String) throws(CoverageFileError) -> RuleFinding {
        let kindText = try string(item, "kind", path: path)
        guard let kind = RuleFinding.Kind(rawValue: kindText) else { throw fail("\(path).kind", "unknown finding kind '\(kindText)'") }
        let rule = DetectionRule(
            format: .sigma, path: item["path"]?.stringValue ?? "", line: Int(item["line"]?.doubleValue ?? 1),
            title: item["title"]?.stringValue ?? "")
        return RuleFinding(rule: rule, kind: kind, techniqueID: item["technique"]?.stringValue,
                           message: try string(item, "message", path: path))
    }

    func decodeIssue(_ item: JSONValue, path: String) throws(CoverageFileError) -> RuleIssue {
        RuleIssue(
            path: item["path"]?.stringValue ?? "", line: item["line"]?.doubleValue.map { Int($0) },
            reason: try string(item, "reason", path: path),
            severity: item["severity"]?.stringValue == "warning" ? .warning : .error)
    }

    func decodeQuality(_ value: JSONValue) -> RuleQuality {
        func n(_ key: String) -> Int { Int(value[key]?.doubleValue ?? 0) }
        func perFormat(_ key: String) -> [RuleFormat: Int] {
            var d: [RuleFormat: Int] = [:]
            for member in value[key]?.objectValue ?? JSONObject() {
                if let f = RuleFormat(rawValue: member.key), let v = member.value.doubleValue { d[f] = Int(v) }
            }
            return d
        }
        return RuleQuality(
            rulesPerFormat: perFormat("rules_per_format"), filesPerFormat: perFormat("files_per_format"), rules: n("rules"),
            withTechniques: n("with_techniques"), tacticOnly: n("tactic_only"), untagged: n("untagged"),
            deprecatedRules: n("deprecated_rules"), revokedIDRules: n("revoked_id_rules"), deprecatedIDRules: n("deprecated_id_rules"),
            unknownIDRules: n("unknown_id_rules"), unknownTacticRules: n("unknown_tactic_rules"), cannotFire: n("cannot_fire"),
            unchecked: n("unchecked"), excluded: n("excluded"), failures: n("failures"), warnings: n("warnings"),
            skippedFiles: n("skipped_files"))
    }
}
