/// One change made while moving a layer to another ATT&CK release.
public struct MigrationChange: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        /// A revoked ID replaced by the technique that revoked it.
        case remapped
        /// A deprecated technique (or revoked without replacement): flagged and left out.
        case deprecated
        /// An ID the release does not know: left out.
        case unknown
        /// A tactic the technique no longer has, replaced by its tactics in the release.
        case tacticCorrected = "tactic_corrected"
        /// Several entries landed on one technique×tactic cell and were merged.
        case merged
        /// `versions.attack` (and the format version) updated.
        case versionUpdated = "version_updated"
    }

    public let kind: Kind
    /// The layer's name.
    public let layer: String
    /// The technique ID as it was in the layer (empty for version changes).
    public let techniqueID: String
    /// The technique ID now (remapped, merged), when it differs.
    public let newTechniqueID: String?
    /// A human explanation.
    public let detail: String

    public var description: String {
        let subject = techniqueID.isEmpty ? "" : techniqueID + (newTechniqueID.map { " → \($0)" } ?? "") + ": "
        return "\(layer): \(kind.rawValue): \(subject)\(detail)"
    }
}
