import Foundation
import STIX

/// An ATT&CK object — technique, tactic, group, software, campaign, mitigation, data source,
/// data component, detection strategy, analytic, asset or matrix — over its STIX object.
///
/// Common facts (ATT&CK ID, name, revocation) are stored; kind-specific facts are read from
/// the STIX object by accessors grouped per kind (``platforms``, ``tacticShortnames``,
/// ``shortname``, ``analyticRefs``, ...). Every property of the STIX object stays available
/// through ``stix``.
///
/// ```swift
/// let t = try kb.resolve("T1059.001", kind: .technique).object
/// print(t.attackID, t.name, t.platforms)   // T1059.001 PowerShell ["Windows"]
/// ```
public final class AttackObject: Sendable, Hashable, Identifiable {
    /// Position in its knowledge base; stable for the life of the knowledge base.
    public let index: Int
    public let kind: ObjectKind
    /// The ATT&CK ID (`T1059.001`, `G0016`, `TA0002`...); empty when the object has none.
    public let attackID: String
    /// Rank in ATT&CK ID order within the knowledge base (`T1003 < T1003.001 < T1021`).
    public let sortRank: Int
    /// The STIX `id`.
    public let id: String
    /// Whether the object is revoked (`revoked: true`).
    public let isRevoked: Bool
    /// Whether the object carries `x_mitre_deprecated: true`.
    public let isDeprecated: Bool
    private let content: Content

    /// The STIX object, held or still in a snapshot.
    private enum Content: Sendable {
        case object(STIXObject)
        case record(SnapshotRecord.Decoded)
    }

    /// The STIX object as read (from a snapshot loaded for one question: decoded on first
    /// use and kept).
    public var stix: STIXObject {
        switch content {
        case .object(let object): object
        case .record(let record): record.object
        }
    }

    public var name: String {
        switch content {
        case .object(let object): object.name ?? attackID
        case .record(let record): record.names.name ?? attackID
        }
    }
    public var description: String { descriptionText?.value ?? "" }
    /// True when neither revoked nor deprecated.
    public var isActive: Bool { !isRevoked && !isDeprecated }
    public var aliases: [String] {
        switch content {
        case .object(let object): object.aliases
        case .record(let record): record.names.aliases
        }
    }
    /// The description as stored (read alone from a snapshot).
    public var descriptionText: LazyText? {
        switch content {
        case .object(let object): object.descriptionText
        case .record(let record): record.descriptionText
        }
    }
    public var created: String? { stix.created }
    public var modified: String? { stix.modified }
    /// `x_mitre_version`.
    public var version: String? { stix[property: "x_mitre_version"]?.stringValue }
    /// The object's page on attack.mitre.org, from its ATT&CK reference.
    public var url: String? { stix.firstExternalReference(where: { $0.externalID == attackID })?.url }
    /// `x_mitre_domains`.
    public var domains: [String] { stix[property: "x_mitre_domains"]?.stringArray ?? [] }

    init(index: Int, kind: ObjectKind, stix: STIXObject, attackID: String, sortRank: Int) {
        self.index = index
        self.kind = kind
        self.attackID = attackID
        self.sortRank = sortRank
        id = stix.id
        isRevoked = stix.revoked
        isDeprecated = stix.isDeprecated
        content = .object(stix)
    }

    /// An object whose STIX object stays in a snapshot until read; `record` was checked, and
    /// `lock` guards its first decoding.
    init(
        index: Int, kind: ObjectKind, record: SnapshotRecord, lock: NSLock, id: String, attackID: String, sortRank: Int,
        revoked: Bool, deprecated: Bool
    ) {
        self.index = index
        self.kind = kind
        self.attackID = attackID
        self.sortRank = sortRank
        self.id = id
        isRevoked = revoked
        isDeprecated = deprecated
        content = .record(SnapshotRecord.Decoded(record, lock: lock))
    }

