import Foundation
import Navigator

/// The one rule for reading a Navigator layer as coverage — used by every command that takes
/// a coverage layer (`gaps`, `report`, `coverage gate`, `coverage diff`, `--baseline`,
/// `--fail-on-regression`, `dettect export`, `migrate`), so a cell means the same everywhere:
///
/// 1. A cell whose comment starts with `Detected`, `Logged` or `Blind` (any case; the
///    comments `ttpkit coverage --format layer` writes) has that state, whatever its score.
/// 2. Otherwise, in a layer whose every score is one of ttpkit's default scores (100, 50, 0),
///    100 is Detected, 50 Logged and 0 Blind.
/// 3. Otherwise (a foreign layer, such as `sigma-cli analyze attack` output, where a score is
///    a rule count) an enabled cell scored above 0, or listed without a score, is Detected;
///    a cell scored 0 or below is Blind. Such a layer has no Logged state.
///
/// A disabled cell (`"enabled": false`) is Blind. A technique listed under several tactics
/// takes the best state among its cells. Techniques the layer does not list are Blind once
/// the result is aligned to a release. A layer keeps no rules, rule quality or findings.
///
/// ```swift
/// LayerScorePolicy.state(comment: nil, score: 30, enabled: true, ttpkitScores: false)   // .detected
/// LayerScorePolicy.state(comment: "Logged by: Process Creation", score: 30, enabled: true, ttpkitScores: false)   // .logged
/// ```
public enum LayerScorePolicy {
    /// The state of one cell (see the rules above); `ttpkitScores` is whether every score of
    /// the layer is 100, 50 or 0.
    public static func state(comment: String?, score: Double?, enabled: Bool, ttpkitScores: Bool) -> CoverageState {
        guard enabled else { return .blind }
        if let comment = comment?.lowercased() {
            if comment.hasPrefix("detected") { return .detected }
            if comment.hasPrefix("logged") { return .logged }
            if comment.hasPrefix("blind") { return .blind }
        }
        let defaults = CoverageOptions.Scores()
        if ttpkitScores, let score {
            return score == defaults.detected ? .detected : score == defaults.logged ? .logged : .blind
        }
        guard let score else { return .detected }
        return score > 0 ? .detected : .blind
    }

    /// True when every score of the layer is one of ttpkit's default scores.
    public static func usesTTPKitScores(_ layer: Layer) -> Bool {
        let defaults = CoverageOptions.Scores()
        let allowed = [defaults.detected, defaults.logged, defaults.blind]
        return layer.techniques.allSatisfy { $0.score.map(allowed.contains) ?? true }
    }

    /// Reads the first layer of a layer file as an (unaligned) coverage result.
    static func result(_ data: Data, source: String) throws(CoverageInputError) -> CoverageResult {
        let document: LayerDocument
        do { document = try LayerFile.parse(data, source: source) } catch {
            throw CoverageInputError(path: source, reason: "unusable layer: \(error)")
        }
        guard let layer = document.layers.first else { throw CoverageInputError(path: source, reason: "the file holds no layer") }
        var notes: [String] = []
        if document.layers.count > 1 { notes.append("\(source) holds \(document.layers.count) layers; the first, '\(layer.name)', is read") }
        let ttpkitScores = usesTTPKitScores(layer)
        let commented = layer.techniques.contains { cell in
            ["detected", "logged", "blind"].contains { (cell.comment ?? "").lowercased().hasPrefix($0) }
        }
        if !ttpkitScores && !commented {
            notes.append("\(source) is not a ttpkit coverage layer: techniques scored above 0 (or without a score) are read as Detected, the rest as Blind")
        }
        var order: [String] = []
        var best: [String: TechniqueCoverage] = [:]
        let scores = CoverageOptions.Scores()
        for cell in layer.techniques {
            guard let id = ATTACKIdentifiers.techniqueID(cell.techniqueID) else { continue }
            let state = self.state(comment: cell.comment, score: cell.score, enabled: cell.isEnabled, ttpkitScores: ttpkitScores)
            if var existing = best[id] {
                if let tactic = cell.tactic, !existing.tactics.contains(tactic) { existing.tactics.append(tactic) }
                if state < existing.state {
                    existing.state = state
                    existing.score = cell.score ?? scores.score(state)
                }
                best[id] = existing
                continue
            }
            order.append(id)
            best[id] = TechniqueCoverage(
                techniqueID: id, name: "", tactics: cell.tactic.map { [$0] } ?? [], state: state,
                score: cell.score ?? scores.score(state))
        }
        notes.append("\(source) is a layer: rule quality, findings and input issues are not available from it")
        return CoverageResult(
            source: source, origin: .layer, domain: layer.domain, release: layer.versions?.attack,
            techniques: order.sorted().compactMap { best[$0] }, notes: notes)
    }
}
