import ATTACK
import Coverage
import Navigator

/// The coverage matrix of a report: every parent technique of the release by ATT&CK ID, in
/// tactic columns, drawn by Navigator's SVG renderer in its `mini` layout so the whole
/// Enterprise matrix fits one A4 landscape page with labels of at least 6 pt. Each cell takes
/// the weakest state of the technique and its sub-techniques — a parent is never drawn as
/// covering more than its sub-techniques are — in the report's colour-blind-safe palette with
/// its letter (D blue Detected, L orange Logged, B red Blind).
///
/// ```swift
/// let svg = try CoverageHeatmap.svg(result, knowledgeBase: kb, title: "Detection coverage")
/// ```
public enum CoverageHeatmap {
    /// The coverage layer with each parent scored and coloured by the weakest state of its family.
    public static func layer(_ analysis: CoverageResult, knowledgeBase kb: KnowledgeBase) throws(GeneratorError) -> Layer {
        var layer = try analysis.layer(knowledgeBase: kb).layer
        var weakest: [String: CoverageState] = [:]
        for technique in analysis.techniques {
            let family = technique.parentID ?? technique.techniqueID
            weakest[family] = max(weakest[family] ?? technique.state, technique.state)
        }
        let scores = analysis.options.scores
        let colors = Dictionary(uniqueKeysWithValues: zip(CoverageState.allCases, [CoverageReport.palette[0], CoverageReport.palette[1], CoverageReport.palette[2]].map(\.color)))
        for index in layer.techniques.indices {
            let id = layer.techniques[index].techniqueID
            let state = id.contains(".") ? analysis.technique(id)?.state : weakest[id]
            guard let state else { continue }
            layer.techniques[index].score = scores.score(state)
            layer.techniques[index].color = colors[state]
            // The report explains the states; the rule lists stay in the coverage layer.
            layer.techniques[index].comment = nil
            layer.techniques[index].links = nil
        }
        layer.legendItems = CoverageReport.palette.map { LegendItem(label: $0.name, color: $0.color) }
        layer.layout = LayerLayout(layout: "mini", showID: true, expandedSubtechniques: "none")
        return layer
    }

    /// The heatmap as an SVG document.
    public static func svg(_ analysis: CoverageResult, knowledgeBase kb: KnowledgeBase, title: String) throws(GeneratorError) -> String {
        let heatmap = try layer(analysis, knowledgeBase: kb)
        let options = RenderOptions(subtechniques: .none, title: title)
        return SVGRenderer.render(heatmap, matrix: MatrixIndex(kb), options: options)
    }
}
