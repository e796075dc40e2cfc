import ATTACK
import Foundation

/// Leave-reports-out cross-validation of ``TechniqueClassifier`` on annotated reports in the
/// TRAM format (`{labels: [ID], reports: [{name, text, techniques: {ID: [{start, end}]}}]}`).
///
/// Scoring follows the corpus' rule: micro precision, recall and F1 over report × technique
/// pairs, counting only techniques in `labels` (when it is null, every technique, as its
/// parent). Reports are shuffled (fixed seed) into `folds` folds. With `spans`, each fold is
/// scored by a model trained on the release plus the other folds' reports (their passages, and
/// their other sentences as background), at the threshold (best F1 on a fixed grid) chosen on
/// those training reports' own out-of-fold scores — an inner cross-validation over the
/// training folds. Nothing of a fold's reports is seen, by the model
/// or by the threshold, before it is scored.
///
/// ```swift
/// let corpus = try AnnotatedReports(data: Data(contentsOf: url))
/// let result = ExtractionEvaluation(kb: kb, corpus: corpus).run()
/// print(result.summary)   // "precision 0.67, recall 0.74, F1 0.71 (…; 5 folds, thresholds …)"
/// ```
public struct ExtractionEvaluation: Sendable {
    public struct Result: Sendable {
        public let precision: Double
        public let recall: Double
        public let f1: Double
        public let truePositives: Int
        public let falsePositives: Int
        public let falseNegatives: Int
        /// The threshold each fold chose on its training reports.
        public let thresholds: [Double]
        /// The best threshold on every report's out-of-fold scores: the one to use for a model
        /// trained on all the reports.
        public let pooledThreshold: Double

        public var summary: String {
            String(format: "precision %.3f, recall %.3f, F1 %.3f (tp %d, fp %d, fn %d; %d folds, thresholds %@; pooled %.2f)",
                   precision, recall, f1, truePositives, falsePositives, falseNegatives, thresholds.count,
                   thresholds.map { String(format: "%.2f", $0) }.joined(separator: " "), pooledThreshold)
        }
    }

    public let kb: KnowledgeBase
    public let corpus: AnnotatedReports
    public var folds = 5
    public var seed: UInt64 = 7
    /// Add the training folds' reports to the training text (their passages, and their other
    /// sentences as background; see ``TrainingCorpus/add(_:reports:)``), retraining per fold.
    public var spans = false
    public var trainer = TechniqueModelTrainer()
    /// The release-trained model, when already trained (else `trainer` trains it).
    public var model: TechniqueModel?
    public var options = TechniqueClassifier.Options()

    public init(kb: KnowledgeBase, corpus: AnnotatedReports) {
        self.kb = kb
        self.corpus = corpus
    }

    /// Thresholds tried (logits).
    public static let grid: [Double] = stride(from: -3.0, through: 3.0, by: 0.1).map { $0 }

    public func run() -> Result {
        let all = Array(corpus.reports.indices)
        let k = max(2, min(folds, all.count))
        let foldOf = Self.folds(all, k, seed: seed)
        let extractor = ReportExtractor(kb: kb)
        let base = TrainingCorpus(kb: kb)
        // Every report's candidates from a model that never saw it: trained per fold with the
        // other folds' reports, or the one release-trained model (which saw none of them).
        let released = spans ? nil : TechniqueClassifier(model: model ?? trainer.train(base), extractor: extractor, options: options)
        func outOfFold(_ reports: [Int], _ foldOf: [Int: Int], _ k: Int) -> [Int: Candidates] {
            var out: [Int: Candidates] = [:]
            if let released {
                for (i, c) in zip(reports, Self.candidates(corpus, reports, released)) { out[i] = c }
                return out
            }
            for f in 0..<k {
                var training = base
                training.add(corpus, reports: reports.filter { foldOf[$0] != f })
                let classifier = TechniqueClassifier(model: trainer.train(training), extractor: extractor, options: options)
                let test = reports.filter { foldOf[$0] == f }
                for (i, c) in zip(test, Self.candidates(corpus, test, classifier)) { out[i] = c }
            }
            return out
        }
        let outer = outOfFold(all, foldOf, k)
        var tp = 0, fp = 0, fn = 0
        var thresholds: [Double] = []
        for f in 0..<k {
            let train = all.filter { foldOf[$0] != f }
            let test = all.filter { foldOf[$0] == f }
            // The threshold is chosen on the training reports' own out-of-fold scores (inner
            // folds), so neither the model nor the threshold has seen the held-out fold.
            let inner = spans ? outOfFold(train, Self.folds(train, k - 1, seed: seed &+ UInt64(f) &+ 1), k - 1) : outer
            let t = bestThreshold(inner, train)
            thresholds.append(t)
            let s = score(outer, test, threshold: t)
            tp += s.0; fp += s.1; fn += s.2
        }
        let p = Double(tp) / Double(max(1, tp + fp)), r = Double(tp) / Double(max(1, tp + fn))
        return Result(precision: p, recall: r, f1: p + r > 0 ? 2 * p * r / (p + r) : 0,
                      truePositives: tp, falsePositives: fp, falseNegatives: fn, thresholds: thresholds,
                      pooledThreshold: bestThreshold(outer, all))
    }

