import STIX

/// Every query's answer over a whole release as sorted ATT&CK IDs, in the schema of
/// `tools/crosscheck/attack_answers.py` (mitreattack-python), so the two can be compared key
/// by key (`ttpkit debug answers`).
///
/// ```swift
/// let answers = CrossCheckAnswers.make(kb)
/// answers["groups_using_technique"]?["T1059.001"]   // ["G0007", "G0016", …]
/// ```
public enum CrossCheckAnswers {
    /// The answers of `kb`.
    public static func make(_ kb: KnowledgeBase) -> JSONValue {
        var j = JSONObject()
        func ids(_ objects: [AttackObject]) -> JSONValue {
            .array(Array(Set(objects.map(mitreID).filter { !$0.isEmpty })).sorted().map(JSONValue.string))
        }
        func map(_ subjects: [AttackObject], _ f: (AttackObject) -> [AttackObject]) -> JSONValue {
            var o = JSONObject()
            for s in subjects.sorted(by: { $0.attackID < $1.attackID }) where !mitreID(s).isEmpty {
                let related = f(s)
                if !related.isEmpty, let list = ids(related).arrayValue, !list.isEmpty { o[s.attackID] = .array(list) }
            }
            return .object(o)
        }
        let techniques = kb.objects(.technique)
        let groups = kb.objects(.group)
        let software = kb.objects(.software)
        let campaigns = kb.objects(.campaign)
        let mitigations = kb.objects(.mitigation)
        let components = kb.objects(.dataComponent)
        let strategies = kb.objects(.detectionStrategy)
        let assets = kb.objects(.asset)

        j["techniques"] = ids(techniques)
        j["subtechniques"] = ids(techniques.filter(\.isSubtechnique))
        j["tactics"] = ids(kb.objects(.tactic))
        j["groups"] = ids(groups)
        j["software"] = ids(software)
        j["campaigns"] = ids(campaigns)
        j["mitigations"] = ids(mitigations)
        j["datasources"] = ids(kb.objects(.dataSource))
        j["datacomponents"] = ids(components)
        j["assets"] = ids(assets)
        j["detectionstrategies"] = ids(strategies)
        j["analytics"] = ids(kb.objects(.analytic))
        j["matrices"] = ids(kb.objects(.matrix))

        j["techniques_used_by_group"] = map(groups) { kb.techniquesUsed(byGroup: $0).map(\.object) }
        j["techniques_used_by_group_software"] = map(groups) { kb.techniquesUsedByGroupSoftware($0).map(\.object) }
        j["software_used_by_group"] = map(groups) { kb.softwareUsed(byGroup: $0).map(\.object) }
        j["campaigns_attributed_to_group"] = map(groups) { kb.campaignsAttributed(toGroup: $0).map(\.object) }
        j["groups_attributing_to_campaign"] = map(campaigns) { kb.groupsAttributed(fromCampaign: $0).map(\.object) }
        j["techniques_used_by_software"] = map(software) { kb.techniquesUsed(by: $0).map(\.object) }
        j["techniques_used_by_campaign"] = map(campaigns) { kb.techniquesUsed(by: $0).map(\.object) }
        j["software_used_by_campaign"] = map(campaigns) { kb.softwareUsed(byCampaign: $0).map(\.object) }
        j["campaigns_using_software"] = map(software) { kb.campaignsUsing($0).map(\.object) }
        j["groups_using_software"] = map(software) { kb.groupsUsing($0).map(\.object) }
        j["groups_using_technique"] = map(techniques) { kb.groupsUsing($0).map(\.object) }
        j["software_using_technique"] = map(techniques) { kb.softwareUsing($0).map(\.object) }
        j["campaigns_using_technique"] = map(techniques) { kb.campaignsUsing($0).map(\.object) }
        j["mitigations_mitigating_technique"] = map(techniques) { kb.mitigations(of: $0).map(\.object) }
        j["techniques_mitigated_by_mitigation"] = map(mitigations) { kb.techniquesMitigated(by: $0).map(\.object) }
        j["subtechniques_of_technique"] = map(techniques) { kb.subtechniques(of: $0) }
        j["parent_of_subtechnique"] = map(techniques) { kb.parent(of: $0).map { [$0] } ?? [] }
        j["tactics_of_technique"] = map(techniques) { kb.tactics(of: $0) }
        var byTactic = JSONObject()
        for t in kb.objects(.tactic).sorted(by: { $0.shortname < $1.shortname }) {
            let list = kb.techniques(inTactic: t.shortname)
            if !list.isEmpty { byTactic[t.shortname] = ids(list) }
        }
        j["techniques_by_tactic"] = .object(byTactic)
        var byPlatform = JSONObject()
        for p in kb.platforms { byPlatform[p] = ids(kb.techniques(onPlatform: p)) }
        j["techniques_by_platform"] = .object(byPlatform)
        var byMatrix = JSONObject()
        for (m, tactics) in kb.tacticsByMatrix() where !mitreID(m).isEmpty {
            byMatrix[m.attackID] = .array(tactics.map { .string(mitreID($0)) })
        }
        j["tactics_by_matrix"] = .object(byMatrix)
        j["datacomponents_detecting_technique"] = map(techniques) { kb.dataComponentsDetecting($0) }
        j["techniques_detected_by_datacomponent"] = map(components) { kb.techniquesDetected(byDataComponent: $0) }
        j["detectionstrategies_detecting_technique"] = map(techniques) { kb.detectionStrategies(detecting: $0) }
        j["analytics_by_detectionstrategy"] = map(strategies) { kb.analytics(of: $0) }
        j["assets_targeted_by_technique"] = map(techniques) { kb.assetsTargeted(by: $0).map(\.object) }
        j["techniques_targeting_asset"] = map(assets) { kb.techniquesTargeting($0).map(\.object) }
        // MITRE's alias lookups search every object, revoked and deprecated included.
        j["groups_by_alias"] = aliasMap(kb.objects(.group, including: .all))
        j["software_by_alias"] = aliasMap(kb.objects(.software, including: .all))
        j["objects_created_after_2024-01-01"] = ids(kb.objects(createdAfter: "2024-01-01"))
        j["objects_modified_after_2025-01-01"] = ids(kb.objects(modifiedAfter: "2025-01-01"))
        var revoked = JSONObject()
        for o in kb.objects.filter(\.isRevoked).sorted(by: { $0.attackID < $1.attackID }) where !mitreID(o).isEmpty {
            if let r = kb.revokingObject(of: o), !mitreID(r).isEmpty { revoked[o.attackID] = .array([.string(r.attackID)]) }
        }
        j["revoked_by"] = .object(revoked)
        return .object(j)
    }

    /// The ATT&CK ID as MITRE's library reads it: only from a first external reference whose
    /// source is exactly `mitre-attack`. ttpkit also reads `mitre-mobile-attack` and
    /// `mitre-ics-attack` references (revoked Mobile techniques, deprecated ICS objects), so
    /// users can resolve those IDs; the cross-check leaves them out to compare like with like.
    private static func mitreID(_ o: AttackObject) -> String {
        o.stix.firstExternalReference(where: { _ in true })?.sourceName == "mitre-attack" ? o.attackID : ""
    }

    private static func aliasMap(_ objects: [AttackObject]) -> JSONValue {
        var byAlias: [String: Set<String>] = [:]
        for o in objects where !mitreID(o).isEmpty {
            for a in o.aliases { byAlias[a.lowercased(), default: []].insert(o.attackID) }
        }
        var j = JSONObject()
        for key in byAlias.keys.sorted() { j[key] = .array(byAlias[key, default: []].sorted().map(JSONValue.string)) }
        return .object(j)
    }
}
