import ATTACK
import Foundation

/// The coverage seen from chosen threat profiles (groups, or a targets file): the one ranked gap
/// list, the quick wins, each profile's exposure and what to collect next — computed once,
/// here, for `gaps`, `report coverage`, the coverage gates and the server alike.
///
/// ## Gaps
/// The profiles' techniques that are not Detected (a technique the coverage does not list is
/// Blind), plus — with prevalence — the techniques the prevalence reports name. Each gets
/// `score = groupWeight × groupShare + prevalenceWeight × prevalence` (``Weights``: 0.6 and
/// 0.4), where `groupShare` is the fraction of the chosen profiles using it and `prevalence` is
/// ``Prevalence/value(_:)``; without prevalence the score is the group share alone. Ranked by
/// score, then by how many groups of the whole release use the technique, then by ATT&CK ID.
///
/// That ranking is then split, in order: a technique an unexpired waiver names goes to
/// ``waived``; a pre-compromise one (``PreCompromise``: Reconnaissance, Resource
/// Development, only mitigated by M1056) goes to ``preCompromiseGaps`` — watched with threat
/// intelligence, not the SOC's logs — unless `includePreCompromise`; the rest are ``gaps``,
/// the list every front end shows and the `fail-on-gaps` gate counts.
///
/// ## Quick wins
/// Techniques the profiles use that are Logged (the telemetry is already collected) but not
/// Detected, and not waived: a rule can be written today. Ranked by how many profiles use them, then
/// prevalence, then whether Atomic Red Team tests exist, then use across the release, then ID.
///
/// ```swift
/// let selection = try GroupSelection.choose(.named(["APT29"]), galaxy: nil, knowledgeBase: kb)
/// let study = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb)
/// study.gaps.prefix(10).map(\.techniqueID)   // the top-10 gaps for APT29, pre-compromise apart
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

    /// A gap an unexpired waiver accepts.
    public struct Waived: Sendable, Hashable {
        /// The gap, as it would rank.
        public var gap: Gap
        /// The waiver accepting it.
        public var waiver: Waiver
    }

    /// The chosen profiles.
    public let profiles: [ThreatProfile]
    /// The gaps that count, best first: neither waived nor, unless included, pre-compromise.
    public let gaps: [Gap]
    /// The pre-compromise gaps, best first, listed apart; empty when they are included in ``gaps``.
    public let preCompromiseGaps: [Gap]
    /// The gaps unexpired waivers accept, best first.
    public let waived: [Waived]
    /// What the waivers file did: expired and unused waivers, notes.
    public let waivers: WaiverReview
    /// Quick wins, best first.
    public let quickWins: [QuickWin]
    /// One per profile, in the order given.
    public let exposures: [Exposure]
    /// The chosen profiles' techniques together.
    public let totalExposure: Exposure
    /// What to collect next for the Blind techniques: sources that make the chosen profiles'
    /// techniques visible first, then all; pre-compromise techniques are left out unless included.
    public let recommendations: [TelemetryRecommendations.Recommendation]
    /// Gap and Blind techniques that happen before the compromise (``PreCompromise``), ID → why.
    public let preCompromise: [String: String]
    /// True when pre-compromise techniques count among the gaps and in the collection plan.
    public let includesPreCompromise: Bool
    /// Technique IDs the chosen profiles use (any state).
    public let chosenTechniques: Set<String>
    /// True when prevalence took part in the gap scores.
    public let usesPrevalence: Bool
    /// The weights of the gap score.
    public let weights: Weights
    /// True when Atomic Red Team tests were given.
    public let hasAtomicTests: Bool

    /// Studies `coverage` for `profiles`; `waivers` are judged on `today` (an expiry day
    /// still holds).
    public init(
        coverage: CoverageResult, profiles: [ThreatProfile], prevalence: Prevalence? = nil, atomics: AtomicIndex? = nil,
        knowledgeBase kb: KnowledgeBase, weights: Weights = Weights(), recommendationLimit: Int = 5,
        includePreCompromise: Bool = false, waivers file: WaiverFile? = nil, asOf today: CalendarDay = CalendarDay(Date())
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
        let active = Dictionary((file?.waivers ?? []).filter { !$0.isExpired(asOf: today) }.map { ($0.techniqueID, $0) },
                                uniquingKeysWith: { first, _ in first })
        for id in candidates {
            let technique = coverage.technique(id)
            let state = technique?.state ?? .blind
            guard state != .detected else { continue }
            let name = technique?.name ?? kb.objects(attackID: id).first(where: \.isActive)?.name ?? ""
            let using = (users[id] ?? []).sorted()
            let seen = prevalence?.value(id) ?? 0
            if let technique, state == .logged && !using.isEmpty && active[id] == nil {
                wins.append(QuickWin(
                    techniqueID: id, name: name, groups: using, groupsInRelease: usersInRelease[id] ?? 0,
                    prevalence: seen, telemetry: technique.telemetry.map(\.label), atomicTests: atomicTests?.tests[id] ?? []))
            }
            let share = profiles.isEmpty ? 0 : Double(using.count) / Double(profiles.count)
            let mitigations = kb.status(ofAttackID: id, kind: .technique).current.map { object in
                kb.mitigations(of: object).map { "\($0.object.name) (\($0.object.attackID))" }.sorted()
            } ?? []
            gaps.append(Gap(
                techniqueID: id, name: name, state: state,
                score: usePrevalence ? weights.groups * share + weights.prevalence * seen : share, groupShare: share,
                prevalence: seen, groups: using, reports: prevalence?.reports(listing: id) ?? [],
                groupsInRelease: usersInRelease[id] ?? 0, mitigations: mitigations))
        }
        let ranked = gaps.sorted {
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
        let blind = coverage.techniques.filter { $0.state == .blind }.map(\.techniqueID)
        for id in ranked.map(\.techniqueID) + blind where preCompromise[id] == nil {
            guard let object = kb.objects(attackID: id).first(where: { $0.isActive }), let why = before.reason(object) else { continue }
            preCompromise[id] = why
        }
        self.preCompromise = preCompromise
        self.includesPreCompromise = includePreCompromise
        var counted: [Gap] = [], apart: [Gap] = [], waived: [Waived] = []
        for gap in ranked {
            if let waiver = active[gap.techniqueID] {
                waived.append(Waived(gap: gap, waiver: waiver))
            } else if !includePreCompromise && preCompromise[gap.techniqueID] != nil {
                apart.append(gap)
            } else {
                counted.append(gap)
            }
        }
        self.gaps = counted
        self.preCompromiseGaps = apart
        self.waived = waived
        self.waivers = WaiverReview(file: file, asOf: today, gaps: ranked, coverage: coverage)
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
