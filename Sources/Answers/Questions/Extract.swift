import ATTACK
import Intel
import STIX

extension Questions {
    /// What a report describes (`ttpkit extract`, `POST /api/extract`), as an ``Answer``: the
    /// findings ``ExtractionAnswer`` kept and the other objects named (under `findings`), the
    /// notes of revoked IDs followed, the unknown IDs skipped, and the provenance of the release,
    /// the model and the options.
    public static func extraction(_ extraction: ExtractionAnswer, in kb: KnowledgeBase) -> Answer<ExtractionAnswer> {
        let result = extraction.extraction
        let warnings = result.unknownIDs.map { "\($0.id) is not in \(kb.title) (newer release? `ttpkit data update`); skipped" }
        var seen = Set<String>()
        let notes = result.hits.compactMap(\.note).filter { seen.insert($0).inserted }
        return Answer(value: extraction, body: ExtractionJSON.value(findings: extraction.findings, extraction: result), listKey: "findings",
                      notes: notes, warnings: warnings, provenance: extraction.provenance)
    }
}
