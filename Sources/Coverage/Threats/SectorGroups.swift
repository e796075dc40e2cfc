import ATTACK

/// Chooses threat groups by the sector they target, from the MISP threat-actor galaxy
/// (``ThreatActorGalaxy``), falling back to ATT&CK group descriptions, and says why each group
/// was chosen.
///
/// A galaxy entry matches when its `targeted-sector` or `cfr-target-category` names the sector;
/// it is tied to an ATT&CK group when its name or a synonym equals the group's name or an
/// alias (any case). Groups the galaxy does not tie are chosen when their ATT&CK description
/// mentions the sector. Sector words match on their first six letters, so `Financial` finds
/// `Finance` and `Financial Services`.
///
/// ```swift
/// let galaxy = try ThreatActorGalaxy.read(path: "misp-galaxy/clusters/threat-actor.json")
/// let groups = SectorGroups.select("Financial", galaxy: galaxy, knowledgeBase: kb)
/// groups.first?.reason.description   // "MISP threat-actor 'FIN7' targets Financial"
/// ```
public enum SectorGroups {
    /// The groups targeting `sector`: MISP matches first, each group once, by ATT&CK ID within
    /// each source.
    public static func select(_ sector: String, galaxy: ThreatActorGalaxy?, knowledgeBase kb: KnowledgeBase) -> [GroupSelection.Choice] {
        let stem = Self.stem(sector)
        var chosen: [GroupSelection.Choice] = []
        var seen = Set<Int>()
        let groups = kb.objects(.group)
        var byName: [String: AttackObject] = [:]
        for group in groups {
            for name in [group.name] + group.aliases { byName[name.lowercased()] = byName[name.lowercased()] ?? group }
        }
        var matches: [GroupSelection.Choice] = []
        for actor in galaxy?.actors ?? [] {
            guard let field = actor.sectors.first(where: { $0.lowercased().contains(stem) }) else { continue }
            guard let group = ([actor.name] + actor.synonyms).lazy.compactMap({ byName[$0.lowercased()] }).first,
                  seen.insert(group.index).inserted else { continue }
            matches.append(GroupSelection.Choice(group: group, reason: .galaxy(actor: actor.name, sector: field)))
        }
        chosen += matches.sorted { $0.group.sortRank < $1.group.sortRank }
        var described: [GroupSelection.Choice] = []
        for group in groups where !seen.contains(group.index) && group.description.lowercased().contains(stem) {
            seen.insert(group.index)
            described.append(GroupSelection.Choice(group: group, reason: .description(sector: sector)))
        }
        chosen += described.sorted { $0.group.sortRank < $1.group.sortRank }
        return chosen
    }

    /// The lower-cased first six letters of a sector word.
    static func stem(_ sector: String) -> String {
        String(sector.trimmingBlanks().lowercased().prefix(6))
    }
}
