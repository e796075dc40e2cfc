import Dispatch
import Foundation

/// Trains a ``TechniqueModel`` from a ``TrainingCorpus``: one linear support-vector machine
/// per technique (squared hinge loss, L2, fitted by dual coordinate descent as in LIBLINEAR)
/// over the technique's own texts (positives), a shared random sample of other texts and all
/// texts of its sibling sub-techniques (negatives), plus the unannotated sentences of the
/// annotated corpora whose annotators looked for the technique (a sample of them: only the
/// sample is featurised, and document frequencies are over the featurised texts). A parent's and its
/// sub-techniques' texts are neither positive nor negative for each other. Buckets seen in
/// fewer than two texts are left out, so each class learns over a compact feature space.
/// Classes are trained in parallel; results do not depend on the number of workers. The model
/// also keeps which technique names the release uses mostly for other techniques
/// (``NameSpecificity``), judged once here rather than on every classification.
///
/// The method was chosen by leave-reports-out cross-validation on the TRAM development
/// reports (README, "Extract"): with the same features and samples, the SVM scored about 0.03
/// F1 above the logistic regression by stochastic gradient descent it replaced.
///
/// ```swift
/// let model = TechniqueModelTrainer().train(TrainingCorpus(kb: kb))
/// ```
public struct TechniqueModelTrainer: Sendable {
    /// Size of the shared negative sample.
    public var negatives = 1500
    /// Largest number of annotated-report background sentences each annotated class sees.
    public var annotatedNegatives = 6000
    /// Weight of an annotated report's passage relative to a text from the release.
    public var passageWeight: Float = 5
    /// The cost of a margin violation (the inverse of the regularisation: larger fits harder).
    public var cost: Float = 0.5
    /// Passes of coordinate descent over each class's training set.
    public var passes = 8
    /// Scores are multiplied by this to read like logits (the margin, 1, reads as 4).
    public var scoreScale: Float = 4
    /// Largest number of weights kept per class (the largest in magnitude).
    public var weightsPerClass = 3000
    /// Hash buckets of the feature space.
    public var dimensions = 1 << 20
    /// Character n-gram lengths (0, 0: words only).
    public var charMin = 3, charMax = 5
    /// Seed of the sampling and shuffling.
    public var seed: UInt64 = 42

    public init() {}

