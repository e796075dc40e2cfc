import ATTACK
import Intel
import STIX

extension Questions {
    /// What a report describes (`ttpkit extract`, `POST /api/extract`), as an ``Answer``: the
    /// findings ``ExtractionAnswer`` listed and the other objects named (``ExtractionJSON``:
    /// `findings`, `count`, `by_tactic`), the notes of revoked IDs followed, the unknown IDs
    /// skipped (an ID of another ATT&CK domain said to be one), and the provenance of the
    /// release, the model and the options.
    public static func extraction(_ extraction: ExtractionAnswer, in kb: KnowledgeBase) -> Answer<ExtractionAnswer> {
        let result = extraction.extraction
        var seenIDs = Set<String>()
        let warnings = result.unknownIDs.filter { seenIDs.insert($0.id).inserted }.map { OtherDomainIDs.unknownMessage($0.id, in: kb) }
        var seen = Set<String>()
        let notes = result.hits.compactMap(\.note).filter { seen.insert($0).inserted }
        return Answer(value: extraction, body: ExtractionJSON.value(extraction), notes: notes, warnings: warnings, provenance: extraction.provenance)
    }
}
