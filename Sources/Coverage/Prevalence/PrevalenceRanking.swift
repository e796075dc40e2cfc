import ATTACK

/// Gaps ranked by group usage combined with prevalence in the wild.
///
/// ## The score
/// `score = groupWeight × groupShare + prevalenceWeight × prevalence`, where `groupShare` is
/// the fraction of the chosen profiles (groups) that use the technique and `prevalence` is
/// ``Prevalence/value(_:)``; both lie in 0…1, and the default weights are 0.6 and 0.4, so a
/// technique every chosen group uses still outranks one that is merely common, while a
/// technique seen everywhere lifts above one used by a single group. Ties go to the technique
/// more groups of the whole release use, then to the ATT&CK ID.
///
/// Without prevalence the score is the group share alone, and the order is exactly
/// ``GapAnalysis``'s. With prevalence, techniques the reports name but no chosen group uses
/// are ranked too (their group share is 0).
///
/// ```swift
/// let ranking = PrevalenceRanking(coverage: snapshot, profiles: profiles, prevalence: prevalence, knowledgeBase: kb)
/// ranking.gaps.first?.techniqueID   // "T1059.001"
/// ```
public struct PrevalenceRanking: Sendable {
    /// The weights of the two parts.
    public struct Weights: Sendable, Hashable {
        /// Weight of the group share (default 0.6).
        public var groups: Double
        /// Weight of the prevalence (default 0.4).
        public var prevalence: Double

        /// Creates weights.
        public init(groups: Double = 0.6, prevalence: Double = 0.4) {
            self.groups = groups
            self.prevalence = prevalence
        }
    }

    /// One ranked gap.
    public struct RankedGap: Sendable, Hashable {
        /// `T1059.001`.
        public var techniqueID: String
        /// The technique's name.
        public var name: String
        /// Logged or Blind.
        public var state: CoverageState
        /// The combined score, 0…1.
        public var score: Double
        /// Fraction of the chosen profiles using it.
        public var groupShare: Double
        /// Prevalence, 0…1.
        public var prevalence: Double
        /// Labels of the chosen profiles using it.
        public var groups: [String]
        /// Reports that list it.
        public var reports: [String]
        /// Groups of the whole release using it.
        public var groupsInRelease: Int
    }

    /// The gaps, best first.
    public let gaps: [RankedGap]

    /// Ranks the not-Detected techniques of `coverage` that the profiles use or the reports name.
    public init(coverage: CoverageSnapshot, profiles: [ThreatProfile], prevalence: Prevalence? = nil,
                knowledgeBase kb: KnowledgeBase, weights: Weights = Weights()) {
        var usersInRelease: [String: Int] = [:]
        for group in kb.objects(.group) {
            for id in Set(kb.techniquesUsed(byGroup: group).map(\.object.attackID)) { usersInRelease[id, default: 0] += 1 }
        }
        var users: [String: [String]] = [:]
        for profile in profiles { for id in profile.techniqueIDs { users[id, default: []].append(profile.label) } }
        var candidates = Set(users.keys)
        let usePrevalence = prevalence.map { !$0.reports.isEmpty } ?? false
        if usePrevalence, let prevalence { candidates.formUnion(prevalence.techniqueIDs) }
        var gaps: [RankedGap] = []
        for id in candidates {
            let state = coverage.state(id)
            guard state != .detected, let technique = kb.objects(attackID: id).first(where: \.isActive) else { continue }
            let share = profiles.isEmpty ? 0 : Double(users[id]?.count ?? 0) / Double(profiles.count)
            let seen = prevalence?.value(id) ?? 0
            let score = usePrevalence ? weights.groups * share + weights.prevalence * seen : share
            gaps.append(RankedGap(
                techniqueID: id, name: technique.name, state: state, score: score, groupShare: share, prevalence: seen,
                groups: (users[id] ?? []).sorted(), reports: prevalence?.reports(listing: id) ?? [],
                groupsInRelease: usersInRelease[id] ?? 0))
        }
        self.gaps = gaps.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.groupsInRelease != $1.groupsInRelease { return $0.groupsInRelease > $1.groupsInRelease }
            return $0.techniqueID < $1.techniqueID
        }
    }
}
