import ATTACK
import Coverage
import Navigator

/// The coverage heatmap of a report: the matrix of parent techniques drawn by Navigator's SVG
/// renderer, each cell coloured by the best state among the technique and its sub-techniques
/// (red Blind, yellow Logged, green Detected), so one page shows the whole matrix.
///
/// ```swift
/// let svg = try CoverageHeatmap.svg(analysis, knowledgeBase: kb, title: "Detection coverage")
/// ```
public enum CoverageHeatmap {
    /// The coverage layer with each parent scored by the best state of its family.
    public static func layer(_ analysis: CoverageResult, knowledgeBase kb: KnowledgeBase) throws(GeneratorError) -> Layer {
        var layer = try analysis.layer(knowledgeBase: kb).layer
        var best: [String: CoverageState] = [:]
        for technique in analysis.techniques {
            let family = technique.parentID ?? technique.techniqueID
            best[family] = min(best[family] ?? technique.state, technique.state)
        }
        let scores = analysis.options.scores
        for index in layer.techniques.indices {
            let id = layer.techniques[index].techniqueID
            guard !id.contains("."), let state = best[id] else { continue }
            switch state {
            case .detected:
                if analysis.technique(id)?.state != .detected { layer.techniques[index].score = scores.detected }
            case .logged: layer.techniques[index].score = scores.logged
            case .blind: layer.techniques[index].score = scores.blind
            }
        }
        return layer
    }

    /// The heatmap as an SVG document.
    public static func svg(_ analysis: CoverageResult, knowledgeBase kb: KnowledgeBase, title: String) throws(GeneratorError) -> String {
        let heatmap = try layer(analysis, knowledgeBase: kb)
        let options = RenderOptions(subtechniques: .none, title: title)
        return SVGRenderer.render(heatmap, matrix: MatrixIndex(kb), options: options)
    }
}
