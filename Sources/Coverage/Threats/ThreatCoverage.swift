import ATTACK

/// The coverage seen from chosen threat profiles (groups): the ranked gaps, the quick wins,
/// each profile's exposure and what to collect next — computed once, here, for `gaps`,
/// `report coverage` and the server alike.
///
/// ## Gaps
/// The profiles' techniques that are not Detected, plus — with prevalence — the techniques the
/// prevalence reports name. Each gets `score = groupWeight × groupShare + prevalenceWeight ×
/// prevalence` (``Weights``: 0.6 and 0.4), where `groupShare` is the fraction of the chosen
/// profiles using it and `prevalence` is ``Prevalence/value(_:)``; without prevalence the score
/// is the group share alone. Ranked by score, then by how many groups of the whole release use
/// the technique, then by ATT&CK ID.
///
/// ## Quick wins
/// Techniques the profiles use that are Logged (the telemetry is already collected) but not
/// Detected: a rule can be written today. Ranked by how many profiles use them, then
/// prevalence, then whether Atomic Red Team tests exist, then use across the release, then ID.
///
/// ```swift
/// let selection = try GroupSelection.choose(.named(["APT29"]), galaxy: nil, knowledgeBase: kb)
/// let study = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb)
/// study.gaps.prefix(10).map(\.techniqueID)   // the top-10 blind spots for APT29
/// study.exposures[0].percent(.blind)         // share of APT29's techniques that are Blind
/// ```
public struct ThreatCoverage: Sendable {
    /// The weights of the two parts of a gap's score.
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

    /// One technique a chosen profile uses (or the reports name) that is not Detected.
    public struct Gap: Sendable, Hashable {
        /// `T1059.001`.
        public var techniqueID: String
        /// The technique's name.
        public var name: String
        /// Logged or Blind.
        public var state: CoverageState
        /// The ranking score, 0…1.
        public var score: Double
        /// Fraction of the chosen profiles using it.
        public var groupShare: Double
        /// Prevalence, 0…1 (0 without prevalence input).
        public var prevalence: Double
        /// The chosen profiles using it, sorted by label.
        public var groups: [ThreatProfile.Name]
        /// Prevalence reports listing it.
        public var reports: [String]
        /// How many groups of the whole release use it.
        public var groupsInRelease: Int
        /// Its mitigations, as `Name (M1040)`, sorted.
        public var mitigations: [String]
    }

    /// A Logged-not-Detected technique the chosen profiles use.
    public struct QuickWin: Sendable, Hashable {
        /// `T1059.001`.
        public var techniqueID: String
        /// The technique's name.
        public var name: String
        /// The chosen profiles using it, sorted by label.
        public var groups: [ThreatProfile.Name]
        /// Groups of the whole release using it.
        public var groupsInRelease: Int
        /// Prevalence, 0…1 (0 without prevalence input).
        public var prevalence: Double
        /// The collected telemetry that sees it (`WinEventLog:Sysmon EventCode=1`, `Process Creation`).
        public var telemetry: [String]
        /// Atomic Red Team tests that would validate a new rule.
        public var atomicTests: [AtomicTest]
    }

    /// A set of techniques (one profile's, or all chosen profiles' together) split by state
    /// (`exposure.blind`, `exposure.percent(.detected)`).
    @dynamicMemberLookup
    public struct Exposure: Sendable, Hashable {
        /// The profile, or nil for the chosen profiles together.
        public var group: ThreatProfile.Name?
        /// The counts (active techniques of the coverage only).
        public var counts: StateCounts

        /// The exposure of `ids` in `coverage`.
        public init(group: ThreatProfile.Name?, techniqueIDs ids: Set<String>, coverage: CoverageResult) {
            self.group = group
            counts = StateCounts(ids.compactMap { coverage.technique($0)?.state })
        }

        /// A count of ``StateCounts``.
        public subscript(dynamicMember member: KeyPath<StateCounts, Int>) -> Int { counts[keyPath: member] }
        /// Share of a state in percent (0 when there are no techniques).
        public func percent(_ state: CoverageState) -> Double { counts.percent(state) }
    }

    /// The chosen profiles.
    public let profiles: [ThreatProfile]
    /// Gaps, best first.
    public let gaps: [Gap]
    /// Quick wins, best first.
    public let quickWins: [QuickWin]
    /// One per profile, in the order given.
    public let exposures: [Exposure]
    /// The chosen profiles' techniques together.
    public let totalExposure: Exposure
    /// What to collect next for the Blind techniques: sources that make the chosen profiles'
    /// techniques visible first, then all; pre-compromise techniques are left out unless included.
    public let recommendations: [TelemetryRecommendations.Recommendation]
    /// Gap techniques that happen before the compromise (``PreCompromise``), ID → why.
    public let preCompromise: [String: String]
    /// True when pre-compromise techniques count as blind spots and in the collection plan.
    public let includesPreCompromise: Bool
    /// Technique IDs the chosen profiles use (any state).
    public let chosenTechniques: Set<String>
    /// True when prevalence took part in the gap scores.
    public let usesPrevalence: Bool
    /// The weights of the gap score.
    public let weights: Weights
    /// True when Atomic Red Team tests were given.
    public let hasAtomicTests: Bool

