/// One STIX object: its common properties typed, every other property kept as JSON.
///
/// The reader types what every consumer needs (identity, names, revocation, references,
/// kill-chain phases and relationship ends). All other properties, custom `x_` fields
/// included, stay in ``properties`` in the order read, so an object can be written back
/// without loss through ``json``.
///
/// A value type with copy-on-write storage: copies are one reference count, which matters
/// when tens of thousands of objects move between the reader, bundles and knowledge bases.
///
/// ```swift
/// let platforms = object.properties["x_mitre_platforms"]?.stringArray ?? []
/// ```
public struct STIXObject: Sendable, Hashable {
    /// The fields, shared between copies until one is changed.
    private final class Storage: @unchecked Sendable {
        var type: String
        var id: String
        var specVersion: String?
        var createdText: LazyText?
        var modifiedText: LazyText?
        var createdByRef: String?
        var name: String?
        var descriptionText: LazyText?
        var aliases: [String]
        var revoked: Bool
        var labels: [String]
        var externalReferences: [ExternalReference]
        var killChainPhases: [KillChainPhase]
        var objectMarkingRefs: [String]
        var relationshipType: String?
        var sourceRef: String?
        var targetRef: String?
        var properties: JSONObject
        var offset: Int
        var statedDefaults: StatedDefaults
        /// `externalReferences` and `properties` still encoded in a snapshot (nil for a field
        /// once it is set), and `x_mitre_deprecated` as the snapshot recorded it.
        var encoded: EncodedFields?

        init(type: String, id: String, specVersion: String?, createdText: LazyText?, modifiedText: LazyText?, createdByRef: String?, name: String?, descriptionText: LazyText?, aliases: [String], revoked: Bool, labels: [String], externalReferences: [ExternalReference], killChainPhases: [KillChainPhase], objectMarkingRefs: [String], relationshipType: String?, sourceRef: String?, targetRef: String?, properties: JSONObject, offset: Int, statedDefaults: StatedDefaults, encoded: EncodedFields? = nil) {
            self.type = type
            self.id = id
            self.specVersion = specVersion
            self.createdText = createdText
            self.modifiedText = modifiedText
            self.createdByRef = createdByRef
            self.name = name
            self.descriptionText = descriptionText
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
            self.statedDefaults = statedDefaults
            self.encoded = encoded
        }

        func copy() -> Storage {
            Storage(type: type, id: id, specVersion: specVersion, createdText: createdText, modifiedText: modifiedText, createdByRef: createdByRef, name: name, descriptionText: descriptionText, aliases: aliases, revoked: revoked, labels: labels, externalReferences: externalReferences, killChainPhases: killChainPhases, objectMarkingRefs: objectMarkingRefs, relationshipType: relationshipType, sourceRef: sourceRef, targetRef: targetRef, properties: properties, offset: offset, statedDefaults: statedDefaults, encoded: encoded)
        }
    }

    private var storage: Storage

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The STIX type, e.g. `attack-pattern`, `intrusion-set`, `relationship`.
    public var type: String {
        get { storage.type }
        set { unique().type = newValue }
    }
    /// The STIX id, e.g. `attack-pattern--0042a9f5-…`.
    public var id: String {
        get { storage.id }
        set { unique().id = newValue }
    }
    /// Per-object `spec_version` (STIX 2.1); nil in STIX 2.0 bundles.
    public var specVersion: String? {
        get { storage.specVersion }
        set { unique().specVersion = newValue }
    }
    /// `created` as read (decoded when first used); see ``created``.
    public var createdText: LazyText? {
        get { storage.createdText }
        set { unique().createdText = newValue }
    }
    /// `modified` as read (decoded when first used); see ``modified``.
    public var modifiedText: LazyText? {
        get { storage.modifiedText }
        set { unique().modifiedText = newValue }
    }
    public var createdByRef: String? {
        get { storage.createdByRef }
        set { unique().createdByRef = newValue }
    }
    public var name: String? {
        get { storage.name }
        set { unique().name = newValue }
    }
    /// `description` as read (decoded when first used); see ``description``.
    public var descriptionText: LazyText? {
        get { storage.descriptionText }
        set { unique().descriptionText = newValue }
    }
    /// `aliases` (groups, campaigns) or `x_mitre_aliases` (software).
    public var aliases: [String] {
        get { storage.aliases }
        set { unique().aliases = newValue }
    }
    public var revoked: Bool {
        get { storage.revoked }
        set { unique().revoked = newValue }
    }
    public var labels: [String] {
        get { storage.labels }
        set { unique().labels = newValue }
    }
    public var externalReferences: [ExternalReference] {
        get { storage.encoded?.decodedReferences() ?? storage.externalReferences }
        set {
            let s = unique()
            s.externalReferences = newValue
            s.encoded?.referencesSpan = nil
        }
    }
    public var killChainPhases: [KillChainPhase] {
        get { storage.killChainPhases }
        set { unique().killChainPhases = newValue }
    }
    public var objectMarkingRefs: [String] {
        get { storage.objectMarkingRefs }
        set { unique().objectMarkingRefs = newValue }
    }
    /// For relationships: `uses`, `mitigates`, `subtechnique-of`, `detects`, `revoked-by`, ...
    public var relationshipType: String? {
        get { storage.relationshipType }
        set { unique().relationshipType = newValue }
    }
    public var sourceRef: String? {
        get { storage.sourceRef }
        set { unique().sourceRef = newValue }
    }
    public var targetRef: String? {
        get { storage.targetRef }
        set { unique().targetRef = newValue }
    }
    /// The first external reference that satisfies `predicate` (from a snapshot, the ones
    /// after it are not decoded).
    public func firstExternalReference(where predicate: (ExternalReference) -> Bool) -> ExternalReference? {
        if let encoded = storage.encoded, let found = encoded.firstReference(where: predicate) { return found }
        return storage.externalReferences.first(where: predicate)
    }

