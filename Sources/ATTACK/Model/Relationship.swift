import STIX

/// A STIX relationship between two objects of a knowledge base.
///
/// For `uses` relationships the description is the *procedure example*: how a group,
/// software or campaign carried out the technique, with `(Citation: …)` markers that
/// ``citations`` resolves to sources.
public final class Relationship: Sendable, Hashable {
    /// Position in the knowledge base's relationship list.
    public let index: Int
    public let stix: STIXObject
    /// `uses`, `mitigates`, `subtechnique-of`, `detects`, `attributed-to`, `targets`, `revoked-by`...
    public let type: String
    /// Index of the source object in the knowledge base.
    public let source: Int
    /// Index of the target object in the knowledge base.
    public let target: Int

    init(index: Int, stix: STIXObject, type: String, source: Int, target: Int) {
        self.index = index
        self.stix = stix
        self.type = type
        self.source = source
        self.target = target
    }

    public static func == (lhs: Relationship, rhs: Relationship) -> Bool { lhs === rhs || lhs.stix.id == rhs.stix.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(stix.id) }

    public var id: String { stix.id }
    public var description: String { stix.description ?? "" }
    public var isRevoked: Bool { stix.revoked }
    public var isDeprecated: Bool { stix.isDeprecated }
    public var isActive: Bool { !stix.revoked && !stix.isDeprecated }

    /// The sources cited by the description, in order of first mention, resolved against the
    /// relationship's external references (name, URL, description).
    public var citations: [Citation] { Citation.cited(in: description, references: stix.externalReferences) }
}
