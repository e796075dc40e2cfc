import ATTACK
import Navigator
import STIX

/// The answer of `ttpkit extract` and the server's `POST /api/extract`: the techniques a report
/// describes, the groups, software and campaigns it names, and what the answer was computed
/// from — the release, the model (with the annotated reports it learned from) and the options.
///
/// Both front ends build it here from the same inputs, so the same report, release, model and
/// options give the same JSON, provenance included.
///
/// ```swift
/// let model = ExtractionModel.load(knowledgeBase: kb, training: [tram], cache: cache)
/// let answer = ExtractionAnswer(report: ReportText(bytes), knowledgeBase: kb, model: model)
/// print(answer.provenance.summary)
/// // Enterprise ATT&CK 18.1 · enterprise-attack-18.1.json sha256:3c4f… · model sha256:4f1c… (…) · min_confidence=0.5
/// for group in answer.byTactic {
///     for t in group.findings { print(group.tactic?.name ?? "-", t.finding.technique.attackID, t.line ?? 0, t.evidence.first?.quote.text ?? "") }
/// }
/// ```
public struct ExtractionAnswer: Sendable {
    /// How the techniques are decided.
    public struct Options: Sendable, Hashable {
        /// The least confidence of a learned technique kept (0–1); the default is the
        /// cross-validated decision point.
        public var minConfidence = 0.5
        /// The model was asked to learn from the release alone (said in the provenance).
        public var releaseOnly = false
        /// List every technique with any signal, those under ``minConfidence`` marked
        /// ``TriagedFinding/belowThreshold`` (the layer and the STIX bundle still hold only
        /// the techniques kept).
        public var all = false

        public init(minConfidence: Double = 0.5, releaseOnly: Bool = false, all: Bool = false) {
            self.minConfidence = minConfidence
            self.releaseOnly = releaseOnly
            self.all = all
        }
    }

    /// The techniques kept (at or above the cut-off), strongest first.
    public let findings: [TechniqueFinding]
    /// The techniques listed for triage, strongest first: those kept, then with
    /// ``Options/all`` those under the cut-off; each quoted short, with its line and tactics.
    public let triaged: [TriagedFinding]
    /// ``triaged`` grouped by the tactic each is listed under, in the release's matrix order
    /// (techniques without a tactic last).
    public let byTactic: [TacticGroup]
    /// The report the answer was read from (for quoting other objects' mentions).
    public let report: ReportText
    /// Every exact mention (techniques and other objects), notes and unknown IDs.
    public let extraction: ExtractionResult
    /// What the answer was computed from.
    public let provenance: Provenance

    /// Extracts from `report`: with `model`, exact mentions and the classifier, techniques kept
    /// from `options.minConfidence` up; without one, exact ID, name and alias mentions only.
    public init(report: ReportText, knowledgeBase kb: KnowledgeBase, model: ExtractionModel?, options: Options = Options()) {
        let extractor = ReportExtractor(kb: kb)
        var provenance = Provenance(knowledgeBase: kb)
        let listed: [TechniqueFinding]
        if let model {
            let (all, extraction) = TechniqueClassifier(model: model.model, extractor: extractor).classify(report)
            findings = all.filter { $0.confidence >= options.minConfidence }
            listed = options.all ? all : findings
            self.extraction = extraction
            provenance.model = model.provenance
            provenance.add("min_confidence", String(describing: options.minConfidence))
            if options.releaseOnly { provenance.add("release_only", "true") }
        } else {
            extraction = extractor.extract(report)
            findings = extraction.exactFindings(in: report)
            listed = findings
            provenance.add("no_learned", "true")
        }
        if options.all { provenance.add("all", "true") }
        self.provenance = provenance
        self.report = report
        let order = kb.orderedTactics()
        let rank = Dictionary(order.enumerated().map { ($1.shortname, $0) }, uniquingKeysWith: { a, _ in a })
        let kept = findings.count
        triaged = listed.enumerated().map { i, f in
            TriagedFinding(f, belowThreshold: i >= kept, report: report, kb: kb, tacticRank: rank)
        }
        var groups: [Int: [TriagedFinding]] = [:]
        for t in triaged { groups[t.tactic.flatMap { rank[$0.shortname] } ?? order.count, default: []].append(t) }
        byTactic = groups.keys.sorted().compactMap { k in
            groups[k].map { TacticGroup(tactic: k < order.count ? order[k] : nil, findings: $0) }
        }
    }

    /// The techniques kept as a Navigator layer (see
    /// ``TechniqueFinding/layer(_:report:knowledgeBase:provenance:comment:)``), each comment the
    /// quote of its strongest evidence.
    public func layer(report name: String, knowledgeBase kb: KnowledgeBase) throws(GeneratorError) -> GeneratedLayer {
        let quotes = Dictionary(triaged.map { ($0.finding.technique.index, $0.evidence.first?.quote.text ?? "") }, uniquingKeysWith: { a, _ in a })
        return try TechniqueFinding.layer(findings, report: name, knowledgeBase: kb, provenance: provenance) { quotes[$0.technique.index] ?? "" }
    }
}
