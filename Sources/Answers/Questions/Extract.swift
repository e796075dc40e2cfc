import ATTACK
import Intel
import STIX

extension Questions {
    /// What a report describes (`ttpkit extract`, `POST /api/extract`): the findings kept (exact
    /// mentions only, or the classifier's at `minConfidence` and above) and the other objects
    /// named, with the provenance of the release, the options and — when a model answered — the
    /// model.
    public static func extraction(_ findings: [TechniqueFinding], _ extraction: ExtractionResult, learned: Bool,
                                  minConfidence: Double, model: Provenance.Model? = nil, in kb: KnowledgeBase) -> Answer<[TechniqueFinding]> {
        var provenance = Provenance(knowledgeBase: kb)
        provenance.model = learned ? model : nil
        provenance.add("learned", String(learned))
        if learned { provenance.add("min_confidence", String(minConfidence)) }
        let warnings = extraction.unknownIDs.map { "\($0.id) is not in \(kb.title) (newer release? `ttpkit data update`); skipped" }
        var seen = Set<String>()
        let notes = extraction.hits.compactMap(\.note).filter { seen.insert($0).inserted }
        return Answer(value: findings, body: ExtractionJSON.value(findings: findings, extraction: extraction), listKey: "findings",
                      notes: notes, warnings: warnings, provenance: provenance)
    }
}
