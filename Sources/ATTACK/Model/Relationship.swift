import STIX

/// A STIX relationship between two objects of a knowledge base.
///
/// For `uses` relationships the description is the *procedure example*: how a group,
/// software or campaign carried out the technique, with `(Citation: …)` markers that
/// ``citations`` resolves to sources.
public final class Relationship: Sendable, Hashable {
    /// Position in the knowledge base's relationship list.
    public let index: Int
    /// `uses`, `mitigates`, `subtechnique-of`, `detects`, `attributed-to`, `targets`, `revoked-by`...
    public let type: String
    /// Index of the source object in the knowledge base.
    public let source: Int
    /// Index of the target object in the knowledge base.
    public let target: Int
    /// Whether the relationship is revoked.
    public let isRevoked: Bool
    /// Whether the relationship carries `x_mitre_deprecated: true`.
    public let isDeprecated: Bool
    private let content: Content

    /// The STIX object, held or still in a snapshot.
    private enum Content: Sendable {
        case object(STIXObject)
        case record(SnapshotRecord)
    }

    init(index: Int, stix: STIXObject, type: String, source: Int, target: Int) {
        self.index = index
        self.type = type
        self.source = source
        self.target = target
        isRevoked = stix.revoked
        isDeprecated = stix.isDeprecated
        content = .object(stix)
    }

    /// A relationship whose STIX object stays in a snapshot until read.
    init(index: Int, record: SnapshotRecord, type: String, source: Int, target: Int, revoked: Bool, deprecated: Bool) {
        self.index = index
        self.type = type
        self.source = source
        self.target = target
        isRevoked = revoked
        isDeprecated = deprecated
        content = .record(record)
    }

    /// The STIX object (read from the snapshot on each call when the knowledge base was loaded
    /// for one question).
    public var stix: STIXObject {
        switch content {
        case .object(let object): object
        case .record(let record): record.object
        }
    }

    public static func == (lhs: Relationship, rhs: Relationship) -> Bool { lhs === rhs || lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public var id: String {
        switch content {
        case .object(let object): object.id
        case .record(let record): record.id
        }
    }

    public var description: String {
        switch content {
        case .object(let object): object.description ?? ""
        case .record(let record): record.descriptionText?.value ?? ""
        }
    }
    public var isActive: Bool { !isRevoked && !isDeprecated }

    /// `created` (read alone from a snapshot).
    public var created: String? {
        switch content {
        case .object(let object): object.created
        case .record(let record): record.createdText?.value
        }
    }

    /// The sources cited by the description, in order of first mention, resolved against the
    /// relationship's external references (name, URL, description).
    public var citations: [Citation] {
        let object = stix
        return Citation.cited(in: object.description ?? "", references: object.externalReferences)
    }
}
