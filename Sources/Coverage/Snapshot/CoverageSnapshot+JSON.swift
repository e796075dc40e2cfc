import ATTACK
import Foundation
import Navigator
import STIX

/// Reading a coverage result from a file: a ttpkit coverage file (the JSON `ttpkit coverage
/// --format json` writes) or a Navigator coverage layer.
///
/// Coverage files are read leniently: the top level is an object with a `techniques` list (or
/// the list itself); each item names its technique under `id`, `technique_id` or
/// `techniqueID` and its state under `state` (`detected`, `logged`, `blind`, any case);
/// `name`, `tactics`, `score`, `rules` (objects with `path`, `line`, `title`, or `{rule: {...}}`)
/// and `telemetry` (a list) or `telemetry_count` are optional. `domain` / `attack_version` at the top are used when present.
///
/// Layers: a technique's state is read from its comment when it starts with `Detected`,
/// `Logged` or `Blind` (as ttpkit's coverage layer writes them); otherwise from its score —
/// ≥ 75 Detected, ≥ 25 Logged, below Blind (the midpoints of the default 100 / 50 / 0).
/// Techniques a layer does not list are Blind.
///
/// ```swift
/// let old = try CoverageSnapshot.read(path: "coverage-main.json")
/// old.count(.detected)   // 398
/// ```
extension CoverageSnapshot {
    /// Reads a coverage file or a coverage layer.
    public static func read(path: String) throws(CoverageInputError) -> CoverageSnapshot {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoverageInputError(path: path, reason: "cannot read coverage file")
        }
        return try parse(data, source: path)
    }

    /// Parses coverage file or layer bytes; `source` names the file in errors.
    public static func parse(_ data: Data, source: String) throws(CoverageInputError) -> CoverageSnapshot {
        let bytes = [UInt8](data)
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch {
            let (line, column) = bytes.withUnsafeBufferPointer { lineAndColumn(of: error.offset, in: $0) }
            throw CoverageInputError(path: source, line: line, reason: "not JSON (column \(column)): expected \(error.expected), found \(error.found)")
        }
        if isLayer(value) { return try layerSnapshot(data, source: source) }
        return try coverageFileSnapshot(value, source: source)
    }

    /// True when the JSON looks like a Navigator layer (or an array of layers) rather than a
    /// coverage file.
    public static func isLayer(_ value: JSONValue) -> Bool {
        if let array = value.arrayValue { return array.first?["techniques"] != nil && array.first?["name"] != nil }
        guard let object = value.objectValue else { return false }
        if object["versions"] != nil || object["gradient"] != nil { return true }
        guard object["domain"] != nil, let first = object["techniques"]?.arrayValue?.first else { return false }
        return first["techniqueID"] != nil && first["state"] == nil
    }

    static func coverageFileSnapshot(_ value: JSONValue, source: String) throws(CoverageInputError) -> CoverageSnapshot {
        let items: [JSONValue]
        if let list = value.arrayValue {
            items = list
        } else if let list = value["techniques"]?.arrayValue {
            items = list
        } else {
            throw CoverageInputError(path: source, reason: "not a coverage file: no 'techniques' list (write one with `ttpkit coverage --format json`)")
        }
        var entries: [CoverageSnapshot.Entry] = []
        entries.reserveCapacity(items.count)
        for (index, item) in items.enumerated() {
            guard let id = (item["id"] ?? item["technique_id"] ?? item["techniqueID"])?.stringValue,
                  let techniqueID = ATTACKIdentifiers.techniqueID(id) else {
                throw CoverageInputError(path: source, reason: "techniques[\(index)] has no technique ID under 'id'")
            }
            guard let text = item["state"]?.stringValue, let state = CoverageState(rawValue: text.lowercased()) else {
                throw CoverageInputError(path: source, reason: "techniques[\(index)] (\(techniqueID)) has no state detected, logged or blind")
            }
            let rules: [RuleLocation] = (item["rules"]?.arrayValue ?? []).compactMap { rule in
                if let path = rule.stringValue { return RuleLocation(path: path) }
                let body = rule["rule"] ?? rule
                guard let path = body["path"]?.stringValue else { return nil }
                return RuleLocation(path: path, line: body["line"]?.doubleValue.map { Int($0) } ?? 1, title: body["title"]?.stringValue ?? "")
            }
            let telemetry = item["telemetry"]
            let dettect = item["dettect"].flatMap { scores -> DeTTECTScores? in
                guard let detection = scores["detection"]?.doubleValue, let visibility = scores["visibility"]?.doubleValue else { return nil }
                return DeTTECTScores(detection: Int(detection), visibility: Int(visibility))
            }
            entries.append(CoverageSnapshot.Entry(
                techniqueID: techniqueID, name: item["name"]?.stringValue ?? "", tactics: item["tactics"]?.stringArray ?? [],
                state: state, score: item["score"]?.doubleValue, rules: rules, dettect: dettect,
                telemetryCount: item["telemetry_count"]?.doubleValue.map { Int($0) } ?? telemetry?.doubleValue.map { Int($0) }
                    ?? telemetry?.arrayValue?.count ?? 0))
        }
        let domainText = (value["domain"]?.stringValue).map { $0.lowercased() }
        let domain = domainText.flatMap { text in AttackDomain(rawValue: text) ?? AttackDomain.allCases.first { $0.shortName == text } }
        return CoverageSnapshot(
            source: source, domain: domain,
            release: (value["attack_version"] ?? value["release"])?.stringValue, entries: entries)
    }

    static func layerSnapshot(_ data: Data, source: String) throws(CoverageInputError) -> CoverageSnapshot {
        let document: LayerDocument
        do { document = try LayerFile.parse(data, source: source) } catch {
            throw CoverageInputError(path: source, reason: "unusable layer: \(error)")
        }
        guard let layer = document.layer else { throw CoverageInputError(path: source, reason: "the file holds no layer") }
        var byID: [String: CoverageSnapshot.Entry] = [:]
        for technique in layer.techniques {
            guard let id = ATTACKIdentifiers.techniqueID(technique.techniqueID) else { continue }
            let state = layerState(technique)
            var entry = byID[id] ?? CoverageSnapshot.Entry(techniqueID: id, state: state, score: technique.score)
            if let tactic = technique.tactic, !entry.tactics.contains(tactic) { entry.tactics.append(tactic) }
            if state < entry.state { entry.state = state }
            byID[id] = entry
        }
        return CoverageSnapshot(source: source, domain: layer.domain, release: layer.versions?.attack, entries: Array(byID.values))
    }

    /// The state of a layer cell: from a ttpkit comment, else from the score.
    static func layerState(_ technique: LayerTechnique) -> CoverageState {
        if let comment = technique.comment?.lowercased() {
            if comment.hasPrefix("detected") { return .detected }
            if comment.hasPrefix("logged") { return .logged }
            if comment.hasPrefix("blind") { return .blind }
        }
        guard let score = technique.score else { return .blind }
        return score >= 75 ? .detected : (score >= 25 ? .logged : .blind)
    }
}

