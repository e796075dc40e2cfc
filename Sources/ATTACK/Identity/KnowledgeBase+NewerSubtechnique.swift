extension KnowledgeBase {
    /// For a sub-technique ID this release does not know (`T1564.013` from a newer release):
    /// its parent, when the parent is active here — input from newer releases may count as
    /// the parent, with a note. Nil for any other ID.
    ///
    /// ```swift
    /// kb.newerSubtechniqueParent(of: "T1564.013")?.label   // "T1564 Hide Artifacts" in 18.1
    /// ```
    public func newerSubtechniqueParent(of id: String) -> AttackObject? {
        guard let t = TechniqueID(id), let p = t.parent, case .unknown = status(ofAttackID: t.description, kind: .technique),
            case .active(let parent) = status(ofAttackID: p.description, kind: .technique)
        else { return nil }
        return parent
    }
}
