/// Techniques of one release, each with what an analysis says about it: a score, a comment, a
/// colour, named facts and links. The one value analyses (coverage, a coverage diff, a group's
/// usage, group overlap, IOCs, a user's technique list) hand to their outputs; Navigator layers
/// are built from it directly (`LayerGenerator.layer(of:options:)`).
///
/// The techniques are resolved objects, never user input. Adding a technique again keeps one
/// entry: the higher score, the first comment, colour, facts and links.
///
/// ```swift
/// var scored = ScoredTechniques()
/// scored.add(powerShell, score: 3, comment: "seen in two reports")
/// scored.add(powerShell, score: 5)
/// scored.entries.count      // 1
/// scored.entries[0].score   // 5
/// ```
public struct ScoredTechniques: Sendable {
    /// One technique and what is said about it.
    public struct Entry: Sendable {
        /// The technique (or sub-technique) of the release.
        public var technique: AttackObject
        /// The score; nil leaves it to the output (a layer uses its default score).
        public var score: Double?
        /// Free text about the technique here.
        public var comment: String
        /// `#rrggbb`, when the analysis colours techniques itself.
        public var color: String?
        /// Named facts, in order (`group` = `APT29 (G0016)`).
        public var facts: [(name: String, value: String)]
        /// Pages about the technique here, in order.
        public var links: [(label: String, url: String)]
    }

    /// The techniques, in the order they were first added.
    public private(set) var entries: [Entry] = []
    /// Position in `entries` by the technique's object index.
    private var positions: [Int: Int] = [:]

    /// An empty set.
    public init() {}

    /// True when no technique was added.
    public var isEmpty: Bool { entries.isEmpty }

    /// Adds a technique, or raises the score of one already added.
    public mutating func add(
        _ technique: AttackObject, score: Double?, comment: String = "", color: String? = nil,
        facts: [(name: String, value: String)] = [], links: [(label: String, url: String)] = []
    ) {
        if let i = positions[technique.index] {
            if let score { entries[i].score = max(entries[i].score ?? 0, score) }
            return
        }
        positions[technique.index] = entries.count
        entries.append(Entry(technique: technique, score: score, comment: comment, color: color, facts: facts, links: links))
    }
}
