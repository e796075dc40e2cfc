import ATTACK
import Foundation

/// Leave-reports-out cross-validation of ``TechniqueClassifier`` on one or more corpora of
/// annotated reports in the TRAM format (`{labels: [ID] | null, reports: [{name, text,
/// techniques: {ID: [{start, end}]}}]}`), with one model and one threshold for all of them.
///
/// Scoring follows each corpus' rule, as `tram_score.py` scores: micro precision, recall and F1
/// over report × technique pairs, counting only techniques in `labels` (TRAM), or, when it is
/// null (AnnoCTR), every technique as its parent. The reports of every corpus are shuffled
/// (fixed seed) and dealt into `folds` folds together. With `spans`, each fold is scored by a
/// model trained on the release plus the other folds' reports of every corpus (their passages,
/// and their other sentences as background), at the threshold (from a fixed grid) that
/// maximises the corpora's mean F1 on those training reports' own out-of-fold scores — an
/// inner cross-validation over the training folds. Nothing of a fold's reports is seen, by the
/// model or by the threshold, before it is scored.
///
/// ```swift
/// let tram = try AnnotatedReports.read(path: "reports-dev.json")
/// let annoctr = try AnnotatedReports.read(path: "annoctr-train.json")
/// var evaluation = ExtractionEvaluation(kb: kb, corpora: [tram, annoctr])
/// evaluation.spans = true
/// for r in evaluation.run() { print(r.summary) }   // one line per corpus
/// ```
public struct ExtractionEvaluation: Sendable {
    /// The figures of one corpus.
    public struct Result: Sendable {
        public let precision: Double
        public let recall: Double
        public let f1: Double
        public let truePositives: Int
        public let falsePositives: Int
        public let falseNegatives: Int
        /// The threshold each fold chose on its training reports (shared by the corpora).
        public let thresholds: [Double]
        /// The best threshold on every report's out-of-fold scores (mean F1 of the corpora):
        /// the one to use for a model trained on all the reports.
        public let pooledThreshold: Double
        /// Per technique (as scored): its true positives, false positives and false negatives
        /// at each fold's threshold, for reading where the errors are.
        public let perTechnique: [String: Counts]

        public var summary: String {
            String(format: "precision %.3f, recall %.3f, F1 %.3f (tp %d, fp %d, fn %d; %d folds, thresholds %@; pooled %.2f)",
                   precision, recall, f1, truePositives, falsePositives, falseNegatives, thresholds.count,
                   thresholds.map { String(format: "%.2f", $0) }.joined(separator: " "), pooledThreshold)
        }
    }

    public let kb: KnowledgeBase
    public let corpora: [AnnotatedReports]
    public var folds = 5
    public var seed: UInt64 = 7
    /// Add the training folds' reports to the training text (their passages, and their other
    /// sentences as background; see ``TrainingCorpus/add(_:reports:)``), retraining per fold.
    public var spans = false
    /// Choose each fold's threshold on an inner cross-validation over its training reports
    /// (with `spans`). False: on the training reports' outer out-of-fold scores, whose models
    /// saw the held-out fold — five times faster, slightly optimistic; for comparing variants.
    public var nested = true
    public var trainer = TechniqueModelTrainer()
    /// The release-trained model, when already trained (else `trainer` trains it).
    public var model: TechniqueModel?
    public var options = TechniqueClassifier.Options()

    public init(kb: KnowledgeBase, corpora: [AnnotatedReports]) {
        self.kb = kb
        self.corpora = corpora
    }

    public init(kb: KnowledgeBase, corpus: AnnotatedReports) {
        self.init(kb: kb, corpora: [corpus])
    }

    /// Thresholds tried (logits).
    public static let grid: [Double] = stride(from: -3.0, through: 3.0, by: 0.1).map { $0 }

    /// True positives, false positives and false negatives.
    public struct Counts: Sendable, Hashable {
        public var tp = 0, fp = 0, fn = 0
        /// False positives that came from an ID mention, or a name or alias mention (the rest
        /// came from the learned model alone).
        public var fpByID = 0, fpByName = 0
    }

    /// One report of one corpus.
    struct Item: Hashable, Sendable {
        let corpus: Int
        let report: Int
    }

