import ATTACK

/// The one coverage model: per technique its state (Detected, Logged, Blind), score, rules,
/// telemetry and Atomic Red Team tests; with the totals, the rule-quality counts, the rule
/// findings and the input issues of the run that made it.
///
/// A result is computed from rules (``init(rules:telemetry:knowledgeBase:options:)``, or
/// ``CoverageRequest`` for the whole pipeline from paths), read from a file with
/// ``CoverageDocument/read(path:knowledgeBase:)`` (a coverage file of format version 1 or 2,
/// a Navigator coverage layer, or a DeTT&CT technique-administration file), and lined up with
/// a release by ``aligned(to:)``. Gates, diffs, baselines, DeTT&CT exports, migration, gaps and
/// reports all work on it, so a technique has the same state in every command.
///
/// ```swift
/// let result = CoverageResult(rules: scan.rules, telemetry: inventory, knowledgeBase: kb)
/// result.technique("T1059.001")?.state   // .detected
/// result.count(.blind)                   // techniques nothing covers
/// try CoverageDocument.write(result, knowledgeBase: kb, to: "coverage.json")
/// ```
public struct CoverageResult: Sendable {
    /// Where a result came from.
    public enum Origin: String, Sendable, Hashable {
        /// Computed in this process from rules.
        case computed
        /// Read from a ttpkit coverage file (JSON).
        case coverageFile = "coverage-file"
        /// Read from a Navigator layer through ``LayerScorePolicy``: no rules, quality or findings.
        case layer
        /// Imported from a DeTT&CT technique-administration file.
        case dettect
    }

    /// The inputs of the run that computed the result.
    public struct Inputs: Sendable, Hashable {
        /// Rule files and folders, as given.
        public var rules: [String]
        /// The telemetry inventory, if any.
        public var telemetry: String?
        /// The Atomic Red Team folder, if any.
        public var atomics: String?

        /// Creates inputs.
        public init(rules: [String] = [], telemetry: String? = nil, atomics: String? = nil) {
            self.rules = rules
            self.telemetry = telemetry
            self.atomics = atomics
        }
    }

    /// The file the result was read from, or `computed`.
    public var source: String
    /// Where it came from.
    public var origin: Origin
    /// The ATT&CK domain, when known (always after ``aligned(to:)``).
    public var domain: AttackDomain?
    /// The ATT&CK release (`18.1`), when known.
    public var release: String?
    /// When the coverage was computed (ISO 8601), when known.
    public var generated: String?
    /// The inputs of the run.
    public var inputs: Inputs
    /// The counting choices used.
    public var options: CoverageOptions
    /// One entry per technique, in ATT&CK order (release order once aligned).
    public private(set) var techniques: [TechniqueCoverage]
    /// Rule findings: revoked / deprecated / unknown IDs, unknown tactics, tactic-only rules,
    /// rules that cannot fire.
    public var findings: [RuleFinding]
    /// Rule-quality counts; nil when the source does not keep them (a layer, a DeTT&CT file).
    public var quality: RuleQuality?
    /// Problems with the inputs (rule files, telemetry, atomics): errors and warnings.
    public var issues: [RuleIssue]
    /// True when Atomic Red Team tests were read (each technique's ``TechniqueCoverage/atomicTests``).
    public var hasAtomicTests: Bool
    /// Rules whose log source could not be checked against the telemetry (computed results).
    public var uncheckedRules: [DetectionRule]
    /// Rules left out by status or `enabled` (computed results).
    public var excludedRules: [DetectionRule]
    /// What lining the result up with a release changed (see ``aligned(to:)``).
    public var alignment: [AlignmentChange]
    /// Notes for people: release mismatches, techniques added as Blind, how a layer was read.
    public var notes: [String]
    private var positions: [String: Int]

    /// Creates a result from its parts; `techniques` are kept in the order given, the first of
    /// duplicate IDs wins.
    public init(
        source: String = "computed", origin: Origin = .computed, domain: AttackDomain? = nil, release: String? = nil,
        techniques: [TechniqueCoverage], options: CoverageOptions = CoverageOptions(), findings: [RuleFinding] = [],
        quality: RuleQuality? = nil, issues: [RuleIssue] = [], inputs: Inputs = Inputs(), generated: String? = nil,
        hasAtomicTests: Bool = false, notes: [String] = []
    ) {
        self.source = source
        self.origin = origin
        self.domain = domain
        self.release = release
        self.options = options
        self.findings = findings
        self.quality = quality
        self.issues = issues
        self.inputs = inputs
        self.generated = generated
        self.hasAtomicTests = hasAtomicTests
        self.uncheckedRules = []
        self.excludedRules = []
        self.alignment = []
        self.notes = notes
        self.techniques = []
        self.positions = [:]
        replaceTechniques(techniques)
    }

