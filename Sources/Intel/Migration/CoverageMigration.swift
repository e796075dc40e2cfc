import ATTACK
import Coverage

/// Moves a coverage result (a coverage file, a coverage layer, a DeTT&CT import) to another
/// ATT&CK release — ``CoverageResult/aligned(to:)`` with its changes said as migration changes.
///
/// Revoked technique IDs are replaced by the technique that revoked them; when two entries
/// land on one technique they are merged (the better state, Detected over Logged over Blind,
/// and every rule kept). Deprecated and unknown IDs are reported and left out. Names and
/// tactics come from the target release, techniques it adds are Blind, and the release
/// recorded in the file is updated. Everything else the result holds — rules, telemetry,
/// Atomic Red Team tests, DeTT&CT scores, rule quality, findings, issues — is kept.
///
/// ```swift
/// let old = try CoverageDocument.read(path: "coverage-v14.json", knowledgeBase: nil)
/// let (migrated, changes) = try CoverageMigration.migrate(old, to: kb181)
/// ```
public enum CoverageMigration {
    /// The result on `kb`, and what changed.
    public static func migrate(_ result: CoverageResult, to kb: KnowledgeBase) throws(CoverageInputError) -> (result: CoverageResult, changes: [MigrationChange]) {
        let migrated = try result.aligned(to: kb)
        let label = result.source
        var changes = migrated.alignment.map { change -> MigrationChange in
            let state = change.state.rawValue
            switch change.kind {
            case .remapped:
                return MigrationChange(kind: .remapped, layer: label, techniqueID: change.techniqueID, newTechniqueID: change.replacement,
                                       detail: "revoked; now \(change.replacement ?? "") \(change.replacementName ?? "")")
            case .merged:
                return MigrationChange(kind: .merged, layer: label, techniqueID: change.techniqueID, newTechniqueID: change.replacement,
                                       detail: "merged with the entry already on \(change.replacement ?? "") (state now \(migrated.state(change.replacement ?? "").rawValue))")
            case .deprecated:
                return MigrationChange(kind: .deprecated, layer: label, techniqueID: change.techniqueID, newTechniqueID: nil,
                                       detail: "deprecated in \(kb.title); left out (\(state))")
            case .unknown:
                return MigrationChange(kind: .unknown, layer: label, techniqueID: change.techniqueID, newTechniqueID: nil,
                                       detail: "not in \(kb.title); left out (\(state))")
            }
        }
        if result.release != kb.attackVersion {
            changes.append(MigrationChange(
                kind: .versionUpdated, layer: label, techniqueID: "", newTechniqueID: nil,
                detail: "release \(result.release ?? "unknown") → \(kb.attackVersion ?? "unknown")"))
        }
        return (migrated, changes)
    }
}
