import ATTACK
import STIX

/// What changed between two coverage results: techniques gained (now Detected), lost (no
/// longer Detected), and other state changes (Blind → Logged, Logged → Blind), overall and
/// per tactic.
///
/// Both sides are ``CoverageResult``s, so either may come from a coverage file, a coverage
/// layer or a live analysis. Aligned to one release (the usual case) both list the same
/// techniques; read without a release, a technique only one side lists is compared with Blind
/// and marked `added` / `removed` unless it is gained or lost. Results of different ATT&CK
/// domains cannot be compared.
///
/// ```swift
/// let diff = try CoverageDiff(old: try CoverageDocument.read(path: "main.json", knowledgeBase: kb),
///                             new: try CoverageDocument.read(path: "pr.json", knowledgeBase: kb))
/// diff.gained.map(\.techniqueID)   // ["T1003.006"]
/// diff.lost.count                  // 0
/// ```
public struct CoverageDiff: Sendable {
    /// How one technique changed.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Not Detected before, Detected now.
        case gained
        /// Detected before, not now.
        case lost
        /// Blind before, Logged now.
        case improved
        /// Logged before, Blind now.
        case worsened
        /// Only the new result lists it (and it is not Detected).
        case added
        /// Only the old result lists it (and it was not Detected).
        case removed
    }

    /// One technique whose state changed.
    public struct Change: Sendable, Hashable {
        /// `T1059.001`.
        public var techniqueID: String
        /// The technique's name (from the new side when it has one).
        public var name: String
        /// Tactic shortnames (from both sides).
        public var tactics: [String]
        /// The old state, or nil when the old result does not list it.
        public var old: CoverageState?
        /// The new state, or nil when the new result does not list it.
        public var new: CoverageState?
        /// The kind of change.
        public var kind: Kind
    }

    /// Counts of one tactic.
    public struct TacticChange: Sendable, Hashable {
        /// The tactic shortname.
        public var tactic: String
        /// Changes per kind.
        public var counts: [Kind: Int]
        /// Detected techniques in the tactic before and after.
        public var detectedBefore: Int
        /// Detected techniques in the tactic after.
        public var detectedAfter: Int
        /// Techniques in the tactic (new side).
        public var techniques: Int

        /// Changes of one kind.
        public func count(_ kind: Kind) -> Int { counts[kind] ?? 0 }
    }

    /// The old result's source.
    public let oldSource: String
    /// The new result's source.
    public let newSource: String
    /// The domain both results are of, when known.
    public let domain: AttackDomain?
    /// Every changed technique, in ATT&CK ID order.
    public let changes: [Change]
    /// Detected techniques before and after.
    public let detectedBefore: Int
    /// Detected techniques after.
    public let detectedAfter: Int
    /// Techniques listed on the new side.
    public let techniques: Int
    private let oldResult: CoverageResult
    private let newResult: CoverageResult

    /// Compares two results.
    /// - Throws: ``CoverageInputError`` when the results are of different domains.
    public init(old: CoverageResult, new: CoverageResult) throws(CoverageInputError) {
        if let oldDomain = old.domain, let newDomain = new.domain, oldDomain != newDomain {
            throw CoverageInputError(path: new.source, reason: "cannot compare \(newDomain.rawValue) coverage with \(oldDomain.rawValue) coverage in \(old.source)")
        }
        var changes: [Change] = []
        for entry in new.techniques {
            let before = old.technique(entry.techniqueID)
            guard let kind = Self.kind(old: before?.state, new: entry.state) else { continue }
            var tactics = entry.tactics
            for tactic in before?.tactics ?? [] where !tactics.contains(tactic) { tactics.append(tactic) }
            changes.append(Change(techniqueID: entry.techniqueID, name: entry.name.isEmpty ? before?.name ?? "" : entry.name,
                                  tactics: tactics, old: before?.state, new: entry.state, kind: kind))
        }
        for entry in old.techniques where new.technique(entry.techniqueID) == nil {
            guard let kind = Self.kind(old: entry.state, new: nil) else { continue }
            changes.append(Change(techniqueID: entry.techniqueID, name: entry.name, tactics: entry.tactics, old: entry.state, new: nil, kind: kind))
        }
        self.changes = changes.sorted { $0.techniqueID < $1.techniqueID }
        oldSource = old.source
        newSource = new.source
        domain = new.domain ?? old.domain
        detectedBefore = old.count(.detected)
        detectedAfter = new.count(.detected)
        techniques = new.techniques.count
        oldResult = old
        newResult = new
    }

    /// The kind of a change, or nil when nothing changed.
    static func kind(old: CoverageState?, new: CoverageState?) -> Kind? {
        let before = old ?? .blind
        let after = new ?? .blind
        if before != .detected && after == .detected { return .gained }
        if before == .detected && after != .detected { return .lost }
        if before == .blind && after == .logged { return old == nil ? .added : .improved }
        if before == .logged && after == .blind { return new == nil ? .removed : .worsened }
        if old == nil && new != nil { return .added }
        if new == nil && old != nil { return .removed }
        return nil
    }

    /// Techniques gained.
    public var gained: [Change] { changes.filter { $0.kind == .gained } }
    /// Techniques lost.
    public var lost: [Change] { changes.filter { $0.kind == .lost } }
    /// Changes of one kind.
    public func changes(_ kind: Kind) -> [Change] { changes.filter { $0.kind == kind } }

    /// Per-tactic counts, in the order given (use `kb.orderedTactics()` shortnames).
    public func byTactic(_ tactics: [String]) -> [TacticChange] {
        tactics.map { tactic in
            var counts: [Kind: Int] = [:]
            for change in changes where change.tactics.contains(tactic) { counts[change.kind, default: 0] += 1 }
            let before = oldResult.summary(tactics: [tactic]).first
            let after = newResult.summary(tactics: [tactic]).first
            return TacticChange(
                tactic: tactic, counts: counts, detectedBefore: before?.detected ?? 0,
                detectedAfter: after?.detected ?? 0, techniques: after?.techniques ?? 0)
        }
    }

    /// The tactics of both results, in order of first appearance (when no release is loaded).
    public var tacticsSeen: [String] {
        var seen = newResult.tacticsSeen
        for tactic in oldResult.tacticsSeen where !seen.contains(tactic) { seen.append(tactic) }
        return seen
    }

    /// The diff as JSON: `{old, new, domain, summary: {detected_before, detected_after,
    /// gained, lost, improved, worsened, added, removed}, tactics: [{tactic, detected_before,
    /// detected_after, techniques, gained, ...}], changes: [{id, name, tactics, old, new, change}]}`.
    public func jsonValue(tactics: [String]) -> JSONValue {
        func counts(_ pairs: [(String, JSONValue)], _ count: (Kind) -> Int) -> JSONValue {
            .object(JSONObject(pairs + Kind.allCases.map { ($0.rawValue, .number(Double(count($0)))) }))
        }
        var summary: [Kind: Int] = [:]
        for change in changes { summary[change.kind, default: 0] += 1 }
        var root = JSONObject([("old", .string(oldSource)), ("new", .string(newSource))])
        root["domain"] = domain.map { .string($0.rawValue) } ?? .null
        root["summary"] = counts([
            ("detected_before", .number(Double(detectedBefore))), ("detected_after", .number(Double(detectedAfter))),
            ("techniques", .number(Double(techniques))),
        ]) { summary[$0] ?? 0 }
        root["tactics"] = .array(byTactic(tactics).map { row in
            counts([
                ("tactic", .string(row.tactic)), ("detected_before", .number(Double(row.detectedBefore))),
                ("detected_after", .number(Double(row.detectedAfter))), ("techniques", .number(Double(row.techniques))),
            ]) { row.count($0) }
        })
        root["changes"] = .array(changes.map { change in
            .object(JSONObject([
                ("id", .string(change.techniqueID)), ("name", .string(change.name)),
                ("tactics", .array(change.tactics.map(JSONValue.string))),
                ("old", change.old.map { .string($0.rawValue) } ?? .null),
                ("new", change.new.map { .string($0.rawValue) } ?? .null),
                ("change", .string(change.kind.rawValue)),
            ]))
        })
        return .object(root)
    }
}
