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

    /// A technique a user listed (an ID or a name, in a list file or on the command line): as
    /// written (a revoked ID followed to its replacement, with the note), else for a plural
    /// name its singular ("scheduled tasks" → Scheduled Task), else for a sub-technique ID
    /// from a newer release its parent, with a note. Throws the lookup error of the query as
    /// written.
    ///
    /// ```swift
    /// try kb.listedTechnique("T1564.013").note   // "T1564.013 is not in ATT&CK 18.1 (newer release?); counted as its parent T1564 Hide Artifacts"
    /// ```
    public func listedTechnique(_ query: String) throws(LookupError) -> Resolution {
        let q = query.trimmingCharacters(in: .whitespaces)
        let failure: LookupError
        do { return try resolve(q, kind: .technique) } catch { failure = error }
        let lower = q.lowercased()
        if lower.hasSuffix("s"), TechniqueID(q) == nil {
            for singular in [String(q.dropLast()), lower.hasSuffix("es") ? String(q.dropLast(2)) : nil].compactMap({ $0 }) {
                if let r = try? resolve(singular, kind: .technique) { return r }
            }
        }
        if let parent = newerSubtechniqueParent(of: q) {
            return Resolution(
                object: parent, note: "\(q.uppercased()) is not in \(title) (newer release?); counted as its parent \(parent.label)")
        }
        throw failure
    }
}
