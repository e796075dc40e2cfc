import ATTACK
import Foundation

/// The figures issue 5 asks for, for the benchmark executable: similarity quality
/// (leave-one-out over the attributed campaigns, every variant tried) and the speed of
/// similarity ranking, release diff and report extraction.
///
/// ```swift
/// for line in IntelBenchmarks.run(kb: enterprise181, old: enterprise171) { print(line) }
/// ```
public enum IntelBenchmarks {
    /// One measured figure: a name, a value, its unit, and the target when there is one.
    public struct Figure: Sendable {
        public let name: String
        public let value: Double
        public let unit: String
        public let target: Double?
    }

    /// The leave-one-out table, one line per variant, best first by (first, top-5).
    public static func similarityQuality(kb: KnowledgeBase) -> [String] {
        let corpus = SimilarityCorpus(kb: kb)
        let results = LeaveOneOut.variants.map { LeaveOneOut.evaluate(corpus: corpus, options: $0) }
        var lines = ["similarity leave-one-out over \(results.first?.cases.count ?? 0) attributed campaigns of \(kb.title):"]
        for r in results {
            let mark = r.options == .default ? "  ← default" : r.options == .jaccard || r.options == .idfCosine ? "  (baseline)" : ""
            lines.append("  " + r.description + mark)
        }
        return lines
    }

    /// Speed figures (best of `repeats`, milliseconds).
    public static func speed(kb: KnowledgeBase, old: KnowledgeBase?, repeats: Int = 5) -> [Figure] {
        var figures: [Figure] = []
        let corpus = SimilarityCorpus(kb: kb)
        figures.append(Figure(name: "intel: build similarity corpus + index", value: best(repeats) {
            _ = SimilarityIndex(corpus: SimilarityCorpus(kb: kb))
        }, unit: "ms", target: nil))
        let index = SimilarityIndex(corpus: corpus)
        let observed = corpus.campaigns.values.max { $0.techniques.count < $1.techniques.count } ?? SimilarityCorpus.Evidence()
        figures.append(Figure(name: "intel: similarity ranking over all groups (\(observed.techniques.count) techniques observed)", value: best(repeats) {
            _ = index.rank(observed, top: 10)
        }, unit: "ms", target: 20))
        figures.append(contentsOf: extraBenchmarks(kb: kb, old: old, repeats: repeats))
        return figures
    }

    /// Quality lines, then speed lines, as text.
    public static func run(kb: KnowledgeBase, old: KnowledgeBase?, repeats: Int = 5) -> [String] {
        similarityQuality(kb: kb) + speed(kb: kb, old: old, repeats: repeats).map { f in
            let target = f.target.map { String(format: " (target ≤ %.0f %@%@)", $0, f.unit, f.value <= $0 ? "" : ", MISSED") } ?? ""
            return String(format: "%@: %.2f %@", f.name, f.value, f.unit) + target
        }
    }

    static func best(_ repeats: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return best
    }
}
