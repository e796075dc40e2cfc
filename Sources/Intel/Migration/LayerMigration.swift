import ATTACK
import Navigator

/// Moves Navigator layers to the ATT&CK release of a knowledge base.
///
/// Revoked IDs are replaced by the technique that revoked them (following the chain);
/// deprecated techniques, and revoked ones without a replacement, are left out and flagged;
/// unknown IDs are left out; a tactic the technique no longer has is replaced by the
/// technique's tactics in the release (one entry each); entries that land on the same
/// technique×tactic cell are merged (highest score, comments joined, metadata and links
/// combined); `versions` names the release. Every change is recorded.
///
/// ```swift
/// let result = LayerMigration.migrate(doc.layers, to: kb181)
/// for change in result.changes { print(change) }   // "APT: remapped: T1086 → T1059.001: ..."
/// ```
public enum LayerMigration {
    /// The migrated layers and every change made.
    public struct Result: Sendable {
        public let layers: [Layer]
        public let changes: [MigrationChange]
    }

    public static func migrate(_ layers: [Layer], to kb: KnowledgeBase) -> Result {
        var changes: [MigrationChange] = []
        let migrated = layers.map { migrate($0, kb: kb, changes: &changes) }
        return Result(layers: migrated, changes: changes)
    }

    static func migrate(_ input: Layer, kb: KnowledgeBase, changes: inout [MigrationChange]) -> Layer {
        var layer = input
        let name = input.name
        func record(_ kind: MigrationChange.Kind, _ id: String, _ new: String?, _ detail: String) {
            changes.append(MigrationChange(kind: kind, layer: name, techniqueID: id, newTechniqueID: new, detail: detail))
        }
        var cells: [CellKey: LayerTechnique] = [:]
        var sources: [CellKey: [String]] = [:]
        var order: [CellKey] = []
        for entry in input.techniques {
            let id = entry.techniqueID.uppercased()
            guard let technique = target(of: id, kb: kb, record: record) else { continue }
            var moved = entry
            moved.techniqueID = technique.attackID
            let tactics = technique.tacticShortnames
            var placed: [LayerTechnique] = []
            if let tactic = entry.tactic, !tactics.contains(tactic.lowercased()), !tactics.isEmpty {
                record(.tacticCorrected, id, technique.attackID == id ? nil : technique.attackID,
                       "\(technique.attackID) is not under \(tactic) in \(kb.title); placed under \(tactics.joined(separator: ", "))")
                placed = tactics.map { var e = moved; e.tactic = $0; return e }
            } else {
                placed = [moved]
            }
            for e in placed {
                let key = e.cellKey
                if let existing = cells[key] {
                    cells[key] = merge(existing, e)
                    sources[key, default: []].append(id)
                } else {
                    cells[key] = e
                    sources[key] = [id]
                    order.append(key)
                }
            }
        }
        for key in order {
            let from = sources[key] ?? []
            if from.count > 1 {
                record(.merged, from.joined(separator: ", "), key.techniqueID,
                       "\(from.count) entries\(key.tactic.isEmpty ? "" : " under \(key.tactic)") merged (highest score, comments joined)")
            }
        }
        layer.techniques = order.compactMap { cells[$0] }
        let before = input.versions?.attack
        var versions = input.versions ?? LayerVersions()
        versions.attack = kb.attackVersion
        versions.layer = LayerFile.formatVersion
        if versions.navigator == nil { versions.navigator = LayerFile.navigatorVersion }
        layer.versions = versions
        if before != kb.attackVersion {
            record(.versionUpdated, "", nil, "versions.attack \(before ?? "(none)") → \(kb.attackVersion ?? "(unknown)")")
        }
        return layer
    }

    /// The active technique an ID stands for in the release, recording why when it changed or is left out.
    static func target(of id: String, kb: KnowledgeBase, record: (MigrationChange.Kind, String, String?, String) -> Void) -> AttackObject? {
        switch kb.status(ofAttackID: id, kind: .technique) {
        case .active(let technique):
            return technique
        case .remapped(_, let current):
            record(.remapped, id, current.attackID, "revoked by \(current.label)")
            return current
        case .revoked:
            record(.deprecated, id, nil, "revoked with no active replacement in \(kb.title); left out")
        case .deprecated(let deprecated):
            record(.deprecated, id, nil, "\(deprecated.label) is deprecated in \(kb.title); left out")
        case .unknown:
            record(.unknown, id, nil, "not in \(kb.title); left out")
        }
        return nil
    }

    /// Two annotations of one cell as one: highest score, comments joined, the rest combined.
    static func merge(_ a: LayerTechnique, _ b: LayerTechnique) -> LayerTechnique {
        var m = a
        switch (a.score, b.score) {
        case let (x?, y?): m.score = max(x, y)
        case let (x, y): m.score = x ?? y
        }
        let comments = [a.comment, b.comment].compactMap { $0 }.filter { !$0.isEmpty }
        var seen = Set<String>()
        let unique = comments.filter { seen.insert($0).inserted }
        m.comment = unique.isEmpty ? a.comment : unique.joined(separator: "; ")
        if m.explicitColor == nil { m.color = b.color }
        if !a.isEnabled || !b.isEnabled { m.enabled = a.isEnabled || b.isEnabled ? true : false }
        if let bm = b.metadata { m.metadata = (a.metadata ?? []) + bm.filter { !(a.metadata ?? []).contains($0) } }
        if let bl = b.links { m.links = (a.links ?? []) + bl.filter { !(a.links ?? []).contains($0) } }
        if b.showSubtechniques == true { m.showSubtechniques = true }
        return m
    }
}