    /// ATT&CK puts the object's ID in its first external reference, from a `mitre-…attack` source.
    static func attackID(of stix: STIXObject) -> String {
        guard let first = stix.externalReferences.first, let id = first.externalID,
            first.sourceName.hasPrefix("mitre-"), first.sourceName.hasSuffix("attack")
        else { return "" }
        return id
    }

    public static func == (lhs: AttackObject, rhs: AttackObject) -> Bool { lhs === rhs || (lhs.index == rhs.index && lhs.id == rhs.id) }
    public func hash(into hasher: inout Hasher) { hasher.combine(index) }
}

extension AttackObject {
    /// A short label: `T1059.001 PowerShell`.
    public var label: String { attackID.isEmpty ? name : "\(attackID) \(name)" }

    /// `Process Access (DC0035)`, or just the name when the object has no ATT&CK ID (data
    /// components before v15, for instance).
    public var nameWithID: String { attackID.isEmpty ? name : "\(name) (\(attackID))" }

    /// `x_mitre_platforms` (techniques, software, data sources, analytics).
    public var platforms: [String] { stix[property: "x_mitre_platforms"]?.stringArray ?? [] }

    // MARK: Techniques

    /// True for a sub-technique (`x_mitre_is_subtechnique`).
    public var isSubtechnique: Bool { stix[property: "x_mitre_is_subtechnique"]?.boolValue ?? false }

    /// The tactic shortnames of a technique (its kill-chain phases), in the order listed.
    public var tacticShortnames: [String] { stix.killChainPhases.map(\.phaseName) }

    /// The parent's ATT&CK ID of a sub-technique (`T1059` for `T1059.001`).
    public var parentAttackID: String? {
        guard isSubtechnique || attackID.contains("."), let dot = attackID.firstIndex(of: ".") else { return nil }
        return String(attackID[..<dot])
    }

    /// Pre-v18 detection text (`x_mitre_detection`).
    public var detectionText: String? { stix[property: "x_mitre_detection"]?.stringValue }

    /// Data source strings of older releases (`x_mitre_data_sources`).
    public var dataSourceNames: [String] { stix[property: "x_mitre_data_sources"]?.stringArray ?? [] }

    // MARK: Tactics and matrices

    /// A tactic's shortname (`x_mitre_shortname`), e.g. `defense-evasion`.
    public var shortname: String { stix[property: "x_mitre_shortname"]?.stringValue ?? "" }

    /// A matrix's tactics, in matrix order (`tactic_refs`).
    public var tacticRefs: [String] { stix[property: "tactic_refs"]?.stringArray ?? [] }

    // MARK: Campaigns

    public var firstSeen: String? { stix[property: "first_seen"]?.stringValue }
    public var lastSeen: String? { stix[property: "last_seen"]?.stringValue }

    // MARK: Detection (v18 and later)

    /// A detection strategy's analytics (`x_mitre_analytic_refs`).
    public var analyticRefs: [String] { stix[property: "x_mitre_analytic_refs"]?.stringArray ?? [] }

    /// An analytic's log source references.
    public var logSourceReferences: [LogSourceReference] {
        (stix[property: "x_mitre_log_source_references"]?.arrayValue ?? []).compactMap { value in
            guard let ref = value["x_mitre_data_component_ref"]?.stringValue else { return nil }
            return LogSourceReference(
                dataComponentRef: ref, name: value["name"]?.stringValue ?? "",
                channel: value["channel"]?.stringValue ?? "")
        }
    }

    // MARK: Data components

    /// A data component's data source (`x_mitre_data_source_ref`; empty in v18).
    public var dataSourceRef: String? { stix[property: "x_mitre_data_source_ref"]?.stringValue }

    /// A data component's log sources (`x_mitre_log_sources`, v18), as name/channel pairs.
    public var componentLogSources: [LogSourceReference] {
        (stix[property: "x_mitre_log_sources"]?.arrayValue ?? []).compactMap { value in
            guard let name = value["name"]?.stringValue else { return nil }
            return LogSourceReference(dataComponentRef: stix.id, name: name, channel: value["channel"]?.stringValue ?? "")
        }
    }
}
