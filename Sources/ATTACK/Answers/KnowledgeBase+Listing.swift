import Foundation

extension KnowledgeBase {
    /// Objects of a kind in ATT&CK ID order, those whose ID, name or an alias contains `text`
    /// (any case) when it is given: the lists of `ttpkit groups --match` and `/api/groups?match=`.
    public func objects(_ kind: ObjectKind, matching text: String?, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        var list = objects(kind, including: inclusion).sorted { $0.sortRank < $1.sortRank }
        if let text, !text.isEmpty {
            list = list.filter { o in
                ([o.attackID, o.name] + o.aliases).contains { $0.range(of: text, options: .caseInsensitive) != nil }
            }
        }
        return list
    }

    /// The platform as this release names it (`linux` → `Linux`); nil when it has none such.
    public func platform(named name: String) -> String? {
        platforms.first { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// Techniques and sub-techniques in ATT&CK ID order, narrowed by each filter given: in the
    /// tactic (a shortname), on the platform (as ``platform(named:)`` names it), without
    /// sub-techniques, created or modified after a date (`YYYY-MM-DD`): `ttpkit techniques`.
    public func techniques(
        inTactic tactic: String?, onPlatform platform: String?, subtechniques: Bool = true,
        createdAfter: String? = nil, modifiedAfter: String? = nil, including inclusion: Inclusion = .activeOnly
    ) -> [AttackObject] {
        var list = objects(.technique, including: inclusion).sorted { $0.sortRank < $1.sortRank }
        func keep(_ objects: [AttackObject]) {
            let kept = Set(objects.map(\.index))
            list = list.filter { kept.contains($0.index) }
        }
        if let tactic { keep(techniques(inTactic: tactic, including: inclusion)) }
        if let platform { list = list.filter { $0.platforms.contains(platform) } }
        if !subtechniques { list = list.filter { !$0.isSubtechnique } }
        if let createdAfter { keep(objects(createdAfter: createdAfter, including: inclusion)) }
        if let modifiedAfter { keep(objects(modifiedAfter: modifiedAfter, including: inclusion)) }
        return list
    }

    /// Related techniques under their tactics in matrix order (a technique in several tactics
    /// is under each), then those in no tactic of this release under nil: how profiles list
    /// a group's or a software's techniques.
    public func byTactic(_ techniques: [Related]) -> [(tactic: AttackObject?, techniques: [Related])] {
        var placed = Set<Int>()
        var groups: [(tactic: AttackObject?, techniques: [Related])] = []
        for tactic in orderedTactics() {
            let inTactic = techniques.filter { $0.object.tacticShortnames.contains(tactic.shortname) }
            guard !inTactic.isEmpty else { continue }
            inTactic.forEach { placed.insert($0.object.index) }
            groups.append((tactic, inTactic))
        }
        let rest = techniques.filter { !placed.contains($0.object.index) }
        if !rest.isEmpty { groups.append((nil, rest)) }
        return groups
    }
}
