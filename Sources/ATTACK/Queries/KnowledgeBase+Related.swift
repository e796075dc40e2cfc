extension KnowledgeBase {
    /// The objects related to `subject` by relationships of `type`, as MITRE's library
    /// computes them: the relationship itself must be neither revoked nor deprecated, and
    /// the object at the other end must be of `kind` and admitted by `inclusion`.
    ///
    /// - Parameter reverse: false follows relationships leaving `subject` (subject is the
    ///   source), true those arriving at it.
    public func related(
        _ subject: AttackObject, by type: String, kind: ObjectKind, reverse: Bool = false,
        including inclusion: Inclusion = .activeOnly
    ) -> [(object: AttackObject, relationship: Relationship)] {
        let edges = reverse ? incoming[subject.index] : outgoing[subject.index]
        var result: [(AttackObject, Relationship)] = []
        for i in edges {
            let r = relationships[i]
            guard r.type == type, r.isActive || inclusion == .all else { continue }
            let other = objects[reverse ? r.source : r.target]
            guard other.kind == kind, inclusion.admits(other) else { continue }
            result.append((other, r))
        }
        return result
    }

    /// ``related(_:by:kind:reverse:including:)`` as ``Related`` objects reached directly,
    /// sorted by ATT&CK ID.
    func directlyRelated(
        _ subject: AttackObject, by type: String, kind: ObjectKind, reverse: Bool = false, including inclusion: Inclusion
    ) -> [Related] {
        collect(related(subject, by: type, kind: kind, reverse: reverse, including: inclusion)
            .map { ($0.object, Related.Path(via: .direct, relationship: $0.relationship)) })
    }

    /// Groups `(object, path)` pairs into one ``Related`` per object, sorted by ATT&CK ID.
    func collect(_ pairs: [(AttackObject, Related.Path)]) -> [Related] {
        var order: [Int] = []
        var paths: [Int: [Related.Path]] = [:]
        for (object, path) in pairs {
            if paths[object.index] == nil { order.append(object.index) }
            paths[object.index, default: []].append(path)
        }
        return order.map { Related(object: objects[$0], paths: paths[$0] ?? []) }
            .sorted { Self.attackIDOrder($0.object, $1.object) }
    }

    /// Orders by ATT&CK ID numerically (`T1003 < T1003.001 < T1021`), then name.
    static func attackIDOrder(_ a: AttackObject, _ b: AttackObject) -> Bool {
        a.sortRank < b.sortRank
    }

    /// Compares ATT&CK IDs by prefix, then number, then sub-technique number.
    public static func attackIDLess(_ a: String, _ b: String) -> Bool {
        let x = AttackIDOrder(a)
        let y = AttackIDOrder(b)
        return x != y ? x < y : a < b
    }
}