    /// Replaces the techniques (first of duplicate IDs wins) and recounts parents' Detected
    /// sub-techniques.
    mutating func replaceTechniques(_ list: [TechniqueCoverage]) {
        var positions: [String: Int] = [:]
        var kept: [TechniqueCoverage] = []
        kept.reserveCapacity(list.count)
        for technique in list where positions[technique.techniqueID] == nil {
            positions[technique.techniqueID] = kept.count
            kept.append(technique)
        }
        var subs: [String: (total: Int, detected: Int)] = [:]
        for technique in kept {
            guard let parent = technique.parentID ?? Self.parent(of: technique.techniqueID) else { continue }
            var count = subs[parent] ?? (0, 0)
            count.total += 1
            if technique.state == .detected { count.detected += 1 }
            subs[parent] = count
        }
        for index in kept.indices where !kept[index].isSubtechnique {
            let count = subs[kept[index].techniqueID] ?? (0, 0)
            kept[index].subtechniqueCount = count.total
            kept[index].subtechniquesDetected = count.detected
        }
        self.techniques = kept
        self.positions = positions
    }

    static func parent(of id: String) -> String? {
        id.firstIndex(of: ".").map { String(id[..<$0]) }
    }

    /// The coverage of one technique (canonical ID).
    public func technique(_ id: String) -> TechniqueCoverage? {
        positions[id].map { techniques[$0] }
    }

    /// The state of one technique; Blind when the result does not list it.
    public func state(_ id: String) -> CoverageState {
        technique(id)?.state ?? .blind
    }

    /// How many techniques are in a state.
    public func count(_ state: CoverageState) -> Int { techniques.count(where: { $0.state == state }) }

    /// How many parent techniques (or sub-techniques) there are and how many are Detected.
    public func detectedShare(subtechniques: Bool) -> (detected: Int, total: Int) {
        let members = techniques.filter { $0.isSubtechnique == subtechniques }
        return (members.count(where: { $0.state == .detected }), members.count)
    }

    /// IDs of the Detected techniques.
    public var detectedIDs: Set<String> { Set(techniques.lazy.filter { $0.state == .detected }.map(\.techniqueID)) }

    /// Atomic Red Team tests for Detected techniques (to validate the rules) and for Blind
    /// ones (to build detections against), by technique ID.
    public var atomicTestsByState: (detected: [String: [AtomicTest]], blind: [String: [AtomicTest]]) {
        var detected: [String: [AtomicTest]] = [:]
        var blind: [String: [AtomicTest]] = [:]
        for technique in techniques where !technique.atomicTests.isEmpty {
            switch technique.state {
            case .detected: detected[technique.techniqueID] = technique.atomicTests
            case .blind: blind[technique.techniqueID] = technique.atomicTests
            case .logged: break
            }
        }
        return (detected, blind)
    }

    /// The Atomic Red Team tests the result carries, as an index; nil when none were read.
    public var atomicIndex: AtomicIndex? {
        guard hasAtomicTests else { return nil }
        var tests: [String: [AtomicTest]] = [:]
        for technique in techniques where !technique.atomicTests.isEmpty { tests[technique.techniqueID] = technique.atomicTests }
        return AtomicIndex(tests: tests)
    }

    /// Attaches Atomic Red Team tests to every technique.
    public mutating func attach(_ atomics: AtomicIndex) {
        hasAtomicTests = true
        for index in techniques.indices { techniques[index].atomicTests = atomics.tests[techniques[index].techniqueID] ?? [] }
    }

    /// Counts and percentages per tactic of the release, in matrix order.
    public func summaryByTactic(_ kb: KnowledgeBase) -> [TacticSummary] {
        summary(tactics: kb.orderedTactics().map(\.shortname))
    }

    /// Counts per tactic, in the order given; a technique in several tactics counts in each.
    public func summary(tactics: [String]) -> [TacticSummary] {
        var counts: [String: StateCounts] = [:]
        for tactic in tactics { counts[tactic] = StateCounts([]) }
        for technique in techniques {
            for tactic in technique.tactics where counts[tactic] != nil {
                counts[tactic]?.add(technique.state)
            }
        }
        return tactics.map { TacticSummary(tactic: $0, counts: counts[$0] ?? StateCounts([])) }
    }

    /// The tactics the techniques name, in order of first appearance (when no release is loaded).
    public var tacticsSeen: [String] {
        var seen: [String] = []
        var set = Set<String>()
        for technique in techniques {
            for tactic in technique.tactics where set.insert(tactic).inserted { seen.append(tactic) }
        }
        return seen
    }

    /// The score a state gets under this result's options.
    public func defaultScore(_ state: CoverageState) -> Double { options.scores.score(state) }
}
