import ATTACK

/// The state of every technique in one coverage result, reduced to what comparisons need:
/// the value gates, diffs, baselines and DeTT&CT exports work on.
///
/// A snapshot comes from a live ``CoverageAnalysis`` (`CoverageSnapshot(analysis)`), from a
/// coverage file or a coverage layer (``CoverageSnapshot/read(path:)``), or from a DeTT&CT
/// technique-administration file (``TechniqueAdministration/snapshot(knowledgeBase:)``).
/// Entries are kept in ATT&CK ID order; look-ups by ID are constant time.
///
/// ```swift
/// let old = try CoverageSnapshot.read(path: "coverage-main.json")
/// let new = CoverageSnapshot(analysis, domain: kb.domain)
/// new.entry("T1059.001")?.state   // .detected
/// new.count(.detected)            // 412
/// ```
public struct CoverageSnapshot: Sendable, Hashable {
    /// One technique's state.
    public struct Entry: Sendable, Hashable {
        /// `T1059.001`.
        public var techniqueID: String
        /// The technique's name (may be empty when the source does not say).
        public var name: String
        /// Tactic shortnames.
        public var tactics: [String]
        /// Detected, Logged or Blind.
        public var state: CoverageState
        /// The score the source gave, when it gave one.
        public var score: Double?
        /// The rules that make it Detected, when the source lists them.
        public var rules: [RuleLocation]
        /// DeTT&CT scores, when the source is a DeTT&CT file (kept so exports round-trip).
        public var dettect: DeTTECTScores?
        /// How many telemetry sources see it (0 when unknown).
        public var telemetryCount: Int

        /// Creates an entry.
        public init(
            techniqueID: String, name: String = "", tactics: [String] = [], state: CoverageState,
            score: Double? = nil, rules: [RuleLocation] = [], dettect: DeTTECTScores? = nil, telemetryCount: Int = 0
        ) {
            self.techniqueID = techniqueID
            self.name = name
            self.tactics = tactics
            self.state = state
            self.score = score
            self.rules = rules
            self.dettect = dettect
            self.telemetryCount = telemetryCount
        }
    }

    /// Where the snapshot came from (a path, or `analysis`).
    public var source: String
    /// The ATT&CK domain, when known.
    public var domain: AttackDomain?
    /// The ATT&CK release, when known (`18.1`).
    public var release: String?
    /// Entries in ATT&CK ID order, one per technique.
    public private(set) var entries: [Entry]
    private var positions: [String: Int]

    /// Creates a snapshot; entries are sorted by ID and the first of duplicate IDs is kept.
    public init(source: String, domain: AttackDomain? = nil, release: String? = nil, entries: [Entry]) {
        self.source = source
        self.domain = domain
        self.release = release
        var seen = Set<String>()
        self.entries = entries.filter { seen.insert($0.techniqueID).inserted }.sorted { $0.techniqueID < $1.techniqueID }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(self.entries.count)
        for (index, entry) in self.entries.enumerated() { positions[entry.techniqueID] = index }
        self.positions = positions
    }

    /// The snapshot of a live analysis.
    public init(_ analysis: CoverageAnalysis, domain: AttackDomain? = nil, source: String = "analysis") {
        self.init(source: source, domain: domain, release: analysis.release, entries: analysis.techniques.map { coverage in
            Entry(
                techniqueID: coverage.techniqueID, name: coverage.name, tactics: coverage.tactics, state: coverage.state,
                score: coverage.score, rules: coverage.rules.map { RuleLocation($0.rule) },
                telemetryCount: coverage.telemetry.count)
        })
    }

    /// The entry of one technique.
    public func entry(_ techniqueID: String) -> Entry? {
        positions[techniqueID].map { entries[$0] }
    }

    /// The state of one technique; Blind when the snapshot does not list it.
    public func state(_ techniqueID: String) -> CoverageState {
        entry(techniqueID)?.state ?? .blind
    }

    /// How many techniques are in a state.
    public func count(_ state: CoverageState) -> Int { entries.count(where: { $0.state == state }) }

    /// IDs of the Detected techniques.
    public var detectedIDs: Set<String> { Set(entries.lazy.filter { $0.state == .detected }.map(\.techniqueID)) }
}

/// Where a rule lives, for annotations (SARIF locations, diff listings).
public struct RuleLocation: Sendable, Hashable, Codable {
    /// The rule file as scanned.
    public var path: String
    /// The 1-based line where the rule starts.
    public var line: Int
    /// The rule's title.
    public var title: String

    /// Creates a location.
    public init(path: String, line: Int = 1, title: String = "") {
        self.path = path
        self.line = line
        self.title = title
    }

    /// The location of a scanned rule.
    public init(_ rule: DetectionRule) {
        self.init(path: rule.path, line: rule.line, title: rule.title)
    }
}

/// A technique's current DeTT&CT scores: detection −1…5 and visibility 0…4.
public struct DeTTECTScores: Sendable, Hashable, Codable {
    /// Detection: −1 none, 0 forensics/context, 1 basic … 5 excellent.
    public var detection: Int
    /// Visibility: 0 none, 1 minimal … 4 excellent.
    public var visibility: Int

    /// Creates scores.
    public init(detection: Int, visibility: Int) {
        self.detection = detection
        self.visibility = visibility
    }

    /// The ttpkit state these scores mean: detection ≥ 1 → Detected; detection 0
    /// (forensics/context) or visibility ≥ 1 → Logged; otherwise Blind.
    public var state: CoverageState {
        if detection >= 1 { return .detected }
        if detection == 0 || visibility >= 1 { return .logged }
        return .blind
    }
}
