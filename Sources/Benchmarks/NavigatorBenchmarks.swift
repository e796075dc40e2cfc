import ATTACK
import Foundation
import Navigator

/// Times the Navigator's hot paths on a knowledge base:
/// render the whole matrix as SVG and HTML, and combine ten full-matrix layers.
///
/// ```swift
/// for (name, ms) in NavigatorBenchmarks.run(kb: kb) { print(name, ms) }
/// ```
enum NavigatorBenchmarks {
    /// `(name, milliseconds)`: the best of `repeats` runs of each measurement.
    static func run(kb: KnowledgeBase, repeats: Int = 5) -> [(String, Double)] {
        let matrix = MatrixIndex(kb)
        let full = fullMatrixLayer(matrix, seed: 1)
        var results: [(String, Double)] = []
        results.append(("navigator: index matrix", best(repeats) { _ = MatrixIndex(kb) }))
        results.append(("navigator: render full matrix SVG", best(repeats) { _ = SVGRenderer.render(full, matrix: matrix) }))
        results.append(("navigator: render full matrix HTML", best(repeats) { _ = HTMLRenderer.render(full, matrix: matrix) }))
        let ten = (1...10).map { fullMatrixLayer(matrix, seed: $0) }
        let expression = "a + b + c + d + e + f + g + h + i + j"
        results.append(("navigator: combine 10 full-matrix layers (\(expression))", best(repeats) {
            _ = try? LayerCombiner.combine(ten, .expression(expression))
        }))
        results.append(("navigator: serialize full-matrix layer", best(repeats) { _ = LayerFile.serialize([full]) }))
        return results
    }

    /// A layer scoring every technique under every tactic, all sub-techniques shown.
    static func fullMatrixLayer(_ matrix: MatrixIndex, seed: Int) -> Layer {
        var layer = Layer(name: "full \(seed)", domain: matrix.kb.domain)
        layer.layout = LayerLayout(expandedSubtechniques: "all")
        var n = seed
        for (id, tactics) in matrix.tacticsOfTechnique.sorted(by: { $0.key < $1.key }) {
            for t in tactics {
                n = (n * 1103515245 + 12345) & 0x7fffffff
                layer.techniques.append(LayerTechnique(techniqueID: id, tactic: t, score: Double(n % 101), comment: "technique \(id)"))
            }
        }
        layer.gradient = .navigatorDefault
        return layer
    }

    static func best(_ repeats: Int, _ body: () -> Void) -> Double {
        Measure.times(max(1, repeats), body).min() ?? .nan
    }
}
