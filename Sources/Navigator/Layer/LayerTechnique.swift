import ATTACK
import STIX

/// One annotation of a technique (or sub-technique) in a layer, optionally under one tactic.
///
/// Without ``tactic`` the annotation applies to every tactic of the technique; ttpkit writes
/// an explicit tactic on every entry it generates.
///
/// ```swift
/// LayerTechnique(techniqueID: "T1566.001", tactic: "initial-access", score: 3, comment: "used by APT29")
/// ```
public struct LayerTechnique: Sendable, Hashable {
    /// `T####` or `T####.###`.
    public var techniqueID: String
    /// Tactic shortname (`lateral-movement`); `nil` means every tactic of the technique.
    public var tactic: String?
    /// `nil` is unscored, which differs from 0.
    public var score: Double?
    /// An explicit colour; overrides the score colour. Empty or `nil` means none.
    public var color: String?
    public var comment: String?
    /// `nil` means enabled.
    public var enabled: Bool?
    public var metadata: [LayerMetadata]?
    public var links: [LayerLink]?
    /// Show this parent's sub-techniques by default.
    public var showSubtechniques: Bool?
    /// Fields this model does not know, in file order.
    public var extra: JSONObject

    public init(
        techniqueID: String, tactic: String? = nil, score: Double? = nil, color: String? = nil, comment: String? = nil,
        enabled: Bool? = nil, metadata: [LayerMetadata]? = nil, links: [LayerLink]? = nil,
        showSubtechniques: Bool? = nil, extra: JSONObject = JSONObject()
    ) {
        self.techniqueID = techniqueID
        self.tactic = tactic
        self.score = score
        self.color = color
        self.comment = comment
        self.enabled = enabled
        self.metadata = metadata
        self.links = links
        self.showSubtechniques = showSubtechniques
        self.extra = extra
    }

    /// False only when the entry says `"enabled": false`.
    public var isEnabled: Bool { enabled ?? true }

    /// The explicit colour, when one is set and not empty.
    public var explicitColor: String? {
        guard let c = color?.trimmingCharacters(in: .whitespaces), !c.isEmpty else { return nil }
        return c
    }

    /// True when the entry carries anything the Navigator would show: a score, colour,
    /// comment, metadata, links or a disabled state.
    public var isAnnotated: Bool {
        score != nil || explicitColor != nil || !(comment ?? "").isEmpty || !(metadata ?? []).isEmpty
            || !(links ?? []).isEmpty || !isEnabled
    }

    /// The key a technique×tactic cell is matched by in operations: upper-cased ID and tactic.
    public var cellKey: CellKey { CellKey(techniqueID: techniqueID.uppercased(), tactic: tactic?.lowercased() ?? "") }
}

/// Identifies one technique×tactic cell of a matrix (tactic empty: every tactic).
public struct CellKey: Sendable, Hashable, Comparable {
    public var techniqueID: String
    public var tactic: String

    public static func < (a: CellKey, b: CellKey) -> Bool {
        a.techniqueID != b.techniqueID ? KnowledgeBase.attackIDLess(a.techniqueID, b.techniqueID) : a.tactic < b.tactic
    }
}
