/// The coverage of one technique or sub-technique.
public struct TechniqueCoverage: Sendable, Hashable {
    /// `T1059.001`.
    public var techniqueID: String
    /// The technique's name.
    public var name: String
    /// True for sub-techniques.
    public var isSubtechnique: Bool
    /// The parent's ID for sub-techniques.
    public var parentID: String?
    /// Tactic shortnames of the technique, as the release lists them.
    public var tactics: [String]
    /// Platforms of the technique.
    public var platforms: [String]
    /// Detected, Logged or Blind.
    public var state: CoverageState
    /// The score for the state (see ``CoverageOptions/scores``).
    public var score: Double
    /// The rules that make it Detected, and how each applied.
    public var rules: [RuleReference]
    /// The inventory entries that would see it (filled whether or not it is Detected).
    public var telemetry: [TelemetrySource]
    /// Atomic Red Team tests of the technique, when tests were read.
    public var atomicTests: [AtomicTest]
    /// DeTT&CT scores, when the coverage came from DeTT&CT (kept so exports round-trip).
    public var dettect: DeTTECTScores?
    /// For parents: how many sub-techniques there are.
    public var subtechniqueCount = 0
    /// For parents: how many sub-techniques are Detected.
    public var subtechniquesDetected = 0

    /// Creates the coverage of one technique.
    public init(
        techniqueID: String, name: String, isSubtechnique: Bool? = nil, parentID: String? = nil, tactics: [String] = [],
        platforms: [String] = [], state: CoverageState, score: Double, rules: [RuleReference] = [],
        telemetry: [TelemetrySource] = [], atomicTests: [AtomicTest] = [], dettect: DeTTECTScores? = nil
    ) {
        self.techniqueID = techniqueID
        self.name = name
        self.isSubtechnique = isSubtechnique ?? techniqueID.contains(".")
        self.parentID = parentID
        self.tactics = tactics
        self.platforms = platforms
        self.state = state
        self.score = score
        self.rules = rules
        self.telemetry = telemetry
        self.atomicTests = atomicTests
        self.dettect = dettect
    }

    /// Where the rules that detect it live, for annotations (SARIF locations, listings).
    public var ruleLocations: [RuleLocation] { rules.map { RuleLocation($0.rule) } }
}

/// A rule counted for a technique, and how it applied.
public struct RuleReference: Sendable, Hashable {
    /// How the rule reached the technique.
    public enum AppliedAs: Sendable, Hashable {
        /// The rule names the technique.
        case direct
        /// The rule names a revoked ID (given) that this technique replaced.
        case revokedID(String)
        /// The rule names the parent (given); counted because of the parent switch.
        case parent(String)
    }

    /// The rule.
    public var rule: DetectionRule
    /// How it applied.
    public var appliedAs: AppliedAs = .direct
}

/// How many techniques of a set are in each state — a tactic's, a group's, a whole result's.
public struct StateCounts: Sendable, Hashable {
    /// Techniques in the set.
    public var techniques = 0
    /// Detected ones.
    public var detected = 0
    /// Logged ones.
    public var logged = 0
    /// Blind ones.
    public var blind = 0

    /// Counts the states given.
    public init<S: Sequence<CoverageState>>(_ states: S) {
        for state in states { add(state) }
    }

    /// How many are in a state.
    public func count(_ state: CoverageState) -> Int {
        switch state {
        case .detected: return detected
        case .logged: return logged
        case .blind: return blind
        }
    }

    /// Share of a state in percent (0 when the set is empty).
    public func percent(_ state: CoverageState) -> Double {
        techniques > 0 ? Double(count(state)) * 100 / Double(techniques) : 0
    }

    /// Counts one more technique.
    public mutating func add(_ state: CoverageState) {
        techniques += 1
        switch state {
        case .detected: detected += 1
        case .logged: logged += 1
        case .blind: blind += 1
        }
    }
}

/// Counts of one tactic's techniques per state (`summary.detected`, `summary.percent(.blind)`).
@dynamicMemberLookup
public struct TacticSummary: Sendable, Hashable {
    /// The tactic shortname.
    public var tactic: String
    /// The counts.
    public var counts: StateCounts

    /// A count of ``StateCounts``.
    public subscript(dynamicMember member: KeyPath<StateCounts, Int>) -> Int { counts[keyPath: member] }
    /// Share of a state in percent (0 when the tactic is empty).
    public func percent(_ state: CoverageState) -> Double { counts.percent(state) }
}

/// Where a rule lives, for annotations (SARIF locations, diff listings).
public struct RuleLocation: Sendable, Hashable {
    /// The rule file as scanned.
    public var path: String
    /// The 1-based line where the rule starts.
    public var line: Int = 1
    /// The rule's title.
    public var title: String = ""
}

extension RuleLocation {
    /// The location of a scanned rule.
    public init(_ rule: DetectionRule) {
        self.init(path: rule.path, line: rule.line, title: rule.title)
    }
}

/// A technique's current DeTT&CT scores: detection −1…5 and visibility 0…4.
public struct DeTTECTScores: Sendable, Hashable {
    /// Detection: −1 none, 0 forensics/context, 1 basic … 5 excellent.
    public var detection: Int
    /// Visibility: 0 none, 1 minimal … 4 excellent.
    public var visibility: Int

    /// The ttpkit state these scores mean: detection ≥ 1 → Detected; detection 0
    /// (forensics/context) or visibility ≥ 1 → Logged; otherwise Blind.
    public var state: CoverageState {
        if detection >= 1 { return .detected }
        if detection == 0 || visibility >= 1 { return .logged }
        return .blind
    }
}

/// One thing ``CoverageResult/aligned(to:)`` changed while lining a result up with a release.
public struct AlignmentChange: Sendable, Hashable, CustomStringConvertible {
    /// What happened to the technique.
    public enum Kind: String, Sendable, Hashable {
        /// A revoked ID: its entry moved to the technique that replaced it.
        case remapped
        /// Moved onto a technique the result already listed; the better state was kept.
        case merged
        /// A deprecated technique (or revoked with no active replacement): left out.
        case deprecated
        /// An ID the release does not know (a newer release?): left out.
        case unknown
    }

    /// What happened.
    public var kind: Kind
    /// The ID as the result had it.
    public var techniqueID: String
    /// The ID it moved to (remapped, merged).
    public var replacement: String?
    /// The state the entry had.
    public var state: CoverageState
    /// The replacement's name, when it moved.
    public var replacementName: String?

    /// `T1086 → T1059.001: remapped (detected)`.
    public var description: String {
        techniqueID + (replacement.map { " → \($0)" } ?? "") + ": \(kind.rawValue) (\(state.rawValue))"
    }
}