    /// The figures of each corpus, in the order of ``corpora``.
    public func run() -> [Result] {
        let all = corpora.indices.flatMap { c in corpora[c].reports.indices.map { Item(corpus: c, report: $0) } }
        let k = max(2, min(folds, all.count))
        let foldOf = Self.folds(all, k, seed: seed)
        let extractor = ReportExtractor(kb: kb)
        let base = TrainingCorpus(kb: kb)
        // Every report's candidates from a model that never saw it: trained per fold with the
        // other folds' reports, or the one release-trained model (which saw none of them).
        let released = spans ? nil : TechniqueClassifier(model: model ?? trainer.train(base), extractor: extractor, options: options)
        func outOfFold(_ items: [Item], _ foldOf: [Item: Int], _ k: Int) -> [Item: Candidates] {
            var out: [Item: Candidates] = [:]
            if let released {
                for (i, c) in zip(items, candidates(items, released)) { out[i] = c }
                return out
            }
            for f in 0..<k {
                var training = base
                for c in corpora.indices {
                    let chosen = items.filter { $0.corpus == c && foldOf[$0] != f }.map(\.report)
                    if !chosen.isEmpty { training.add(corpora[c], reports: chosen) }
                }
                let classifier = TechniqueClassifier(model: trainer.train(training), extractor: extractor, options: options)
                let test = items.filter { foldOf[$0] == f }
                for (i, c) in zip(test, candidates(test, classifier)) { out[i] = c }
            }
            return out
        }
        let outer = outOfFold(all, foldOf, k)
        var counts = [(Int, Int, Int)](repeating: (0, 0, 0), count: corpora.count)
        var perTechnique = [[String: Counts]?](repeating: [:], count: corpora.count)
        var thresholds: [Double] = []
        for f in 0..<k {
            let train = all.filter { foldOf[$0] != f }
            let test = all.filter { foldOf[$0] == f }
            // The threshold is chosen on the training reports' own out-of-fold scores (inner
            // folds), so neither the model nor the threshold has seen the held-out fold.
            let inner = spans && nested ? outOfFold(train, Self.folds(train, k - 1, seed: seed &+ UInt64(f) &+ 1), k - 1) : outer
            let t = bestThreshold(inner, train)
            thresholds.append(t)
            for c in corpora.indices {
                let s = score(outer, test.filter { $0.corpus == c }, threshold: t, into: &perTechnique[c])
                counts[c] = (counts[c].0 + s.0, counts[c].1 + s.1, counts[c].2 + s.2)
            }
        }
        let pooled = bestThreshold(outer, all)
        return zip(counts, perTechnique).map { counts, perTechnique in
            let (tp, fp, fn) = counts
            let p = Double(tp) / Double(max(1, tp + fp)), r = Double(tp) / Double(max(1, tp + fn))
            return Result(precision: p, recall: r, f1: p + r > 0 ? 2 * p * r / (p + r) : 0,
                          truePositives: tp, falsePositives: fp, falseNegatives: fn, thresholds: thresholds, pooledThreshold: pooled,
                          perTechnique: perTechnique ?? [:])
        }
    }

    /// Reports shuffled (fixed seed) and dealt into `k` folds.
    static func folds<T: Hashable>(_ reports: [T], _ k: Int, seed: UInt64) -> [T: Int] {
        var order = reports
        var rng = SplitMix(seed: seed)
        for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        return Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 % max(1, k)) })
    }

    /// The grid threshold with the best mean F1 of the corpora on `items` (the lowest of equals).
    func bestThreshold(_ candidates: [Item: Candidates], _ items: [Item]) -> Double {
        let present = corpora.indices.filter { c in items.contains { $0.corpus == c } }
        var best = (f1: -1.0, threshold: 0.0)
        for t in Self.grid {
            let f1 = present.map { c in Self.f1(score(candidates, items.filter { $0.corpus == c }, threshold: t)) }.reduce(0, +) / Double(max(1, present.count))
            if f1 > best.f1 + 1e-9 { best = (f1, t) }
        }
        return best.threshold
    }

    /// Per report: each technique's best learned logit, and the techniques it claims by ID and
    /// by name or alias (as ``TechniqueClassifier/claims(_:)`` reads them).
    struct Candidates: Sendable {
        var logits: [String: Double]
        var named: Set<String>
        var identified: Set<String>
    }

    func candidates(_ items: [Item], _ classifier: TechniqueClassifier) -> [Candidates] {
        TechniqueModelTrainer.parallelMap(items.count) { k in
            let bytes = Array(corpora[items[k].corpus].reports[items[k].report].text.utf8)
            let claims = classifier.claims(ReportText(bytes, isHTML: false)).filter { $0.confidence >= 0.5 }
            return Candidates(logits: classifier.bestLogits(bytes),
                              named: Set(claims.filter { $0.hit.via != .id }.map(\.hit.object.attackID)),
                              identified: Set(claims.filter { $0.hit.via == .id }.map(\.hit.object.attackID)))
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

    func score(_ candidates: [Item: Candidates], _ items: [Item], threshold: Double) -> (Int, Int, Int) {
        var none: [String: Counts]?
        return score(candidates, items, threshold: threshold, into: &none)
    }

    /// ``score(_:_:threshold:)``, adding each technique's counts to `perTechnique` when it is
    /// not nil (the threshold search leaves it nil and pays nothing for it).
    func score(_ candidates: [Item: Candidates], _ items: [Item], threshold: Double, into perTechnique: inout [String: Counts]?) -> (Int, Int, Int) {
        var tp = 0, fp = 0, fn = 0
        for i in items {
            let corpus = corpora[i.corpus]
            let gold = corpus.reports[i.report].techniques
            let all = candidates[i].map { predicted($0, threshold: threshold) } ?? []
            // Only the annotators' labels count (TRAM); without labels (AnnoCTR), every
            // technique does, as its parent (those annotators link parents).
            let found = corpus.labels.map { all.intersection($0) } ?? Set(all.map { String($0.prefix(5)) })
            tp += found.intersection(gold).count
            fp += found.subtracting(gold).count
            fn += gold.subtracting(found).count
            guard perTechnique != nil, let c = candidates[i] else { continue }
            // A technique as scored, with the parent a sub-technique implies.
            let scored = { (ids: Set<String>) in Set(ids.flatMap { corpus.labels == nil ? [String($0.prefix(5))] : [$0, String($0.prefix(5))] }) }
            let byID = scored(c.identified), byName = scored(c.named)
            for t in found.intersection(gold) { perTechnique?[t, default: Counts()].tp += 1 }
            for t in found.subtracting(gold) {
                perTechnique?[t, default: Counts()].fp += 1
                if byID.contains(t) { perTechnique?[t, default: Counts()].fpByID += 1 } else if byName.contains(t) { perTechnique?[t, default: Counts()].fpByName += 1 }
            }
            for t in gold.subtracting(found) { perTechnique?[t, default: Counts()].fn += 1 }
        }
        return (tp, fp, fn)
    }

    static func f1(_ s: (Int, Int, Int)) -> Double {
        let p = Double(s.0) / Double(max(1, s.0 + s.1)), r = Double(s.0) / Double(max(1, s.0 + s.2))
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }
}