    public func train(_ corpus: TrainingCorpus) -> TechniqueModel {
        let features = TextFeatures(dimensions: dimensions, charMin: charMin, charMax: charMax)
        let dims = features.dimensions
        let examples = corpus.examples
        // 0. Of the annotated reports' background sentences only a sample is ever a negative:
        //    only that sample is featurised, and counts in the document frequencies.
        var rng = SplitMix(seed: seed)
        let isBackground = { (i: Int) in examples[i].annotated && examples[i].label == nil }
        let backgroundSample = Array(Self.shuffled(examples.indices.filter(isBackground), &rng).prefix(annotatedNegatives))
        let used = examples.indices.filter { !isBackground($0) } + backgroundSample
        // 1. Counts, document frequencies, and the compact index of buckets seen twice or more.
        let usedCounts = Self.parallelMap(used.count) { k in features.counts(Array(examples[used[k]].text.utf8)[...]) }
        var countsOf: [(word: [(UInt32, Float)], char: [(UInt32, Float)], words: Int)] = Array(repeating: ([], [], 0), count: examples.count)
        for (k, i) in used.enumerated() { countsOf[i] = usedCounts[k] }
        let counts = countsOf
        var df = [Int32](repeating: 0, count: dims)
        for (w, c, _) in usedCounts {
            for (b, _) in w { df[Int(b)] += 1 }
            for (b, _) in c { df[Int(b)] += 1 }
        }
        let n = Float(used.count)
        var idf = [Float](repeating: 0, count: dims)
        var buckets: [UInt32] = []
        for b in 0..<dims where df[b] >= 2 {
            idf[b] = log((1 + n) / (1 + Float(df[b]))) + 1
            buckets.append(UInt32(b))
        }
        // Slots in order of document frequency, most frequent first: the weights most texts
        // touch share a few cache lines (the same arithmetic, in less time). `ascending[s]` is
        // slot s's place among the buckets in increasing order, the order weights are kept in.
        let hot = buckets.indices.sorted { (df[Int(buckets[$0])], $1) > (df[Int(buckets[$1])], $0) }
        var slots = [Int32](repeating: -1, count: dims)
        for (s, k) in hot.enumerated() { slots[Int(buckets[k])] = Int32(s) }
        let weights = idf, slot = slots, kept = buckets, ascending = hot
        let rows = Rows(Self.parallelMap(counts.count) { i -> SparseVector in
            var v = TechniqueModel.tfidf(word: counts[i].word, char: counts[i].char, idf: weights)
            for k in v.indices.indices { v.indices[k] = UInt32(slot[Int(v.indices[k])]) }
            return v
        })
        // 2. Training sets.
        let classCount = corpus.classes.count
        var positiveLists = [[Int]](repeating: [], count: classCount)
        for (i, e) in examples.enumerated() { if let c = e.label, c < classCount, !rows.isEmpty(i) { positiveLists[c].append(i) } }
        var childLists = [[Int]](repeating: [], count: classCount)
        for (c, p) in corpus.parents.enumerated() { if let p, p < classCount { childLists[p].append(c) } }
        let positives = positiveLists, children = childLists
        let usable = examples.indices.filter { !rows.isEmpty($0) }
        let sample = Array(Self.shuffled(usable.filter { !examples[$0].annotated }, &rng).prefix(negatives))
        let annotatedSample = backgroundSample.filter { !rows.isEmpty($0) }
        let annotatedClasses = corpus.annotatedClasses, backgroundSets = corpus.backgroundSets
        // The sampled background of each annotated corpus: negative for its label set only.
        let backgroundOf = backgroundSets.indices.map { set in annotatedSample.filter { examples[$0].backgroundSet == set } }
        let flags = examples.map(\.annotated)
        // 3. One model per class, in parallel.
        let results = Self.parallelMap(classCount) { c -> (Float, [(UInt32, Float)]) in
            guard !positives[c].isEmpty else { return (-10, []) }
            var related = Set(children[c])
            if let p = corpus.parents[c] { related.insert(p) }
            var negativeSet: [Int] = []
            if let p = corpus.parents[c] {
                for s in children[p] where s != c { negativeSet.append(contentsOf: positives[s].prefix(400)) }
            }
            for i in sample {
                guard let l = examples[i].label else { negativeSet.append(i); continue }
                if l != c, !related.contains(l) { negativeSet.append(i) }
            }
            for (set, classes) in backgroundSets.enumerated() where classes.contains(c) { negativeSet.append(contentsOf: backgroundOf[set]) }
            let (bias, w) = fit(positives: positives[c], negatives: negativeSet, rows: rows, annotated: flags, ascending: ascending, seed: seed &+ UInt64(c))
            return (bias, w.map { (kept[Int($0.0)], $0.1) }.sorted { $0.0 < $1.0 })
        }
        return TechniqueModel(features: features, classes: corpus.classes, parents: corpus.parents, digest: corpus.digest, annotated: !annotatedClasses.isEmpty,
                              idf: idf, bias: results.map { $0.0 }, weights: results.map { $0.1 },
                              names: NameSpecificity(extractor: ReportExtractor(kb: corpus.knowledgeBase)))
    }