    /// Every other property, in the order read.
    public var properties: JSONObject {
        get { storage.encoded?.decodedProperties() ?? storage.properties }
        set {
            let s = unique()
            s.properties = newValue
            s.encoded?.propertiesSpan = nil
            s.encoded?.isDeprecated = nil
        }
    }
    /// Byte offset of the object in its bundle, for error messages (-1 when built in code).
    public var offset: Int {
        get { storage.offset }
        set { unique().offset = newValue }
    }
    /// Typed properties that were present with their default value (`"revoked": false`,
    /// `"labels": []`), so they are written back as read.
    public var statedDefaults: StatedDefaults {
        get { storage.statedDefaults }
        set { unique().statedDefaults = newValue }
    }

    /// `created`, decoded when first read.
    public var created: String? {
        get { createdText?.value }
        set { createdText = newValue.map(LazyText.init) }
    }

    /// `modified`, decoded when first read.
    public var modified: String? {
        get { modifiedText?.value }
        set { modifiedText = newValue.map(LazyText.init) }
    }

    /// `description`, decoded when first read.
    public var description: String? {
        get { descriptionText?.value }
        set { descriptionText = newValue.map(LazyText.init) }
    }

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
        storage = Storage(
            type: type, id: id, specVersion: specVersion, createdText: created.map(LazyText.init),
            modifiedText: modified.map(LazyText.init), createdByRef: createdByRef, name: name,
            descriptionText: description.map(LazyText.init), aliases: aliases, revoked: revoked, labels: labels,
            externalReferences: externalReferences, killChainPhases: killChainPhases, objectMarkingRefs: objectMarkingRefs,
            relationshipType: relationshipType, sourceRef: sourceRef, targetRef: targetRef, properties: properties,
            offset: offset, statedDefaults: [])
    }

    /// An object read from a snapshot: external references and properties stay encoded.
    init(
        type: String, id: String, specVersion: String?, createdText: LazyText?, modifiedText: LazyText?,
        createdByRef: String?, name: String?, descriptionText: LazyText?, aliases: [String], revoked: Bool,
        labels: [String], killChainPhases: [KillChainPhase], objectMarkingRefs: [String], relationshipType: String?,
        sourceRef: String?, targetRef: String?, offset: Int, statedDefaults: StatedDefaults, encoded: EncodedFields
    ) {
        storage = Storage(
            type: type, id: id, specVersion: specVersion, createdText: createdText, modifiedText: modifiedText,
            createdByRef: createdByRef, name: name, descriptionText: descriptionText, aliases: aliases, revoked: revoked,
            labels: labels, externalReferences: [], killChainPhases: killChainPhases, objectMarkingRefs: objectMarkingRefs,
            relationshipType: relationshipType, sourceRef: sourceRef, targetRef: targetRef, properties: JSONObject(),
            offset: offset, statedDefaults: statedDefaults, encoded: encoded)
    }

    /// True when the object carries `x_mitre_deprecated: true`.
    public var isDeprecated: Bool {
        storage.encoded?.isDeprecated ?? (self[property: "x_mitre_deprecated"]?.boolValue ?? false)
    }

    /// A custom or unmodelled property by name (from a snapshot, only that property is decoded).
    public subscript(property name: String) -> JSONValue? {
        if let encoded = storage.encoded, encoded.propertiesSpan != nil { return encoded.property(name) }
        return storage.properties[name]
    }

    public static func == (lhs: STIXObject, rhs: STIXObject) -> Bool {
        if lhs.storage === rhs.storage { return true }
        let a = lhs.storage
        let b = rhs.storage
        return a.type == b.type
            && a.id == b.id
            && a.specVersion == b.specVersion
            && a.createdText == b.createdText
            && a.modifiedText == b.modifiedText
            && a.createdByRef == b.createdByRef
            && a.name == b.name
            && a.descriptionText == b.descriptionText
            && a.aliases == b.aliases
            && a.revoked == b.revoked
            && a.labels == b.labels
            && lhs.externalReferences == rhs.externalReferences
            && a.killChainPhases == b.killChainPhases
            && a.objectMarkingRefs == b.objectMarkingRefs
            && a.relationshipType == b.relationshipType
            && a.sourceRef == b.sourceRef
            && a.targetRef == b.targetRef
            && lhs.properties == rhs.properties
            && a.statedDefaults == b.statedDefaults
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(storage.id)
        hasher.combine(storage.type)
        hasher.combine(storage.modifiedText)
    }
}
