import ATTACK

/// A set of techniques an adversary uses, by name: an ATT&CK group, or a group, red-team
/// scenario or campaign from a DeTT&CT group-administration file.
///
/// ```swift
/// let profiles = ThreatProfile.groups([apt29, fin7], knowledgeBase: kb)
/// let (custom, warnings) = ThreatProfile.dettect(try GroupAdministration.load("groups.yaml"), knowledgeBase: kb)
/// ```
public struct ThreatProfile: Sendable, Hashable {
    /// Who a profile is: an ATT&CK group (name and ID) or a DeTT&CT entry (its label only).
    public struct Name: Sendable, Hashable, Comparable, CustomStringConvertible {
        /// `APT29`, or the DeTT&CT `group_name (campaign)`.
        public var name: String
        /// `G0016` for an ATT&CK group.
        public var attackID: String?

        /// Creates a name.
        public init(name: String, attackID: String? = nil) {
            self.name = name
            self.attackID = attackID
        }

        /// `APT29 (G0016)`, or the name alone.
        public var label: String { attackID.map { "\(name) (\($0))" } ?? name }
        /// The label.
        public var description: String { label }

        public static func < (lhs: Name, rhs: Name) -> Bool { lhs.label < rhs.label }
    }

    /// Who it is.
    public var name: Name
    /// Active technique IDs.
    public var techniqueIDs: Set<String>

    /// Creates a profile.
    public init(name: Name, techniqueIDs: Set<String>) {
        self.name = name
        self.techniqueIDs = techniqueIDs
    }

    /// `APT29 (G0016)`, or the DeTT&CT `group_name (campaign)`.
    public var label: String { name.label }

    /// Profiles of ATT&CK groups: their techniques by MITRE's definition (own `uses` plus
    /// those of attributed campaigns), active ones only. The one place a group becomes its
    /// techniques for gaps, reports and gates.
    public static func groups(_ groups: [AttackObject], knowledgeBase kb: KnowledgeBase) -> [ThreatProfile] {
        groups.map { group in
            ThreatProfile(name: Name(name: group.name, attackID: group.attackID),
                          techniqueIDs: Set(kb.techniquesUsed(byGroup: group).filter(\.object.isActive).map(\.object.attackID)))
        }
    }

    /// Profiles of the enabled groups of a DeTT&CT file; revoked IDs follow their
    /// replacement and unknown ones are skipped, each with a warning at its line. A file of
    /// another domain is an error.
    public static func dettect(_ file: GroupAdministration, knowledgeBase kb: KnowledgeBase) throws(CoverageInputError) -> (profiles: [ThreatProfile], warnings: [RuleIssue]) {
        try DeTTECTReader.requireDomain(file.domain, path: file.path, kb: kb)
        var warnings: [RuleIssue] = []
        var profiles: [ThreatProfile] = []
        for group in file.enabledGroups {
            var ids = Set<String>()
            for mention in group.techniques {
                if let id = PrevalenceIDs.resolve(mention, path: file.path, kb: kb, warnings: &warnings) { ids.insert(id) }
            }
            profiles.append(ThreatProfile(name: Name(name: group.label), techniqueIDs: ids))
        }
        return (profiles, warnings)
    }
}

/// Resolving technique IDs of DeTT&CT files with per-line warnings.
enum PrevalenceIDs {
    static func resolve(_ mention: GroupAdministration.Mention, path: String, kb: KnowledgeBase, warnings: inout [RuleIssue]) -> String? {
        let release = "ATT&CK \(kb.attackVersion ?? "(unknown release)")"
        guard let canonical = ATTACKIdentifiers.techniqueID(mention.techniqueID) else {
            warnings.append(RuleIssue(path: path, line: mention.line, reason: "'\(mention.techniqueID)' is not a technique ID; ignored", severity: .warning))
            return nil
        }
        guard let id = kb.status(ofAttackID: canonical, kind: .technique).current?.attackID else {
            warnings.append(RuleIssue(path: path, line: mention.line, reason: "\(canonical) is not in \(release) (a newer release?); ignored", severity: .warning))
            return nil
        }
        if id != canonical {
            warnings.append(RuleIssue(path: path, line: mention.line, reason: "\(canonical) was revoked by \(id); counted as \(id)", severity: .warning))
        }
        return id
    }
}
