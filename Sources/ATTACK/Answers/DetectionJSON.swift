import STIX

/// The JSON of a technique's detection.
public enum DetectionJSON {
    public static func make(_ d: TechniqueDetection, kb: KnowledgeBase) -> JSONValue {
        var j = JSONObject()
        j["strategies"] = .array(d.strategies.map { s in
            .object(JSONObject([
                ("id", .string(s.strategy.attackID)), ("name", .string(s.strategy.name)),
                ("analytics", .array(s.analytics.map { a in
                    .object(JSONObject([
                        ("id", .string(a.attackID)), ("name", .string(a.name)),
                        ("platforms", ObjectJSON.strings(a.platforms)),
                        ("log_sources", .array(a.logSourceReferences.map { logSource($0, kb: kb) })),
                    ]))
                })),
            ]))
        })
        j["data_components"] = .array(d.dataComponents.map(ObjectJSON.ref))
        j["log_sources"] = .array(d.logSources.map { logSource($0, kb: kb) })
        if let text = d.detectionText, !text.isEmpty { j["detection_text"] = .string(Citation.stripped(text)) }
        return .object(j)
    }

    public static func logSource(_ r: LogSourceReference, kb: KnowledgeBase) -> JSONValue {
        let dc = kb.object(stixID: r.dataComponentRef)
        return .object(JSONObject([
            ("name", .string(r.name)), ("channel", .string(r.channel)),
            ("data_component", dc.map(ObjectJSON.ref) ?? .null),
        ]))
    }
}
