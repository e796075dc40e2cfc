import STIX

/// Writes a ``Layer`` in the full explicit 4.5 form the Navigator itself writes: every field
/// with its default filled in, known fields in the Navigator's order, unknown fields after.
enum LayerEncoder {
    static func encode(_ layer: Layer) -> JSONValue {
        var o = JSONObject()
        o["name"] = .string(layer.name)
        var versions = layer.versions ?? LayerVersions()
        versions.layer = LayerFile.formatVersion
        if !(versions.navigator ?? "").hasPrefix("5.") { versions.navigator = LayerFile.navigatorVersion }
        var v = JSONObject()
        if let attack = versions.attack { v["attack"] = .string(attack) }
        v["navigator"] = .string(versions.navigator ?? LayerFile.navigatorVersion)
        v["layer"] = .string(LayerFile.formatVersion)
        for (k, x) in versions.extra { v[k] = x }
        o["versions"] = .object(v)
        o["domain"] = .string(layer.domain.rawValue)
        if let url = layer.customDataURL { o["customDataURL"] = .string(url) }
        o["description"] = .string(layer.description ?? "")
        if let filters = layer.filters {
            var f = JSONObject()
            if let platforms = filters.platforms { f["platforms"] = .array(platforms.map(JSONValue.string)) }
            for (k, x) in filters.extra { f[k] = x }
            o["filters"] = .object(f)
        }
        o["sorting"] = .number(Double(layer.sorting ?? 0))
        let l = layer.effectiveLayout
        var lo = JSONObject([
            ("layout", .string(l.layout)), ("aggregateFunction", .string(l.aggregateFunction)), ("showID", .bool(l.showID)),
            ("showName", .bool(l.showName)), ("showAggregateScores", .bool(l.showAggregateScores)),
            ("countUnscored", .bool(l.countUnscored)), ("expandedSubtechniques", .string(l.expandedSubtechniques)),
        ])
        for (k, x) in l.extra { lo[k] = x }
        o["layout"] = .object(lo)
        o["hideDisabled"] = .bool(layer.hideDisabled ?? false)
        o["techniques"] = .array(layer.techniques.map(encode))
        let g = layer.effectiveGradient
        o["gradient"] = .object(JSONObject([
            ("colors", .array(g.colors.map(JSONValue.string))), ("minValue", .number(g.minValue)), ("maxValue", .number(g.maxValue)),
        ]))
        o["legendItems"] = .array((layer.legendItems ?? []).map { .object(JSONObject([("label", .string($0.label)), ("color", .string($0.color))])) })
        o["metadata"] = .array((layer.metadata ?? []).map(encode))
        o["links"] = .array((layer.links ?? []).map(encode))
        o["showTacticRowBackground"] = .bool(layer.showTacticRowBackground ?? false)
        o["tacticRowBackground"] = .string(layer.tacticRowBackground ?? "#dddddd")
        o["selectTechniquesAcrossTactics"] = .bool(layer.selectTechniquesAcrossTactics ?? true)
        o["selectSubtechniquesWithParent"] = .bool(layer.selectSubtechniquesWithParent ?? true)
        o["selectVisibleTechniques"] = .bool(layer.selectVisibleTechniques ?? false)
        for (k, x) in layer.extra where o[k] == nil { o[k] = x }
        return .object(o)
    }

    static func encode(_ t: LayerTechnique) -> JSONValue {
        var o = JSONObject()
        o["techniqueID"] = .string(t.techniqueID)
        if let tactic = t.tactic { o["tactic"] = .string(tactic) }
        if let score = t.score, score.isFinite { o["score"] = .number(score) }
        o["color"] = .string(t.color ?? "")
        o["comment"] = .string(t.comment ?? "")
        o["enabled"] = .bool(t.enabled ?? true)
        o["metadata"] = .array((t.metadata ?? []).map(encode))
        o["links"] = .array((t.links ?? []).map(encode))
        o["showSubtechniques"] = .bool(t.showSubtechniques ?? false)
        for (k, x) in t.extra where o[k] == nil { o[k] = x }
        return .object(o)
    }

    static func encode(_ m: LayerMetadata) -> JSONValue {
        switch m {
        case .item(let name, let value): .object(JSONObject([("name", .string(name)), ("value", .string(value))]))
        case .divider: .object(JSONObject([("divider", .bool(true))]))
        }
    }

    static func encode(_ l: LayerLink) -> JSONValue {
        switch l {
        case .link(let label, let url): .object(JSONObject([("label", .string(label)), ("url", .string(url))]))
        case .divider: .object(JSONObject([("divider", .bool(true))]))
        }
    }
}
