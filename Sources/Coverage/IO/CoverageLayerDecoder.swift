import ATTACK
import Navigator

/// Reads a Navigator layer as coverage: the layer ttpkit writes (`coverage --format layer`),
/// whose comments start with "Detected", "Logged" or "Blind", or any other scored layer.
///
/// States come from the comments when they say; otherwise scores equal to the default 100 /
/// 50 / 0 map to Detected / Logged / Blind, and in any other layer a score above 0 is read as
/// Detected (said in a note). Techniques the layer does not list are Blind.
struct CoverageLayerDecoder {
    let source: String
    let kb: KnowledgeBase

    func decode(_ document: LayerDocument) throws(CoverageFileError) -> CoverageRecord {
        guard let layer = document.layers.first else {
            throw CoverageFileError(file: source, message: "the file holds no layer")
        }
        try CoverageFile.checkDomain(layer.domain, source: source, kb: kb)
        var notes: [String] = []
        if document.layers.count > 1 { notes.append("\(source) holds \(document.layers.count) layers; the first, '\(layer.name)', is read") }
        let defaults = CoverageOptions.Scores()
        let scored = layer.techniques.compactMap(\.score)
        let ttpkitScores = scored.allSatisfy { [defaults.detected, defaults.logged, defaults.blind].contains($0) }
        var fromScores = false
        var stored: [String: TechniqueCoverage] = [:]
        for entry in layer.techniques {
            guard let id = ATTACKIdentifiers.techniqueID(entry.techniqueID), stored[id] == nil else { continue }
            let comment = entry.comment ?? ""
            let state: CoverageState
            if comment.hasPrefix("Detected") {
                state = .detected
            } else if comment.hasPrefix("Logged") {
                state = .logged
            } else if comment.hasPrefix("Blind") {
                state = .blind
            } else {
                let score = entry.score ?? 0
                if ttpkitScores {
                    state = score == defaults.detected ? .detected : score == defaults.logged ? .logged : .blind
                } else {
                    fromScores = true
                    state = score > 0 ? .detected : .blind
                }
            }
            let score = entry.score ?? (state == .detected ? defaults.detected : state == .logged ? defaults.logged : defaults.blind)
            stored[id] = TechniqueCoverage(
                techniqueID: id, name: id, isSubtechnique: id.contains("."), parentID: nil, tactics: [], platforms: [],
                state: state, score: score, rules: [], telemetry: [])
        }
        if fromScores {
            notes.append("\(source) is not a ttpkit coverage layer; techniques scored above 0 are read as Detected, the rest as Blind")
        }
        let (techniques, alignNotes) = CoverageFile.align(
            stored, source: source, fileRelease: layer.versions?.attack, kb: kb, blindScore: defaults.blind)
        notes += alignNotes
        notes.append("\(source) is a layer: rule quality, findings and input issues are not available from it")
        let analysis = CoverageAnalysis(restoring: techniques, release: kb.attackVersion ?? layer.versions?.attack)
        return CoverageRecord(analysis: analysis, domain: layer.domain, origin: .layer, notes: notes)
    }
}
