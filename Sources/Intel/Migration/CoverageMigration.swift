import ATTACK
import Coverage

/// Moves a coverage file to another ATT&CK release.
///
/// Revoked technique IDs are replaced by the technique that revoked them; when two entries
/// land on one technique they are merged (the better state, Detected over Logged over Blind,
/// and every rule kept). Deprecated and unknown IDs are reported and left out. Names and
/// tactics come from the target release, techniques it adds are Blind, and the release
/// recorded in the file is updated.
///
/// ```swift
/// let old = try CoverageSnapshot.read(path: "coverage-v14.json")
/// let (migrated, changes) = CoverageMigration.migrate(old, to: kb181)
/// ```
public enum CoverageMigration {
    public static func migrate(_ snapshot: CoverageSnapshot, to kb: KnowledgeBase) -> (snapshot: CoverageSnapshot, changes: [MigrationChange]) {
        let label = snapshot.source
        var changes: [MigrationChange] = []
        var merged: [String: CoverageSnapshot.Entry] = [:]
        var order: [String] = []
        for entry in snapshot.entries {
            let candidates = kb.objects(attackID: entry.techniqueID).filter { $0.kind == .technique }
            var target = candidates.first(where: \.isActive)
            if target == nil, let revoked = candidates.first(where: \.isRevoked) {
                let current = kb.currentObject(for: revoked)
                if current.isActive, current.index != revoked.index {
                    target = current
                    changes.append(MigrationChange(
                        kind: .remapped, layer: label, techniqueID: entry.techniqueID, newTechniqueID: current.attackID,
                        detail: "revoked; now \(current.attackID) \(current.name)"))
                }
            }
            guard let technique = target else {
                let deprecated = candidates.contains(where: \.isDeprecated) || candidates.contains(where: \.isRevoked)
                changes.append(MigrationChange(
                    kind: deprecated ? .deprecated : .unknown, layer: label, techniqueID: entry.techniqueID, newTechniqueID: nil,
                    detail: deprecated ? "deprecated in \(kb.title); left out (\(entry.state.rawValue))" : "not in \(kb.title); left out (\(entry.state.rawValue))"))
                continue
            }
            var moved = entry
            moved.techniqueID = technique.attackID
            moved.name = technique.name
            moved.tactics = technique.tacticShortnames
            if var existing = merged[technique.attackID] {
                if moved.state < existing.state {
                    existing.state = moved.state
                    existing.score = moved.score
                }
                existing.rules += moved.rules.filter { !existing.rules.contains($0) }
                existing.telemetryCount = max(existing.telemetryCount, moved.telemetryCount)
                merged[technique.attackID] = existing
                changes.append(MigrationChange(
                    kind: .merged, layer: label, techniqueID: entry.techniqueID, newTechniqueID: technique.attackID,
                    detail: "merged with the entry already on \(technique.attackID) (state now \(existing.state.rawValue))"))
            } else {
                merged[technique.attackID] = moved
                order.append(technique.attackID)
            }
        }
        let entries = order.compactMap { merged[$0] }
        if snapshot.release != kb.attackVersion {
            changes.append(MigrationChange(
                kind: .versionUpdated, layer: label, techniqueID: "", newTechniqueID: nil,
                detail: "release \(snapshot.release ?? "unknown") → \(kb.attackVersion ?? "unknown")"))
        }
        let moved = CoverageSnapshot(source: snapshot.source, domain: kb.domain, release: kb.attackVersion, entries: entries)
        return (moved.completed(with: kb), changes)
    }
}