    static func shuffled(_ items: [Int], _ rng: inout SplitMix) -> [Int] {
        var out = items
        for i in stride(from: out.count - 1, to: 0, by: -1) { out.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        return out
    }

    /// One class's SVM by dual coordinate descent (Hsieh et al. 2008, as LIBLINEAR's L2-loss
    /// dual solver): the bias is a feature of value 1; every text costs `cost`, an annotated
    /// passage `cost × passageWeight`. Returns the bias and the largest weights (compact
    /// indexes in increasing bucket order; `ascending[slot]` is each slot's place in that order).
    /// (LIBLINEAR's shrinking was tried: over 8 passes it left out too few texts to
    /// save time, and moved the cross-validated F1 by −0.001 to −0.002.)
    func fit(positives: [Int], negatives: [Int], rows: Rows, annotated: [Bool], ascending: [Int], seed: UInt64) -> (Float, [(UInt32, Float)]) {
        let dims = ascending.count
        let items: [(row: Int, y: Float, cost: Float)] = positives.map { ($0, 1, annotated[$0] ? cost * passageWeight : cost) } + negatives.map { ($0, -1, cost) }
        var w = [Float](repeating: 0, count: dims)
        var bias: Float = 0
        var alpha = [Float](repeating: 0, count: items.count)
        var diagonal = [Float](repeating: 0, count: items.count)
        var q = [Float](repeating: 0, count: items.count)
        for (k, item) in items.enumerated() {
            diagonal[k] = 1 / (2 * item.cost)
            var norm: Float = 1
            for j in rows.starts[item.row]..<rows.starts[item.row + 1] { norm += rows.values[j] * rows.values[j] }
            q[k] = norm + diagonal[k]
        }
        var order = Array(items.indices)
        var rng = SplitMix(seed: seed)
        rows.starts.withUnsafeBufferPointer { st in
            rows.indices.withUnsafeBufferPointer { ix in
                rows.values.withUnsafeBufferPointer { vx in
                    w.withUnsafeMutableBufferPointer { wp in
                        for _ in 0..<passes {
                            for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
                            for k in order {
                                let (row, y, _) = items[k]
                                let lo = st[row], hi = st[row + 1]
                                var z: Float = bias
                                for j in lo..<hi { z += wp[Int(ix[j])] * vx[j] }
                                let g = y * z - 1 + diagonal[k] * alpha[k]
                                let pg = alpha[k] == 0 ? min(g, 0) : g
                                guard abs(pg) > 1e-6 else { continue }
                                let old = alpha[k]
                                alpha[k] = max(old - g / q[k], 0)
                                let d = (alpha[k] - old) * y
                                for j in lo..<hi { wp[Int(ix[j])] += d * vx[j] }
                                bias += d
                            }
                        }
                    }
                }
            }
        }
        // Back in increasing bucket order, so equal weights at the cut are chosen as before.
        var inOrder = [Float](repeating: 0, count: dims)
        for (s, k) in ascending.enumerated() { inOrder[k] = w[s] }
        return (bias * scoreScale, Self.strongest(inOrder, keep: weightsPerClass, scale: scoreScale))
    }

    /// Every text's TF-IDF vector in one run of memory (compressed sparse rows): row `i` is
    /// `indices[starts[i]..<starts[i + 1]]` with its `values`.
    struct Rows: Sendable {
        var starts: [Int] = [0]
        var indices: [UInt32] = []
        var values: [Float] = []

        init(_ vectors: [SparseVector]) {
            let total = vectors.reduce(0) { $0 + $1.indices.count }
            starts.reserveCapacity(vectors.count + 1)
            indices.reserveCapacity(total)
            values.reserveCapacity(total)
            for v in vectors {
                indices.append(contentsOf: v.indices)
                values.append(contentsOf: v.values)
                starts.append(indices.count)
            }
        }

        func isEmpty(_ row: Int) -> Bool { starts[row] == starts[row + 1] }
    }

    /// The `keep` weights largest in magnitude, times `scale`, as (index, weight).
    static func strongest(_ w: [Float], keep: Int, scale: Float) -> [(UInt32, Float)] {
        var magnitudes: [Float] = []
        for b in w.indices where w[b] != 0 { magnitudes.append(abs(w[b])) }
        let cut = magnitudes.count > keep ? largest(keep, of: &magnitudes) : 0
        var kept: [(UInt32, Float)] = []
        for b in w.indices where w[b] != 0 && abs(w[b]) >= cut && kept.count < keep { kept.append((UInt32(b), w[b] * scale)) }
        return kept
    }

    /// The `k`-th largest value (`1 ≤ k ≤ values.count`), by quickselect; reorders `values`.
    static func largest(_ k: Int, of values: inout [Float]) -> Float {
        var lo = 0, hi = values.count - 1
        let target = k - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while values[i] > pivot { i += 1 }
                while values[j] < pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if target <= j { hi = j } else if target >= i { lo = i } else { break }
        }
        return values[target]
    }

    /// `body(0..<count)` on `workers` threads, results in index order.
    static func parallelMap<T: Sendable>(_ count: Int, workers: Int = ProcessInfo.processInfo.activeProcessorCount, _ body: @Sendable (Int) -> T) -> [T] {
        let box = ResultBox<T>(count: count)
        let w = max(1, min(workers, count))
        DispatchQueue.concurrentPerform(iterations: w) { k in
            var i = k
            while i < count {
                box.set(i, body(i))
                i += w
            }
        }
        return box.values()
    }
}

/// Results written by parallel workers, each index once.
final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var storage: [T?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ value: T) {
        lock.lock()
        storage[i] = value
        lock.unlock()
    }

    func values() -> [T] { storage.compactMap { $0 } }
}

/// A small deterministic random generator (SplitMix64).
struct SplitMix {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }
}
