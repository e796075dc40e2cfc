import ATTACK
import STIX

/// One answer to a user's question: the typed value the question computed, its JSON, the notes
/// that go with it (a revoked ID followed, an input skipped) and its ``Provenance``.
///
/// Every face of ttpkit renders an `Answer` and nothing else: the CLI prints ``json`` for
/// `--format json` (and a table built from ``value`` otherwise, with the notes on standard error
/// and the provenance in a footer), the JSON API sends ``json``, the web app and the reports
/// show the same value and provenance. So the same question gets the same answer wherever it
/// is asked.
///
/// ```swift
/// let answer = Questions.objects(.group, matching: "bear", in: kb)
/// print(answer.json.serialized(pretty: true))   // {"groups": [...], "count": 3, "provenance": {...}}
/// ```
public struct Answer<Value: Sendable>: Sendable {
    /// What the question computed, for renderers that need more than JSON (tables, pages).
    public let value: Value
    /// The answer's own JSON: an object, or the array of a list answer.
    public let body: JSONValue
    /// For a list answer, the member its array goes in (`groups`, `techniques`, `hits`…).
    public let listKey: String?
    /// Notes for the reader, in the order they arose (a revoked ID followed).
    public var notes: [String]
    /// Inputs the answer could not use and skipped (an unknown ID, a name not in the release).
    public var warnings: [String]
    /// What the answer was computed from.
    public var provenance: Provenance

    public init(value: Value, body: JSONValue, listKey: String? = nil, notes: [String] = [], warnings: [String] = [],
                provenance: Provenance) {
        (self.value, self.body, self.listKey) = (value, body, listKey)
        (self.notes, self.warnings, self.provenance) = (notes, warnings, provenance)
    }

    /// The JSON the CLI prints with `--format json` and the API sends: an object answer with
    /// `notes` and `warnings` (when there are any) and `provenance` members added; a list wrapped
    /// as `{"<listKey>": [...], "count": n, "notes": [...], "warnings": [...], "provenance": {...}}`.
    public var json: JSONValue {
        var o: JSONObject
        if let listKey {
            o = JSONObject([(listKey, body), ("count", .number(Double(body.arrayValue?.count ?? 0)))])
        } else if case .object(let object) = body {
            o = object
        } else {
            o = JSONObject([("answer", body)])
        }
        if !notes.isEmpty { o["notes"] = .array(notes.map(JSONValue.string)) }
        if !warnings.isEmpty { o["warnings"] = .array(warnings.map(JSONValue.string)) }
        o["provenance"] = provenance.json()
        return .object(o)
    }
}