/// Writes a coverage result in the coverage file shape of `ttpkit coverage --format json`
/// (the members a snapshot knows; readers ignore the rest), stable member order, techniques in
/// ATT&CK ID order, written atomically:
///
/// ```json
/// {"format": "ttpkit-coverage", "format_version": 1, "attack_version": "18.1", "domain": "enterprise-attack",
///  "totals": {"techniques": 691, "detected": 412, "logged": 150, "blind": 129},
///  "techniques": [{"id": "T1001", "name": "Data Obfuscation", "state": "logged", "score": 50,
///                  "tactics": ["command-and-control"], "rules": [], "telemetry_count": 2}]}
/// ```
///
/// Techniques imported from DeTT&CT also carry `"dettect": {"detection": 3, "visibility": 2}`,
/// so an export gives DeTT&CT its own scores back. A technique without a score gets the default
/// score of its state (100 / 50 / 0).
extension CoverageSnapshot {
    /// The JSON value of a snapshot.
    public func jsonValue() -> JSONValue {
        var root = JSONObject([("format", "ttpkit-coverage"), ("format_version", 1)])
        if let release { root["attack_version"] = .string(release) }
        if let domain { root["domain"] = .string(domain.rawValue) }
        root["totals"] = .object(JSONObject([
            ("techniques", .number(Double(entries.count))),
            ("detected", .number(Double(count(.detected)))),
            ("logged", .number(Double(count(.logged)))),
            ("blind", .number(Double(count(.blind)))),
        ]))
        let defaults = CoverageOptions().scores
        root["techniques"] = .array(entries.map { entry in
            let score = entry.score ?? (entry.state == .detected ? defaults.detected : entry.state == .logged ? defaults.logged : defaults.blind)
            var item = JSONObject([
                ("id", .string(entry.techniqueID)), ("name", .string(entry.name)), ("state", .string(entry.state.rawValue)),
                ("score", .number(score)), ("tactics", .array(entry.tactics.map(JSONValue.string))),
            ])
            item["rules"] = .array(entry.rules.map { rule in
                .object(JSONObject([("title", .string(rule.title)), ("path", .string(rule.path)), ("line", .number(Double(rule.line)))]))
            })
            item["telemetry_count"] = .number(Double(entry.telemetryCount))
            if let scores = entry.dettect {
                item["dettect"] = .object(JSONObject([
                    ("detection", .number(Double(scores.detection))), ("visibility", .number(Double(scores.visibility))),
                ]))
            }
            return .object(item)
        })
        return .object(root)
    }

    /// Writes a snapshot to `path` atomically.
    public func write(to path: String) throws(CoverageInputError) {
        try AtomicFile.write(jsonValue().serialized(pretty: true) + "\n", to: path)
    }
}
