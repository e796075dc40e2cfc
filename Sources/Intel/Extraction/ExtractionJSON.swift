import ATTACK
import STIX

/// The JSON of an extraction, which `ttpkit extract --format json` and the server's `POST
/// /api/extract` write: `findings` holds one entry per technique listed (strongest first:
/// confidence, how it was found, the tactic it is listed under and its others, the line of its
/// strongest evidence, each piece of evidence quoted short with its line and its Unicode scalar
/// offsets — `weak` saying why a name mention is no claim: `advice`, `heading`, `path`,
/// `unspecific-name` —, `below_threshold: true` for one under the cut-off listed with `all`), then one per
/// group, software, campaign or tactic named (each mention with its line); `count` counts them;
/// `by_tactic` lists the techniques' IDs under each tactic in matrix order.
///
/// ```swift
/// let answer = ExtractionAnswer(report: report, knowledgeBase: kb, model: model, options: .init(all: true))
/// print(ExtractionJSON.value(answer).serialized(pretty: true))
/// ```
public enum ExtractionJSON {
    /// The members `findings`, `count` and `by_tactic` of the answer's JSON.
    public static func value(_ answer: ExtractionAnswer) -> JSONValue {
        let extraction = answer.extraction
        let report = answer.report
        let hitsByObject = Dictionary(extraction.byObject.map { ($0.object.index, $0.hits) }, uniquingKeysWith: { a, _ in a })
        var items: [JSONValue] = []
        for triaged in answer.triaged {
            let f = triaged.finding
            let t = f.technique
            var j = JSONObject([("id", .string(t.attackID)), ("name", .string(t.name)), ("type", .string("technique"))])
            j["tactics"] = ObjectJSON.strings(t.tacticShortnames)
            ObjectJSON.mark(&j, t)
            j["confidence"] = rounded(f.confidence)
            if triaged.belowThreshold { j["below_threshold"] = .bool(true) }
            j["found_by"] = ObjectJSON.strings(f.methods.map(\.rawValue))
            j["tactic"] = triaged.tactic.map { .string($0.shortname) } ?? .null
            j["other_tactics"] = ObjectJSON.strings(triaged.otherTactics.map(\.shortname))
            j["line"] = triaged.line.map { .number(Double($0)) } ?? .null
            if let p = f.impliedParent { j["implied_parent"] = .object(JSONObject([("id", .string(p.attackID)), ("name", .string(p.name))])) }
            j["evidence"] = .array(triaged.evidence.map { e in
                var ej = JSONObject([
                    ("sentence", .string(e.quote.text)), ("line", .number(Double(e.quote.line))),
                    ("start", .number(Double(e.support.start))), ("end", .number(Double(e.support.end))),
                    ("confidence", rounded(e.support.confidence)), ("via", .string(e.support.method.rawValue)),
                ])
                if let weak = e.support.weak { ej["weak"] = .string(weak.rawValue) }
                return .object(ej)
            })
            let hits = hitsByObject[t.index] ?? []
            j["count"] = .number(Double(hits.count))
            j["hits"] = hitsJSON(hits, report)
            items.append(.object(j))
        }
        for (o, hits) in extraction.byObject where o.kind != .technique {
            var j = JSONObject([("id", .string(o.attackID)), ("name", .string(o.name)), ("type", .string(o.kind.rawValue))])
            ObjectJSON.mark(&j, o)
            j["line"] = hits.first.map { .number(Double(report.positions.line(ofByte: $0.offset))) } ?? .null
            j["count"] = .number(Double(hits.count))
            j["hits"] = hitsJSON(hits, report)
            items.append(.object(j))
        }
        let groups: [JSONValue] = answer.byTactic.map { g in
            .object(JSONObject([
                ("tactic", g.tactic.map { .string($0.shortname) } ?? .null), ("id", g.tactic.map { .string($0.attackID) } ?? .null),
                ("name", g.tactic.map { .string($0.name) } ?? .null),
                ("techniques", ObjectJSON.strings(g.findings.map(\.finding.technique.attackID))),
            ]))
        }
        return .object(JSONObject([("findings", .array(items)), ("count", .number(Double(items.count))), ("by_tactic", .array(groups))]))
    }

    static func rounded(_ x: Double) -> JSONValue { .number((x * 1000).rounded() / 1000) }

    static func hitsJSON(_ hits: [ExtractionHit], _ report: ReportText) -> JSONValue {
        .array(hits.map { h in
            var hj = JSONObject([("text", .string(h.text)), ("via", .string(h.via.rawValue)), ("offset", .number(Double(h.offset))),
                                 ("line", .number(Double(report.positions.line(ofByte: h.offset)))), ("sentence", .string(h.sentence))])
            if let note = h.note { hj["note"] = .string(note) }
            return .object(hj)
        })
    }
}
