import STIX

/// A technique's profile: tactics, parent and sub-techniques, mitigations, detection, and the
/// groups, software and campaigns that use it, with the JSON shape of `ttpkit technique
/// --format json` and of the server's `/api/techniques/{id}`.
public struct TechniqueProfile: Sendable {
    public let technique: AttackObject
    public let tactics: [AttackObject]
    public let parent: AttackObject?
    public let subtechniques: [AttackObject]
    public let mitigations: [Related]
    public let detection: TechniqueDetection
    public let groups: [Related]
    public let software: [Related]
    public let campaigns: [Related]
    public let assets: [Related]

    public init(technique t: AttackObject, in kb: KnowledgeBase, including inc: Inclusion = .activeOnly) {
        technique = t
        tactics = kb.tactics(of: t)
        parent = kb.parent(of: t, including: .all)
        subtechniques = kb.subtechniques(of: t, including: inc)
        mitigations = kb.mitigations(of: t, including: inc)
        detection = kb.detection(of: t, including: inc)
        groups = kb.groupsUsing(t, including: inc)
        software = kb.softwareUsing(t, including: inc)
        campaigns = kb.campaignsUsing(t, including: inc)
        assets = kb.assetsTargeted(by: t, including: inc)
    }

    /// The answer as JSON; `note` says how the name was resolved.
    public func json(kb: KnowledgeBase, note: String? = nil) -> JSONValue {
        let t = technique
        var j = ObjectJSON.header(t, kb: kb)
        j["tactics"] = ObjectJSON.strings(t.tacticShortnames)
        j["platforms"] = ObjectJSON.strings(t.platforms)
        j["is_subtechnique"] = .bool(t.isSubtechnique)
        j["parent"] = parent.map(ObjectJSON.ref) ?? .null
        j["subtechniques"] = .array(subtechniques.map(ObjectJSON.ref))
        j["description"] = .string(Citation.stripped(t.description))
        j["mitigations"] = .array(mitigations.map { m in
            .object(JSONObject([
                ("id", .string(m.object.attackID)), ("name", .string(m.object.name)),
                ("description", .string(Citation.stripped(m.paths.first?.relationship.description ?? ""))),
            ]))
        })
        j["detection"] = DetectionJSON.make(detection, kb: kb)
        j["groups"] = .array(groups.map { ObjectJSON.related($0, procedures: true) })
        j["software"] = .array(software.map { ObjectJSON.related($0, procedures: true) })
        j["campaigns"] = .array(campaigns.map { ObjectJSON.related($0, procedures: true) })
        if !assets.isEmpty { j["assets"] = .array(assets.map { ObjectJSON.ref($0.object) }) }
        if let note { j["note"] = .string(note) }
        return .object(j)
    }
}
