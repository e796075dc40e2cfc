import STIX

/// A group's profile: its campaigns, software and techniques (its own and its campaigns',
/// MITRE's definition; optionally its software's), with the JSON shape of `ttpkit group
/// --format json` and of the server's `/api/groups/{id}`.
///
/// ```swift
/// let profile = GroupProfile(group: apt29, in: kb)
/// print(profile.techniques.count)   // 119 on Enterprise 18.1
/// ```
public struct GroupProfile: Sendable {
    public let group: AttackObject
    public let campaigns: [Related]
    public let software: [Related]
    public let techniques: [Related]

    /// - Parameters:
    ///   - viaCampaigns: include what attributed campaigns used (MITRE's definition; default).
    ///   - viaSoftware: also include the techniques of the group's software.
    public init(group: AttackObject, in kb: KnowledgeBase, viaCampaigns: Bool = true, viaSoftware: Bool = false,
                including inclusion: Inclusion = .activeOnly) {
        self.group = group
        campaigns = kb.campaignsAttributed(toGroup: group, including: inclusion)
        software = kb.softwareUsed(byGroup: group, viaCampaigns: viaCampaigns, including: inclusion)
        techniques = kb.techniquesUsed(byGroup: group, viaCampaigns: viaCampaigns, viaSoftware: viaSoftware, including: inclusion)
    }

    /// The answer as JSON; `note` says how the name was resolved (revoked, alias...).
    public func json(kb: KnowledgeBase, note: String? = nil) -> JSONValue {
        var j = ObjectJSON.header(group, kb: kb)
        j["aliases"] = ObjectJSON.strings(group.aliases)
        j["description"] = .string(Citation.stripped(group.description))
        j["campaigns"] = .array(campaigns.map { c in
            var o = JSONObject([("id", .string(c.object.attackID)), ("name", .string(c.object.name))])
            if let f = c.object.firstSeen { o["first_seen"] = .string(f) }
            if let l = c.object.lastSeen { o["last_seen"] = .string(l) }
            return .object(o)
        })
        j["software"] = .array(software.map { s in
            var o = ObjectJSON.related(s).objectValue ?? JSONObject()
            o["type"] = .string(s.object.stix.type)
            return .object(o)
        })
        j["techniques"] = .array(techniques.map(ObjectJSON.techniqueUse))
        if let note { j["note"] = .string(note) }
        return .object(j)
    }
}
