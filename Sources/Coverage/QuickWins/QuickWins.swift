import ATTACK

/// Techniques where a rule can be written today: Logged (the telemetry is already collected)
/// but not Detected, and used by the chosen threat profiles — ranked, each with the Atomic Red
/// Team tests that would validate a new rule.
///
/// Ranked by how many chosen profiles use the technique, then by prevalence (when given),
/// then by whether Atomic Red Team tests exist (a rule that can be tested first), then by how
/// many groups of the whole release use it, then by ATT&CK ID.
///
/// ```swift
/// let wins = QuickWins(coverage: analysis, profiles: ThreatProfile.groups([apt29], knowledgeBase: kb),
///                      atomics: AtomicIndex.load(folder: "atomic-red-team/atomics"), knowledgeBase: kb)
/// wins.wins.first?.telemetry     // ["WinEventLog:Security EventCode=4688"]
/// wins.wins.first?.atomicTests   // the tests to validate the new rule
/// ```
public struct QuickWins: Sendable {
    /// One quick win.
    public struct Win: Sendable, Hashable {
        /// `T1059.001`.
        public var techniqueID: String
        /// The technique's name.
        public var name: String
        /// Chosen profiles using it, sorted.
        public var groups: [String]
        /// Groups of the whole release using it.
        public var groupsInRelease: Int
        /// Prevalence, 0…1 (0 without prevalence input).
        public var prevalence: Double
        /// The collected telemetry that sees it (`WinEventLog:Sysmon EventCode=1`, `Process Creation`).
        public var telemetry: [String]
        /// Atomic Red Team tests of the technique.
        public var atomicTests: [AtomicTest]
    }

    /// The quick wins, best first.
    public let wins: [Win]

    /// Lists and ranks the quick wins.
    public init(coverage: CoverageAnalysis, profiles: [ThreatProfile], atomics: AtomicIndex? = nil,
                prevalence: Prevalence? = nil, knowledgeBase kb: KnowledgeBase) {
        var users: [String: [String]] = [:]
        for profile in profiles { for id in profile.techniqueIDs { users[id, default: []].append(profile.label) } }
        var usersInRelease: [String: Int] = [:]
        for group in kb.objects(.group) {
            for id in Set(kb.techniquesUsed(byGroup: group).map(\.object.attackID)) { usersInRelease[id, default: 0] += 1 }
        }
        var wins: [Win] = []
        for (id, labels) in users {
            guard let technique = coverage.technique(id), technique.state == .logged else { continue }
            wins.append(Win(
                techniqueID: id, name: technique.name, groups: labels.sorted(), groupsInRelease: usersInRelease[id] ?? 0,
                prevalence: prevalence?.value(id) ?? 0, telemetry: technique.telemetry.map(CoverageAnalysis.describe),
                atomicTests: atomics?.tests[id] ?? []))
        }
        self.wins = wins.sorted { a, b in
            if a.groups.count != b.groups.count { return a.groups.count > b.groups.count }
            if a.prevalence != b.prevalence { return a.prevalence > b.prevalence }
            if a.atomicTests.isEmpty != b.atomicTests.isEmpty { return !a.atomicTests.isEmpty }
            if a.groupsInRelease != b.groupsInRelease { return a.groupsInRelease > b.groupsInRelease }
            return a.techniqueID < b.techniqueID
        }
    }
}
