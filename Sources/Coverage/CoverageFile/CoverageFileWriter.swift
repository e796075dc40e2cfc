import ATTACK
import Foundation
import STIX

/// Writes a coverage result as a ttpkit coverage file: stable member order, techniques in
/// ATT&CK ID order, written atomically.
///
/// ```json
/// {"type": "ttpkit-coverage", "version": 1, "domain": "enterprise-attack", "attack_version": "18.1",
///  "summary": {"techniques": 691, "detected": 412, "logged": 150, "blind": 129},
///  "techniques": [{"id": "T1001", "name": "Data Obfuscation", "tactics": ["command-and-control"],
///                  "state": "logged", "score": 50, "rules": [], "telemetry": 2}]}
/// ```
///
/// Techniques imported from DeTT&CT also carry `"dettect": {"detection": 3, "visibility": 2}`
/// so an export gives DeTT&CT its own scores back.
/// ```json
/// ```
///
/// ``CoverageFileReader`` reads this shape back, and also the JSON of `TechniqueCoverage`.
public enum CoverageFileWriter {
    /// The JSON value of a snapshot.
    public static func jsonValue(_ snapshot: CoverageSnapshot) -> JSONValue {
        var root = JSONObject([("type", "ttpkit-coverage"), ("version", 1)])
        if let domain = snapshot.domain { root["domain"] = .string(domain.rawValue) }
        if let release = snapshot.release { root["attack_version"] = .string(release) }
        root["summary"] = .object(JSONObject([
            ("techniques", .number(Double(snapshot.entries.count))),
            ("detected", .number(Double(snapshot.count(.detected)))),
            ("logged", .number(Double(snapshot.count(.logged)))),
            ("blind", .number(Double(snapshot.count(.blind)))),
        ]))
        root["techniques"] = .array(snapshot.entries.map { entry in
            var item = JSONObject([
                ("id", .string(entry.techniqueID)), ("name", .string(entry.name)),
                ("tactics", .array(entry.tactics.map(JSONValue.string))), ("state", .string(entry.state.rawValue)),
            ])
            if let score = entry.score { item["score"] = .number(score) }
            item["rules"] = .array(entry.rules.map { rule in
                .object(JSONObject([("path", .string(rule.path)), ("line", .number(Double(rule.line))), ("title", .string(rule.title))]))
            })
            item["telemetry"] = .number(Double(entry.telemetryCount))
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
    public static func write(_ snapshot: CoverageSnapshot, to path: String) throws(CoverageInputError) {
        try AtomicFile.write(jsonValue(snapshot).serialized(pretty: true) + "\n", to: path)
    }
}

/// Writes text files atomically (a temporary file in the same folder, then a rename), so a
/// reader never sees half a file.
public enum AtomicFile {
    /// Writes UTF-8 `text` to `path`.
    public static func write(_ text: String, to path: String) throws(CoverageInputError) {
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw CoverageInputError(path: path, reason: "cannot write: \((error as NSError).localizedDescription)")
        }
    }
}
