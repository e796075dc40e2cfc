import ATTACK
import STIX

/// The JSON of an extraction: one entry per technique found (confidence, how it was found,
/// evidence sentences with offsets, mentions), then one per group, software, campaign or
/// tactic named: the `objects` of ``ExtractionAnswer/json()``, which `ttpkit extract --format
/// json` and the server's `POST /api/extract` write.
///
/// ```swift
/// let (findings, extraction) = TechniqueClassifier(model: model, extractor: extractor).classify(report)
/// print(ExtractionJSON.value(findings: findings.filter { $0.confidence >= 0.5 }, extraction: extraction).serialized(pretty: true))
/// ```
public enum ExtractionJSON {
    /// The entries for `findings` (already filtered) and the other objects `extraction` names.
    public static func value(findings: [TechniqueFinding], extraction: ExtractionResult) -> JSONValue {
        let hitsByObject = Dictionary(extraction.byObject.map { ($0.object.index, $0.hits) }, uniquingKeysWith: { a, _ in a })
        var items: [JSONValue] = []
        for f in findings {
            let t = f.technique
            var j = JSONObject([("id", .string(t.attackID)), ("name", .string(t.name)), ("type", .string("technique"))])
            j["tactics"] = ObjectJSON.strings(t.tacticShortnames)
            ObjectJSON.mark(&j, t)
            j["confidence"] = .number((f.confidence * 1000).rounded() / 1000)
            j["found_by"] = ObjectJSON.strings(f.methods.map(\.rawValue))
            if let p = f.impliedParent { j["implied_parent"] = .object(JSONObject([("id", .string(p.attackID)), ("name", .string(p.name))])) }
            j["evidence"] = .array(f.evidence.map { e in
                .object(JSONObject([("sentence", .string(e.sentence)), ("start", .number(Double(e.start))), ("end", .number(Double(e.end))),
                                    ("confidence", .number((e.confidence * 1000).rounded() / 1000)), ("via", .string(e.method.rawValue))]))
            })
            let hits = hitsByObject[t.index] ?? []
            j["count"] = .number(Double(hits.count))
            j["hits"] = hitsJSON(hits)
            items.append(.object(j))
        }
        for (o, hits) in extraction.byObject where o.kind != .technique {
            var j = JSONObject([("id", .string(o.attackID)), ("name", .string(o.name)), ("type", .string(o.kind.rawValue))])
            ObjectJSON.mark(&j, o)
            j["count"] = .number(Double(hits.count))
            j["hits"] = hitsJSON(hits)
            items.append(.object(j))
        }
        return .array(items)
    }

    static func hitsJSON(_ hits: [ExtractionHit]) -> JSONValue {
        .array(hits.map { h in
            var hj = JSONObject([("text", .string(h.text)), ("via", .string(h.via.rawValue)), ("offset", .number(Double(h.offset))), ("sentence", .string(h.sentence))])
            if let note = h.note { hj["note"] = .string(note) }
            return .object(hj)
        })
    }
}
