import ATTACK

/// Resolves IOC references to ATT&CK objects across the loaded domains.
///
/// ```swift
/// let linked = IOCLinker(knowledgeBases: [enterprise, mobile, ics]).link(records)
/// for l in linked { print(l.record.defanged, l.objects.map(\.object.label)) }
/// ```
public struct IOCLinker: Sendable {
    /// An IOC with what its references resolved to.
    public struct Linked: Sendable {
        public let record: IOCRecord
        /// Each resolved object with the knowledge base (domain) it came from.
        public let objects: [(object: AttackObject, kb: KnowledgeBase)]
        /// References that resolved to nothing.
        public let unresolved: [String]
        /// Notes such as "T1086 was revoked by T1059.001 PowerShell".
        public let notes: [String]
    }

    public let knowledgeBases: [KnowledgeBase]

    public init(knowledgeBases: [KnowledgeBase]) {
        self.knowledgeBases = knowledgeBases
    }

    public func link(_ records: [IOCRecord]) -> [Linked] {
        records.map { r in
            var objects: [(AttackObject, KnowledgeBase)] = []
            var unresolved: [String] = []
            var notes: [String] = []
            for ref in r.references {
                var found = false
                for kb in knowledgeBases {
                    if let res = try? kb.resolve(ref) {
                        guard [.technique, .tactic, .group, .software, .campaign].contains(res.object.kind) else { continue }
                        if !objects.contains(where: { $0.0.id == res.object.id }) { objects.append((res.object, kb)) }
                        if let n = res.note, !notes.contains(n) { notes.append(n) }
                        found = true
                    }
                }
                if !found, let (parent, kb) = parentOfNewSubtechnique(ref) {
                    if !objects.contains(where: { $0.0.id == parent.id }) { objects.append((parent, kb)) }
                    let n = "\(ref.uppercased()) is not in \(kb.title) (newer release?); counted as its parent \(parent.label)"
                    if !notes.contains(n) { notes.append(n) }
                    found = true
                }
                if !found { unresolved.append(ref) }
            }
            return Linked(record: r, objects: objects, unresolved: unresolved, notes: notes)
        }
    }

    /// For a sub-technique ID no loaded release has (`T1564.013` from a newer release), its
    /// parent technique when one knows it.
    func parentOfNewSubtechnique(_ ref: String) -> (AttackObject, KnowledgeBase)? {
        guard knowledgeBases.allSatisfy({ $0.status(ofAttackID: ref) == .unknown }) else { return nil }
        for kb in knowledgeBases { if let p = kb.newerSubtechniqueParent(of: ref) { return (p, kb) } }
        return nil
    }
}
