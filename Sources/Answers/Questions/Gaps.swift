import ATTACK
import Coverage
import Foundation
import Reports
import STIX

extension Questions {
    /// The blind spots that matter for the chosen groups (`ttpkit gaps`, `/api/gaps`): the
    /// study's ranked gaps, quick wins, what to collect next and exposure, with the provenance
    /// of the release, the groups and the options that shaped it.
    public static func gaps(_ study: ThreatCoverage, result: CoverageResult, selection: GroupSelection,
                            prevalenceFiles: [String] = [], in kb: KnowledgeBase) -> Answer<ThreatCoverage> {
        var provenance = Provenance(knowledgeBase: kb)
        provenance.files += prevalenceFiles.map {
            Provenance.DataFile(role: "prevalence", name: URL(fileURLWithPath: $0).lastPathComponent, sha256: nil)
        }
        provenance.files += selection.provenanceFiles
        provenance.add("groups", selection.choices.map(\.group.attackID).joined(separator: ","))
        provenance.add("include_pre_compromise", String(study.includesPreCompromise))
        let body = GapsJSON.value(result: result, selection: selection, study: study, prevalenceFiles: prevalenceFiles)
        return Answer(value: study, body: body, provenance: provenance)
    }
}
