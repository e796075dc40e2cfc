import ATTACK

/// The techniques chosen threat groups use that are not Detected, ranked, with each group's
/// exposure.
///
/// Gaps are ranked by how many of the chosen groups use the technique, then by how many
/// groups in all of the release use it, then by ATT&CK ID. A group's techniques follow
/// MITRE's definition: its own `uses` plus those of campaigns attributed to it.
///
/// ```swift
/// let apt29 = try kb.resolve("APT29", kind: .group).object
/// let gaps = GapAnalysis(coverage: analysis, groups: [apt29], knowledgeBase: kb)
/// gaps.gaps.prefix(10).map(\.techniqueID)   // the top-10 blind spots for APT29
/// gaps.exposures[0].percent(.blind)         // share of APT29's techniques that are Blind
/// ```
public struct GapAnalysis: Sendable {
    /// One technique a chosen group uses that is not Detected.
    public struct Gap: Sendable, Hashable, Codable {
        /// `T1059.001`.
        public var techniqueID: String
        /// The technique's name.
        public var name: String
        /// Logged or Blind.
        public var state: CoverageState
        /// The chosen groups using it, as `Name (G0016)`, sorted.
        public var groups: [String]
        /// How many groups in the whole release use it.
        public var groupsInRelease: Int
        /// The mitigations of the technique, as `Name (M1040)`.
        public var mitigations: [String]
    }

    /// One chosen group's techniques split by state.
    public struct Exposure: Sendable, Hashable, Codable {
        /// `Name (G0016)`.
        public var group: String
        /// Techniques the group uses (active ones).
        public var techniques: Int
        /// Of those, Detected.
        public var detected: Int
        /// Of those, Logged.
        public var logged: Int
        /// Of those, Blind.
        public var blind: Int

        /// Share of a state in percent (0 for a group with no techniques).
        public func percent(_ state: CoverageState) -> Double {
            guard techniques > 0 else { return 0 }
            switch state {
            case .detected: return Double(detected) * 100 / Double(techniques)
            case .logged: return Double(logged) * 100 / Double(techniques)
            case .blind: return Double(blind) * 100 / Double(techniques)
            }
        }
    }

    /// Gaps, ranked.
    public let gaps: [Gap]
    /// One per chosen group, in the order given.
    public let exposures: [Exposure]
    /// Technique IDs used by the chosen groups (any state).
    public let chosenTechniques: Set<String>

    /// Ranks the gaps of `coverage` for `groups`.
    public init(coverage: CoverageAnalysis, groups: [AttackObject], knowledgeBase kb: KnowledgeBase) {
        var usersInRelease: [String: Int] = [:]
        var usedByChosen: [String: [String]] = [:]
        let chosen = Set(groups.map(\.index))
        var exposures: [Exposure] = []
        var exposureByGroup: [Int: Set<String>] = [:]
        for group in kb.objects(.group) {
            let ids = Set(kb.techniquesUsed(byGroup: group).map(\.object.attackID))
            for id in ids { usersInRelease[id, default: 0] += 1 }
            if chosen.contains(group.index) { exposureByGroup[group.index] = ids }
        }
        for group in groups {
            let ids = exposureByGroup[group.index] ?? Set(kb.techniquesUsed(byGroup: group).map(\.object.attackID))
            let label = "\(group.name) (\(group.attackID))"
            for id in ids { usedByChosen[id, default: []].append(label) }
            let states = ids.compactMap { coverage.technique($0)?.state }
            exposures.append(Exposure(
                group: label, techniques: states.count, detected: states.count(where: { $0 == .detected }),
                logged: states.count(where: { $0 == .logged }), blind: states.count(where: { $0 == .blind })))
        }
        var gaps: [Gap] = []
        for (id, users) in usedByChosen {
            guard let technique = coverage.technique(id), technique.state != .detected else { continue }
            let mitigations = kb.objects(attackID: id).first(where: \.isActive).map { object in
                kb.mitigations(of: object).map { "\($0.object.name) (\($0.object.attackID))" }.sorted()
            } ?? []
            gaps.append(Gap(
                techniqueID: id, name: technique.name, state: technique.state, groups: users.sorted(),
                groupsInRelease: usersInRelease[id] ?? 0, mitigations: mitigations))
        }
        self.gaps = gaps.sorted {
            ($1.groups.count, $1.groupsInRelease, $0.techniqueID) < ($0.groups.count, $0.groupsInRelease, $1.techniqueID)
        }
        self.exposures = exposures
        self.chosenTechniques = Set(usedByChosen.keys)
    }
}
