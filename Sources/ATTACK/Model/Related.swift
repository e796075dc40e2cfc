/// How a related object was reached from the subject of a query.
public enum Via: Sendable, Hashable, CustomStringConvertible {
    /// The subject's own relationship.
    case direct
    /// Inherited from a campaign attributed to the group (ATT&CK ID of the campaign).
    case campaign(String)
    /// Through software the subject uses (ATT&CK ID of the software).
    case software(String)

    public var description: String {
        switch self {
        case .direct: "direct"
        case .campaign(let id): "campaign \(id)"
        case .software(let id): "software \(id)"
        }
    }
}

/// An object related to the subject of a query, with the relationships that relate them.
///
/// One entry per related object: when a technique is reached several ways (directly and
/// through two campaigns), ``paths`` lists each way with its relationship, so each
/// procedure example keeps its source.
public struct Related: Sendable, Hashable {
    public let object: AttackObject
    /// Every way the object was reached, each with the relationship that carries the procedure.
    public let paths: [Path]

    /// One way of reaching the object.
    public struct Path: Sendable, Hashable {
        public let via: Via
        /// The relationship to the object (its description is the procedure example).
        public let relationship: Relationship
    }

    public init(object: AttackObject, paths: [Path]) {
        self.object = object
        self.paths = paths
    }

    /// The distinct ways the object was reached, in order.
    public var vias: [Via] {
        var seen = Set<Via>()
        return paths.map(\.via).filter { seen.insert($0).inserted }
    }

    /// How the object was reached, for a table column: `nil` when only directly,
    /// `"via campaign C0024"` when only indirectly, `"direct; also via campaign C0024"` when both,
    /// so a direct relationship is never hidden behind an inherited one.
    public var viaSummary: String? {
        let indirect = vias.filter { $0 != .direct }.map(\.description)
        guard !indirect.isEmpty else { return nil }
        let list = indirect.joined(separator: ", ")
        return vias.contains(.direct) ? "direct; also via " + list : "via " + list
    }
}
