import STIX

/// The JSON shapes shared by every answer (the CLI's `--format json` and the server's API):
/// objects carry their ATT&CK ID under `id` and their name under `name`.
public enum ObjectJSON {
    /// `{"id": "T1059", "name": "Command and Scripting Interpreter"}` plus revoked/deprecated marks.
    public static func ref(_ o: AttackObject) -> JSONValue {
        var j = JSONObject([("id", .string(o.attackID)), ("name", .string(o.name))])
        mark(&j, o)
        return .object(j)
    }

    public static func mark(_ j: inout JSONObject, _ o: AttackObject) {
        if o.isRevoked { j["revoked"] = true }
        if o.isDeprecated { j["deprecated"] = true }
    }

    /// Common fields of an object's profile.
    public static func header(_ o: AttackObject, kb: KnowledgeBase) -> JSONObject {
        var j = JSONObject()
        j["id"] = .string(o.attackID)
        j["name"] = .string(o.name)
        j["type"] = .string(o.kind.rawValue)
        j["stix_id"] = .string(o.id)
        j["domain"] = .string(kb.domain.rawValue)
        if let v = kb.attackVersion { j["attack_version"] = .string(v) }
        if let url = o.url { j["url"] = .string(url) }
        mark(&j, o)
        return j
    }

    public static func strings(_ items: [String]) -> JSONValue { .array(items.map(JSONValue.string)) }

    public static func citations(_ cs: [Citation]) -> JSONValue {
        .array(cs.map { c in
            var j = JSONObject([("source_name", .string(c.sourceName))])
            if let u = c.url { j["url"] = .string(u) }
            if let d = c.description { j["description"] = .string(d) }
            return .object(j)
        })
    }

    /// A procedure example: how it was reached, the text without citation markers, the citations.
    public static func procedure(_ p: Related.Path) -> JSONValue {
        .object(JSONObject([
            ("via", .string(p.via.description)),
            ("description", .string(Citation.stripped(p.relationship.description))),
            ("citations", citations(p.relationship.citations)),
        ]))
    }

    /// A related object with how it was reached.
    public static func related(_ r: Related, procedures: Bool = false) -> JSONValue {
        var j = JSONObject([("id", .string(r.object.attackID)), ("name", .string(r.object.name))])
        j["via"] = strings(r.vias.map(\.description))
        mark(&j, r.object)
        if procedures { j["procedures"] = .array(r.paths.filter { !$0.relationship.description.isEmpty }.map(procedure)) }
        return .object(j)
    }

    /// A technique with its tactics, reached how, and its procedure examples.
    public static func techniqueUse(_ r: Related) -> JSONValue {
        var j = JSONObject([("id", .string(r.object.attackID)), ("name", .string(r.object.name))])
        j["tactics"] = strings(r.object.tacticShortnames)
        j["via"] = strings(r.vias.map(\.description))
        mark(&j, r.object)
        j["procedures"] = .array(r.paths.filter { !$0.relationship.description.isEmpty }.map(procedure))
        return .object(j)
    }
}

extension ObjectJSON {
    /// One row of an object list (`ttpkit groups|software|campaigns|mitigations --format json`).
    public static func listEntry(_ o: AttackObject) -> JSONValue {
        let kind = o.kind
        var j = JSONObject([("id", .string(o.attackID)), ("name", .string(o.name))])
        if kind == .group || kind == .software || kind == .campaign { j["aliases"] = strings(o.aliases.filter { $0 != o.name }) }
        if kind == .software { j["type"] = .string(o.stix.type) }
        if kind == .campaign {
            j["first_seen"] = o.firstSeen.map(JSONValue.string) ?? .null
            j["last_seen"] = o.lastSeen.map(JSONValue.string) ?? .null
        }
        mark(&j, o)
        return .object(j)
    }

    /// One row of `ttpkit techniques --format json`.
    public static func techniqueEntry(_ t: AttackObject) -> JSONValue {
        var o = JSONObject([("id", .string(t.attackID)), ("name", .string(t.name))])
        o["tactics"] = strings(t.tacticShortnames)
        o["platforms"] = strings(t.platforms)
        o["parent"] = t.parentAttackID.map(JSONValue.string) ?? .null
        mark(&o, t)
        return .object(o)
    }

    /// One hit of `ttpkit search --format json`.
    public static func searchHit(_ h: SearchHit) -> JSONValue {
        .object(JSONObject([
            ("id", .string(h.object.attackID)), ("name", .string(h.object.name)),
            ("type", .string(h.object.kind.rawValue)), ("matched", .string(h.field)),
        ]))
    }
}
