import ATTACK

/// A technique as an analyst triages it: the finding, whether it is under the cut-off (listed
/// only with ``ExtractionAnswer/Options/all``), the tactic it is listed under and its others,
/// and each piece of evidence quoted short with its line.
public struct TriagedFinding: Sendable {
    /// One piece of evidence: the classifier's or the mention's, with its quote.
    public struct Evidence: Sendable {
        /// The support: where it is (Unicode scalar offsets of the text), how sure, how found.
        public let support: TechniqueFinding.Evidence
        /// The shortest sentence span holding it, and its line.
        public let quote: EvidenceQuote
    }

    public let finding: TechniqueFinding
    /// Under the answer's cut-off: listed because everything was asked for.
    public let belowThreshold: Bool
    /// The tactic it is listed under: the first of its tactics in the release's matrix order
    /// (nil for a technique without a tactic of the release).
    public let tactic: AttackObject?
    /// Its other tactics, in matrix order (named beside it, not listed again).
    public let otherTactics: [AttackObject]
    /// Strongest first, as ``TechniqueFinding/evidence``.
    public let evidence: [Evidence]

    /// The line of its strongest evidence (1-based, of the file as given).
    public var line: Int? { evidence.first?.quote.line }

    /// Quotes `finding`'s evidence from `report` and places it under its first tactic by
    /// `tacticRank` (each tactic shortname's place in the release's matrix order).
    init(_ finding: TechniqueFinding, belowThreshold: Bool, report: ReportText, kb: KnowledgeBase, tacticRank: [String: Int]) {
        self.finding = finding
        self.belowThreshold = belowThreshold
        let tactics = finding.technique.tacticShortnames
            .compactMap { kb.tactic(shortname: $0) }
            .sorted { (tacticRank[$0.shortname] ?? Int.max) < (tacticRank[$1.shortname] ?? Int.max) }
        tactic = tactics.first
        otherTactics = Array(tactics.dropFirst())
        evidence = finding.evidence.map { Evidence(support: $0, quote: report.evidenceQuote(scalars: $0.start..<$0.end)) }
    }
}

/// The techniques listed under one tactic, strongest first.
public struct TacticGroup: Sendable {
    /// Nil for techniques without a tactic of the release (listed last).
    public let tactic: AttackObject?
    public let findings: [TriagedFinding]
}
