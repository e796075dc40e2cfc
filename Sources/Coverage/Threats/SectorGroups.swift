import ATTACK
import Foundation

/// Chooses threat groups by the sector they target, from the MISP threat-actor galaxy
/// (`clusters/threat-actor.json`), falling back to ATT&CK group descriptions, and says why
/// each group was chosen.
///
/// A galaxy entry matches when its `targeted-sector` or `cfr-target-category` names the sector;
/// it is tied to an ATT&CK group when its name or a synonym equals the group's name or an
/// alias (any case). Groups the galaxy does not tie are chosen when their ATT&CK description
/// mentions the sector. Sector words match on their first six letters, so `Financial` finds
/// `Finance` and `Financial Services`.
///
/// ```swift
/// let selection = SectorGroups.select("Financial", galaxy: "misp-galaxy/clusters/threat-actor.json", knowledgeBase: kb)
/// selection.groups.first?.reason.description   // "MISP threat-actor 'FIN7' targets Financial"
/// ```
public enum SectorGroups {
    /// The groups chosen for a sector.
    public struct Selection: Sendable {
        /// Chosen groups, MISP matches first, each group once, by ATT&CK ID within each source.
        public var groups: [GroupSelection.Choice]
        /// Problems reading the galaxy (the description fallback still runs).
        public var issues: [RuleIssue]
    }

    /// Chooses the groups targeting `sector`.
    public static func select(_ sector: String, galaxy path: String?, knowledgeBase kb: KnowledgeBase) -> Selection {
        let stem = Self.stem(sector)
        var issues: [RuleIssue] = []
        var chosen: [GroupSelection.Choice] = []
        var seen = Set<Int>()
        let groups = kb.objects(.group)
        var byName: [String: AttackObject] = [:]
        for group in groups {
            for name in [group.name] + group.aliases { byName[name.lowercased()] = byName[name.lowercased()] ?? group }
        }
        if let path {
            switch readGalaxy(path) {
            case .failure(let issue): issues.append(issue)
            case .success(let actors):
                var matches: [GroupSelection.Choice] = []
                for actor in actors {
                    guard let field = actor.sectors.first(where: { $0.lowercased().contains(stem) }) else { continue }
                    guard let group = ([actor.name] + actor.synonyms).lazy.compactMap({ byName[$0.lowercased()] }).first,
                          seen.insert(group.index).inserted else { continue }
                    matches.append(GroupSelection.Choice(group: group, reason: .galaxy(actor: actor.name, sector: field)))
                }
                chosen += matches.sorted { $0.group.sortRank < $1.group.sortRank }
            }
        }
        var described: [GroupSelection.Choice] = []
        for group in groups where !seen.contains(group.index) && group.description.lowercased().contains(stem) {
            seen.insert(group.index)
            described.append(GroupSelection.Choice(group: group, reason: .description(sector: sector)))
        }
        chosen += described.sorted { $0.group.sortRank < $1.group.sortRank }
        return Selection(groups: chosen, issues: issues)
    }

    /// The lower-cased first six letters of a sector word.
    static func stem(_ sector: String) -> String {
        String(sector.trimmingBlanks().lowercased().prefix(6))
    }

    struct Actor {
        var name: String
        var synonyms: [String]
        var sectors: [String]
    }

    static func readGalaxy(_ path: String) -> Result<[Actor], RuleIssue> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(RuleIssue(path: path, reason: "cannot read MISP galaxy file"))
        }
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            return .failure(RuleIssue(path: path, reason: "invalid JSON: \(error.localizedDescription)"))
        }
        guard let values = (root as? [String: Any])?["values"] as? [[String: Any]] else {
            return .failure(RuleIssue(path: path, reason: "not a MISP galaxy cluster (no 'values' list)"))
        }
        return .success(values.compactMap { value in
            guard let name = value["value"] as? String else { return nil }
            let meta = value["meta"] as? [String: Any] ?? [:]
            func strings(_ key: String) -> [String] {
                if let list = meta[key] as? [String] { return list }
                if let single = meta[key] as? String { return [single] }
                return []
            }
            return Actor(name: name, synonyms: strings("synonyms"),
                         sectors: strings("targeted-sector") + strings("cfr-target-category"))
        })
    }
}
