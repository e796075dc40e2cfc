import ATTACK

/// The matrix of a knowledge base, indexed once for layer work: tactics in matrix order,
/// active techniques by ID and by tactic, sub-techniques by parent ID.
///
/// Built from the bundle's matrix and tactic objects, never from hard-coded names, so a
/// release that splits or renames tactics (v19's Stealth / Defense Impairment) comes out right.
public struct MatrixIndex: Sendable {
    public let kb: KnowledgeBase
    /// Active tactics in matrix order.
    public let tactics: [AttackObject]
    /// Active techniques and sub-techniques by upper-cased ATT&CK ID.
    public let techniqueByID: [String: AttackObject]
    /// Parent techniques (not sub-techniques) per tactic shortname, in ATT&CK ID order.
    public let parentsByTactic: [String: [AttackObject]]
    /// Sub-techniques per parent ID, in ATT&CK ID order.
    public let subtechniquesByParent: [String: [AttackObject]]
    /// Tactic shortnames of each technique ID, in matrix order.
    public let tacticsOfTechnique: [String: [String]]

    public init(_ kb: KnowledgeBase) {
        self.kb = kb
        let tactics = kb.orderedTactics()
        self.tactics = tactics
        let order = Dictionary(tactics.enumerated().map { ($0.element.shortname, $0.offset) }, uniquingKeysWith: { a, _ in a })
        var byID: [String: AttackObject] = [:]
        var parents: [String: [AttackObject]] = [:]
        var subs: [String: [AttackObject]] = [:]
        var tacticsOf: [String: [String]] = [:]
        let chain = kb.domain.killChainName
        let techniques = kb.objects(.technique).sorted { $0.sortRank < $1.sortRank }
        for t in techniques {
            let id = t.attackID.uppercased()
            byID[id] = t
            let names = t.stix.killChainPhases.filter { $0.killChainName == chain }.map(\.phaseName)
            let ordered = names.filter { order[$0] != nil }.sorted { (order[$0] ?? 0) < (order[$1] ?? 0) }
            tacticsOf[id] = ordered
            if let parent = t.parentAttackID {
                subs[parent.uppercased(), default: []].append(t)
            } else {
                for n in ordered { parents[n, default: []].append(t) }
            }
        }
        techniqueByID = byID
        parentsByTactic = parents
        subtechniquesByParent = subs
        tacticsOfTechnique = tacticsOf
    }

    /// The active technique with this ID (any case).
    public func technique(_ id: String) -> AttackObject? { techniqueByID[id.uppercased()] }

    /// The tactic shortnames of a technique ID, in matrix order; empty when unknown.
    public func tactics(of id: String) -> [String] { tacticsOfTechnique[id.uppercased()] ?? [] }

    /// The tactic object with this shortname.
    public func tactic(_ shortname: String) -> AttackObject? {
        tactics.first { $0.shortname.caseInsensitiveCompare(shortname) == .orderedSame }
    }
}