    /// Reports shuffled (fixed seed) and dealt into `k` folds.
    static func folds(_ reports: [Int], _ k: Int, seed: UInt64) -> [Int: Int] {
        var order = reports
        var rng = SplitMix(seed: seed)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        return Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 % max(1, k)) })
    }

    /// The grid threshold with the best F1 on `reports` (the lowest of equals).
    func bestThreshold(_ candidates: [Int: Candidates], _ reports: [Int]) -> Double {
        var best = (f1: -1.0, threshold: 0.0)
        for t in Self.grid {
            let f1 = Self.f1(score(candidates, reports, threshold: t))
            if f1 > best.f1 + 1e-9 { best = (f1, t) }
        }
        return best.threshold
    }

    /// Per report: each technique's best learned logit, and whether it is mentioned exactly.
    struct Candidates: Sendable {
        var logits: [String: Double]
        var named: Set<String>
        var identified: Set<String>
    }

    static func candidates(_ corpus: AnnotatedReports, _ reports: [Int], _ classifier: TechniqueClassifier) -> [Candidates] {
        TechniqueModelTrainer.parallelMap(reports.count) { k in
            let i = reports[k]
            let bytes = Array(corpus.reports[i].text.utf8)
            let hits = classifier.extractor.extract(ReportText(bytes, isHTML: false)).hits.filter { $0.object.kind == .technique }
            return Candidates(logits: classifier.bestLogits(bytes),
                              named: Set(hits.filter { $0.via != .id }.map(\.object.attackID)),
                              identified: Set(hits.filter { $0.via == .id }.map(\.object.attackID)))
        }
    }

    /// The techniques predicted for a report at a threshold, as the classifier decides them.
    func predicted(_ c: Candidates, threshold: Double) -> Set<String> {
        var out = c.identified
        if options.nameConfidence >= 0.5 { out.formUnion(c.named) }
        for (id, z) in c.logits where z >= threshold { out.insert(id) }
        // A sub-technique implies its parent (reported with it, as `implied_parent`).
        for id in out where id.contains(".") { out.insert(String(id.prefix(5))) }
        return out
    }

    func score(_ candidates: [Int: Candidates], _ reports: [Int], threshold: Double) -> (Int, Int, Int) {
        var tp = 0, fp = 0, fn = 0
        for i in reports {
            let gold = corpus.reports[i].techniques
            let all = candidates[i].map { predicted($0, threshold: threshold) } ?? []
            // Only the annotators' labels count (TRAM); without labels (AnnoCTR), every
            // technique does, as its parent (those annotators link parents).
            let found = corpus.labels.map { all.intersection($0) } ?? Set(all.map { String($0.prefix(5)) })
            tp += found.intersection(gold).count
            fp += found.subtracting(gold).count
            fn += gold.subtracting(found).count
        }
        return (tp, fp, fn)
    }

    static func f1(_ s: (Int, Int, Int)) -> Double {
        let p = Double(s.0) / Double(max(1, s.0 + s.1)), r = Double(s.0) / Double(max(1, s.0 + s.2))
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }
}
