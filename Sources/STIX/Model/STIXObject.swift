/// One STIX object: its common properties typed, every other property kept as JSON.
///
/// The reader types what every consumer needs (identity, names, revocation, references,
/// kill-chain phases and relationship ends). All other properties, custom `x_` fields
/// included, stay in ``properties`` in the order read, so an object can be written back
/// without loss through ``json``.
///
/// ```swift
/// let platforms = object.properties["x_mitre_platforms"]?.stringArray ?? []
/// ```
public struct STIXObject: Sendable, Hashable {
    /// The STIX type, e.g. `attack-pattern`, `intrusion-set`, `relationship`.
    public var type: String
    /// The STIX id, e.g. `attack-pattern--0042a9f5-…`.
    public var id: String
    /// Per-object `spec_version` (STIX 2.1); nil in STIX 2.0 bundles.
    public var specVersion: String?
    public var created: String?
    public var modified: String?
    public var createdByRef: String?
    public var name: String?
    public var description: String?
    /// `aliases` (groups, campaigns) or `x_mitre_aliases` (software).
    public var aliases: [String]
    public var revoked: Bool
    public var labels: [String]
    public var externalReferences: [ExternalReference]
    public var killChainPhases: [KillChainPhase]
    public var objectMarkingRefs: [String]
    /// For relationships: `uses`, `mitigates`, `subtechnique-of`, `detects`, `revoked-by`, ...
    public var relationshipType: String?
    public var sourceRef: String?
    public var targetRef: String?
    /// Every other property, in the order read.
    public var properties: JSONObject
    /// Byte offset of the object in its bundle, for error messages (-1 when built in code).
    public var offset: Int
    /// Typed properties that were present with their default value (`"revoked": false`,
    /// `"labels": []`), so they are written back as read.
    public var statedDefaults: StatedDefaults = []

    /// Typed properties present in the source with a default value.
    public struct StatedDefaults: OptionSet, Sendable, Hashable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }
        public static let revoked = StatedDefaults(rawValue: 1)
        public static let aliases = StatedDefaults(rawValue: 2)
        public static let labels = StatedDefaults(rawValue: 4)
        public static let externalReferences = StatedDefaults(rawValue: 8)
        public static let killChainPhases = StatedDefaults(rawValue: 16)
        public static let objectMarkingRefs = StatedDefaults(rawValue: 32)
        /// Aliases were read from `x_mitre_aliases` (software) rather than `aliases`.
        public static let mitreAliasesKey = StatedDefaults(rawValue: 64)
    }

    public init(
        type: String, id: String, specVersion: String? = nil, created: String? = nil, modified: String? = nil,
        createdByRef: String? = nil, name: String? = nil, description: String? = nil, aliases: [String] = [],
        revoked: Bool = false, labels: [String] = [], externalReferences: [ExternalReference] = [],
        killChainPhases: [KillChainPhase] = [], objectMarkingRefs: [String] = [], relationshipType: String? = nil,
        sourceRef: String? = nil, targetRef: String? = nil, properties: JSONObject = JSONObject(), offset: Int = -1
    ) {
        self.type = type
        self.id = id
        self.specVersion = specVersion
        self.created = created
        self.modified = modified
        self.createdByRef = createdByRef
        self.name = name
        self.description = description
        self.aliases = aliases
        self.revoked = revoked
        self.labels = labels
        self.externalReferences = externalReferences
        self.killChainPhases = killChainPhases
        self.objectMarkingRefs = objectMarkingRefs
        self.relationshipType = relationshipType
        self.sourceRef = sourceRef
        self.targetRef = targetRef
        self.properties = properties
        self.offset = offset
    }

    /// True when the object carries `x_mitre_deprecated: true`.
    public var isDeprecated: Bool { properties["x_mitre_deprecated"]?.boolValue ?? false }

    /// A custom or unmodelled property by name.
    public subscript(property name: String) -> JSONValue? { properties[name] }
}
