import ATTACK
import STIX

extension ReleaseDiff {
    /// `{domain, old, new, counts: {type: {category: n, unchanged: n}}, changes: {type: {category: [...]}}}`;
    /// each change is `{id, name, stix_id, version_change?, replaced_by?, changes: [{field, text}]}`.
    public func json() -> JSONValue {
        var counts = JSONObject()
        var body = JSONObject()
        for type in DiffObjectType.allCases {
            var c = JSONObject()
            var b = JSONObject()
            for category in ChangeCategory.allCases {
                let list = changes(type, category)
                c[category.rawValue] = .number(Double(list.count))
                b[category.rawValue] = .array(list.map(Self.json))
            }
            c["unchanged"] = .number(Double(unchanged[type] ?? 0))
            counts[type.rawValue] = .object(c)
            body[type.rawValue] = .object(b)
        }
        return .object(JSONObject([
            ("domain", .string(new.domain.rawValue)),
            ("old", .string(old.attackVersion ?? "")),
            ("new", .string(new.attackVersion ?? "")),
            ("counts", .object(counts)),
            ("changes", .object(body)),
        ]))
    }

    static func json(_ c: ObjectChange) -> JSONValue {
        var j = JSONObject([("id", .string(c.object.attackID)), ("name", .string(c.object.name)), ("stix_id", .string(c.object.id))])
        if let v = c.versionChange { j["version_change"] = .string(v) }
        if let r = c.replacement { j["replaced_by"] = .object(JSONObject([("id", .string(r.attackID)), ("name", .string(r.name))])) }
        if !c.details.isEmpty {
            j["changes"] = .array(c.details.map { .object(JSONObject([("field", .string($0.key)), ("text", .string($0.description))])) })
        }
        return .object(j)
    }
}