    /// Studies `coverage` for `profiles`.
    public init(
        coverage: CoverageResult, profiles: [ThreatProfile], prevalence: Prevalence? = nil, atomics: AtomicIndex? = nil,
        knowledgeBase kb: KnowledgeBase, weights: Weights = Weights(), recommendationLimit: Int = 5,
        includePreCompromise: Bool = false
    ) {
        var usersInRelease: [String: Int] = [:]
        for group in kb.objects(.group) {
            for id in Set(kb.techniquesUsed(byGroup: group).map(\.object.attackID)) { usersInRelease[id, default: 0] += 1 }
        }
        var users: [String: [ThreatProfile.Name]] = [:]
        for profile in profiles { for id in profile.techniqueIDs { users[id, default: []].append(profile.name) } }
        let usePrevalence = !(prevalence?.reports.isEmpty ?? true)
        var candidates = Set(users.keys)
        if usePrevalence, let prevalence { candidates.formUnion(prevalence.techniqueIDs) }
        let atomicTests = atomics ?? coverage.atomicIndex

        var gaps: [Gap] = []
        var wins: [QuickWin] = []
        for id in candidates {
            guard let technique = coverage.technique(id), technique.state != .detected else { continue }
            let using = (users[id] ?? []).sorted()
            let seen = prevalence?.value(id) ?? 0
            if technique.state == .logged && !using.isEmpty {
                wins.append(QuickWin(
                    techniqueID: id, name: technique.name, groups: using, groupsInRelease: usersInRelease[id] ?? 0,
                    prevalence: seen, telemetry: technique.telemetry.map(\.label), atomicTests: atomicTests?.tests[id] ?? []))
            }
            let share = profiles.isEmpty ? 0 : Double(using.count) / Double(profiles.count)
            let mitigations = kb.status(ofAttackID: id, kind: .technique).current.map { object in
                kb.mitigations(of: object).map { "\($0.object.name) (\($0.object.attackID))" }.sorted()
            } ?? []
            gaps.append(Gap(
                techniqueID: id, name: technique.name, state: technique.state,
                score: usePrevalence ? weights.groups * share + weights.prevalence * seen : share, groupShare: share,
                prevalence: seen, groups: using, reports: prevalence?.reports(listing: id) ?? [],
                groupsInRelease: usersInRelease[id] ?? 0, mitigations: mitigations))
        }
        self.gaps = gaps.sorted {
            if $0.score != $1.score { return $0.score > $1.score }
            if $0.groupsInRelease != $1.groupsInRelease { return $0.groupsInRelease > $1.groupsInRelease }
            return $0.techniqueID < $1.techniqueID
        }
        self.quickWins = wins.sorted { a, b in
            if a.groups.count != b.groups.count { return a.groups.count > b.groups.count }
            if a.prevalence != b.prevalence { return a.prevalence > b.prevalence }
            if a.atomicTests.isEmpty != b.atomicTests.isEmpty { return !a.atomicTests.isEmpty }
            if a.groupsInRelease != b.groupsInRelease { return a.groupsInRelease > b.groupsInRelease }
            return a.techniqueID < b.techniqueID
        }
        let chosen = Set(users.keys)
        self.profiles = profiles
        self.exposures = profiles.map { Exposure(group: $0.name, techniqueIDs: $0.techniqueIDs, coverage: coverage) }
        self.totalExposure = Exposure(group: nil, techniqueIDs: chosen, coverage: coverage)
        let before = kb.preCompromise()
        var preCompromise: [String: String] = [:]
        for gap in gaps {
            guard let object = kb.objects(attackID: gap.techniqueID).first(where: { $0.isActive }), let why = before.reason(object) else { continue }
            preCompromise[gap.techniqueID] = why
        }
        for technique in coverage.techniques where technique.state == .blind && preCompromise[technique.techniqueID] == nil {
            guard let object = kb.objects(attackID: technique.techniqueID).first(where: { $0.isActive }), let why = before.reason(object) else { continue }
            preCompromise[technique.techniqueID] = why
        }
        self.preCompromise = preCompromise
        self.includesPreCompromise = includePreCompromise
        self.recommendations = TelemetryRecommendations(
            coverage: coverage, knowledgeBase: kb, focus: chosen, limit: recommendationLimit,
            excluding: includePreCompromise ? [] : Set(preCompromise.keys)).recommendations
        self.chosenTechniques = chosen
        self.usesPrevalence = usePrevalence
        self.weights = weights
        self.hasAtomicTests = atomicTests != nil
    }

    /// How the gap score is made, one sentence.
    public var scoreExplanation: String {
        guard usesPrevalence else { return "chosen groups using the technique, then groups of the whole release" }
        return "score = \(weights.groups) × group share (chosen groups using it) + \(weights.prevalence) × prevalence "
            + "(mean over the reports of count ÷ the report's highest count)"
    }
}
