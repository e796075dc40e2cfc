extension KnowledgeBase {
    /// What a technique ID stands for in this release: active, remapped from a revoked ID
    /// (following the whole `revoked-by` chain, safe against cycles), revoked without an
    /// active replacement, deprecated, or unknown (perhaps newer than this release).
    ///
    /// ```swift
    /// kb.status(of: TechniqueID("T1086")!).current?.attackID   // "T1059.001"
    /// ```
    public func status(of id: TechniqueID) -> IdentityStatus {
        status(ofAttackID: id.description, kind: .technique)
    }

    /// ``status(of:)`` for any ATT&CK ID (`G0016`, `S0154`, `T1086`), optionally limited to
    /// objects of `kind`. When several objects share the ID, an active one wins, then a revoked
    /// one with a replacement, then a revoked one, then a deprecated one.
    public func status(ofAttackID id: String, kind: ObjectKind? = nil) -> IdentityStatus {
        let found = (byAttackID[id.uppercased()] ?? []).map { objects[$0] }.filter { kind == nil || $0.kind == kind }
        if let active = found.first(where: \.isActive) { return .active(active) }
        var fallback: IdentityStatus?
        for object in found where object.isRevoked {
            let answer = status(of: object)
            if case .remapped = answer { return answer }
            if fallback == nil { fallback = answer }
        }
        if let fallback { return fallback }
        if let deprecated = found.first { return .deprecated(deprecated) }
        return .unknown
    }

    /// The status of an object of this knowledge base: a revoked object is followed along
    /// its `revoked-by` chain (cycle-safe) to an active object of the same kind.
    public func status(of object: AttackObject) -> IdentityStatus {
        if object.isActive { return .active(object) }
        guard object.isRevoked else { return .deprecated(object) }
        let current = chainEnd(of: object)
        if current.index != object.index, current.isActive, current.kind == object.kind {
            return .remapped(from: object, to: current)
        }
        return .revoked(object, lastReplacement: current.index == object.index || current.isRevoked ? nil : current)
    }
}
