import ATTACK
import Foundation
import Intel

/// The Intel figures: similarity quality
/// (leave-one-out over the attributed campaigns, every variant tried) and the speed of
/// similarity ranking, release diff and report extraction.
///
/// ```swift
/// for f in IntelBenchmarks.speed(kb: enterprise181, old: enterprise171) { print(f.name, f.value) }
/// ```
enum IntelBenchmarks {
    /// One measured figure: a name, a value, its unit, and the target when there is one.
    struct Figure: Sendable {
        let name: String
        let value: Double
        let unit: String
        let target: Double?
    }

    /// The leave-one-out table, one line per variant, best first by (first, top-5).
    static func similarityQuality(kb: KnowledgeBase) -> [String] {
        let corpus = SimilarityCorpus(kb: kb)
        let results = LeaveOneOut.variants.map { LeaveOneOut.evaluate(corpus: corpus, options: $0) }
        var lines = ["similarity leave-one-out over \(results.first?.cases.count ?? 0) attributed campaigns of \(kb.title):"]
        for r in results {
            let mark = r.options == .default ? "  ← default" : r.options == .previous ? "  (previous default)"
                : r.options == .jaccard || r.options == .idfCosine ? "  (baseline)" : ""
            lines.append("  " + r.description + mark)
        }
        return lines
    }

    /// The release pairs of the out-of-time evaluation (issue 21): older profiles, newer campaigns.
    static let outOfTimePairs = [("14.0", "18.1"), ("16.1", "18.1"), ("17.1", "18.1"), ("14.0", "16.1")]

    /// Out-of-time attribution (``OutOfTime``) for every pair whose bundles are in `folder`, for
    /// the default and the two baselines, one line each, with the default's rank per campaign.
    static func outOfTime(folder: URL, releases: [String: KnowledgeBase] = [:]) -> [String] {
        var loaded = releases
        func kb(_ version: String) -> KnowledgeBase? {
            if let k = loaded[version] { return k }
            let k = try? KnowledgeBase.load(contentsOf: folder.appendingPathComponent("enterprise-attack-\(version).json"))
            loaded[version] = k
            return k
        }
        var lines = ["similarity out of time (profiles from the older release, campaigns first published in the newer one):"]
        for (a, b) in outOfTimePairs {
            guard let old = kb(a), let new = kb(b) else { lines.append("  \(a) → \(b): bundles not found in \(folder.path)"); continue }
            let observations = OutOfTime.observations(old: old, new: new)
            guard !observations.isEmpty else {
                lines.append("  \(a) → \(b): no case (no campaign new in \(b) is attributed to a group \(a) has)")
                continue
            }
            let corpus = SimilarityCorpus(kb: old)
            for options in [SimilarityOptions.default, .previous, .idfCosine, .jaccard] {
                let r = OutOfTime.evaluate(observations, corpus: corpus, options: options)
                let mark = options == .default ? "  ← default" : options == .previous ? "  (previous default)" : "  (baseline)"
                lines.append("  \(a) → \(b): " + r.description + mark)
                if options == .default, !r.cases.isEmpty {
                    lines.append("    ranks: " + r.cases.map { "\($0.campaign.attackID) \($0.rank)" }.joined(separator: ", "))
                }
            }
        }
        return lines
    }

    /// Speed figures (best of `repeats`, milliseconds).
    static func speed(kb: KnowledgeBase, old: KnowledgeBase?, repeats: Int = 5) -> [Figure] {
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

    static func best(_ repeats: Int, _ body: () -> Void) -> Double {
        NavigatorBenchmarks.best(repeats, body)
    }

    /// Diff of two releases and extraction from a 200 KB report.
    static func extraBenchmarks(kb: KnowledgeBase, old: KnowledgeBase?, repeats: Int) -> [Figure] {
        var figures: [Figure] = []
        if let old {
            figures.append(Figure(name: "intel: diff \(old.attackVersion ?? "old") → \(kb.attackVersion ?? "new") (loaded releases)", value: best(repeats) {
                _ = ReleaseDiff(old: old, new: kb)
            }, unit: "ms", target: 1000))
        }
        let report = sampleReport(kb: kb, bytes: 200_000)
        figures.append(Figure(name: "intel: build report extractor", value: best(repeats) { _ = ReportExtractor(kb: kb) }, unit: "ms", target: nil))
        let extractor = ReportExtractor(kb: kb)
        var hits = 0
        figures.append(Figure(name: "intel: extract from a 200 KB report", value: best(repeats) {
            hits = extractor.extract(ReportText(report)).hits.count
        }, unit: "ms", target: 100))
        _ = hits
        return figures
    }

    /// About `bytes` of report-like prose: the descriptions of groups and software (which name
    /// techniques, software and groups), with IDs sprinkled in.
    static func sampleReport(kb: KnowledgeBase, bytes: Int) -> [UInt8] {
        var out: [UInt8] = []
        let sources = kb.objects(.group) + kb.objects(.software) + kb.objects(.technique)
        var i = 0
        while out.count < bytes, !sources.isEmpty {
            let o = sources[i % sources.count]
            out.append(contentsOf: Array("\(o.name) (\(o.attackID)). \(o.description)\n\n".utf8))
            i += 1
        }
        return Array(out.prefix(bytes))
    }
}
