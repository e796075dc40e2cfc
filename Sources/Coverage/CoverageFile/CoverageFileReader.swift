import ATTACK
import Foundation
import Navigator
import STIX

/// Reads a coverage result from a file: a ttpkit coverage file (the JSON `ttpkit coverage
/// --format json` writes, see ``CoverageFileWriter``) or a Navigator coverage layer.
///
/// Coverage files are read leniently: the top level is an object with a `techniques` list (or
/// the list itself); each item names its technique under `id`, `technique_id` or
/// `techniqueID` and its state under `state` (`detected`, `logged`, `blind`, any case);
/// `name`, `tactics`, `score`, `rules` (objects with `path`, `line`, `title`, or `{rule: {...}}`)
/// and `telemetry` are optional. `domain` / `attack_version` at the top are used when present.
///
/// Layers: a technique's state is read from its comment when it starts with `Detected`,
/// `Logged` or `Blind` (as ttpkit's coverage layer writes them); otherwise from its score —
/// ≥ 75 Detected, ≥ 25 Logged, below Blind (the midpoints of the default 100 / 50 / 0).
/// Techniques a layer does not list are Blind.
///
/// ```swift
/// let old = try CoverageFileReader.read(path: "coverage-main.json")
/// old.count(.detected)   // 398
/// ```
public enum CoverageFileReader {
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
    static func isLayer(_ value: JSONValue) -> Bool {
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
                telemetryCount: telemetry?.doubleValue.map { Int($0) } ?? telemetry?.arrayValue?.count ?? 0))
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
