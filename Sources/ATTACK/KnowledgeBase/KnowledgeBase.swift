import STIX

/// The ATT&CK knowledge of one domain (Enterprise, Mobile or ICS) from one release:
/// typed objects, relationships, indexes and the revocation map. Immutable once built and
/// safe to share across threads.
///
/// ```swift
/// let kb = try KnowledgeBase.load(contentsOf: URL(fileURLWithPath: "enterprise-attack-18.1.json"))
/// let apt29 = try kb.resolve("apt29", kind: .group).object
/// for t in kb.techniquesUsed(byGroup: apt29) { print(t.object.attackID, t.vias) }
/// ```
///
/// Queries exclude revoked and deprecated objects unless asked otherwise (``Inclusion``).
public final class KnowledgeBase: Sendable {
    public let domain: AttackDomain
    /// The ATT&CK release (`18.1`), when the bundle says or its file name does.
    public let attackVersion: String?
    /// STIX version of the source bundles: `2.0` or `2.1`.
    public let stixVersion: String
    /// Where the data came from (paths or URLs).
    public let sources: [String]
    /// The SHA-256 of each source's bytes (hex), in the order of ``sources``; nil where unknown.
    public let sourceDigests: [String?]
    /// Every ATT&CK object, in bundle order; ``AttackObject/index`` is the position here.
    public let objects: [AttackObject]
    /// Every relationship whose two ends are objects of this knowledge base.
    public let relationships: [Relationship]
    /// Objects that are not ATT&CK objects or relationships: identities, marking definitions,
    /// collections, notes, and types this release of ttpkit does not know.
    public let otherObjects: [STIXObject]
    /// Relationships skipped because an end is missing from the data.
    public let danglingRelationships: [STIXObject]

    let byStixID: [String: Int]
    let byAttackID: [String: [Int]]
    let byName: [String: [Int]]
    let byKind: [ObjectKind: [Int]]
    let outgoing: [[Int]]
    let incoming: [[Int]]
    let revokedBy: [Int: Int]
    /// Active tactics in matrix order (see ``orderedTactics()``), computed once.
    let tacticOrder: [Int]

    init(
        domain: AttackDomain, attackVersion: String?, stixVersion: String, sources: [String], sourceDigests: [String?],
        objects: [AttackObject], relationships: [Relationship], otherObjects: [STIXObject],
        danglingRelationships: [STIXObject], byStixID: [String: Int], byAttackID: [String: [Int]],
        byName: [String: [Int]], byKind: [ObjectKind: [Int]], outgoing: [[Int]], incoming: [[Int]],
        revokedBy: [Int: Int]
    ) {
        self.domain = domain
        self.attackVersion = attackVersion
        self.stixVersion = stixVersion
        self.sources = sources
        self.sourceDigests = sourceDigests
        self.objects = objects
        self.relationships = relationships
        self.otherObjects = otherObjects
        self.danglingRelationships = danglingRelationships
        self.byStixID = byStixID
        self.byAttackID = byAttackID
        self.byName = byName
        self.byKind = byKind
        self.outgoing = outgoing
        self.incoming = incoming
        self.revokedBy = revokedBy
        self.tacticOrder = Self.tacticOrder(objects: objects, byKind: byKind, byStixID: byStixID)
    }

    /// The data files this knowledge base was read from, by name and SHA-256, for ``Provenance``.
    public var dataFiles: [Provenance.DataFile] {
        zip(sources, sourceDigests).map { Provenance.DataFile(role: "attack", path: $0, sha256: $1) }
    }

    /// Every STIX object of the data: ATT&CK objects, relationships, other objects, then the
    /// dangling relationships (each group in bundle order).
    public var stixObjects: [STIXObject] {
        objects.map(\.stix) + relationships.map(\.stix) + otherObjects + danglingRelationships
    }

    /// "Enterprise ATT&CK 18.1" — for headers and messages.
    public var title: String {
        "\(domain.displayName) ATT&CK" + (attackVersion.map { " \($0)" } ?? "")
    }

    /// All objects of a kind, in bundle order, revoked and deprecated excluded unless included.
    public func objects(_ kind: ObjectKind, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        (byKind[kind] ?? []).lazy.map { self.objects[$0] }.filter { inclusion.admits($0) }
    }

    /// The object with this STIX id.
    public func object(stixID: String) -> AttackObject? {
        byStixID[stixID].map { objects[$0] }
    }

    /// The objects with this ATT&CK ID (any case); several when a revoked object shares it.
    public func objects(attackID: String) -> [AttackObject] {
        (byAttackID[attackID.uppercased()] ?? []).map { objects[$0] }
    }

    /// Relationships leaving `object`.
    public func relationships(from object: AttackObject) -> [Relationship] {
        outgoing[object.index].map { relationships[$0] }
    }

    /// Relationships arriving at `object`.
    public func relationships(to object: AttackObject) -> [Relationship] {
        incoming[object.index].map { relationships[$0] }
    }

    /// The object that replaced a revoked one (one step of the `revoked-by` chain).
    public func revokingObject(of object: AttackObject) -> AttackObject? {
        revokedBy[object.index].map { objects[$0] }
    }

    /// Follows `revoked-by` to its end, stopping where the chain loops.
    func chainEnd(of object: AttackObject) -> AttackObject {
        var current = object
        var seen: Set<Int> = [object.index]
        while let next = revokedBy[current.index], seen.insert(next).inserted {
            current = objects[next]
        }
        return current
    }

    /// The identity, marking or other non-ATT&CK object with this id.
    public func otherObject(id: String) -> STIXObject? {
        otherObjects.first { $0.id == id }
    }
}
