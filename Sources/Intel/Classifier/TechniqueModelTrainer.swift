import Dispatch
import Foundation

/// Trains a ``TechniqueModel`` from a ``TrainingCorpus``: one L2-regularised logistic
/// regression per technique, fitted by stochastic gradient descent over the technique's own
/// texts (positives), a shared random sample of other texts and all texts of its sibling
/// sub-techniques (negatives). A parent's and its sub-techniques' texts are neither positive
/// nor negative for each other. Classes are trained in parallel; results do not depend on
/// the number of workers.
///
/// ```swift
/// let model = TechniqueModelTrainer().train(TrainingCorpus(kb: kb))
/// ```
public struct TechniqueModelTrainer: Sendable {
    /// Passes over each class's training set.
    public var epochs = 6
    /// Size of the shared negative sample.
    public var negatives = 2500
    /// L2 regularisation strength.
    public var lambda: Float = 2e-5
    /// Largest number of weights kept per class (the largest in magnitude).
    public var weightsPerClass = 2500
    /// Hash buckets of the feature space.
    public var dimensions = 1 << 20
    /// Character n-gram lengths (0, 0: words only).
    public var charMin = 3, charMax = 5
    /// Largest weight of a positive example relative to a negative one.
    public var positiveWeightCap: Float = 30
    /// Seed of the sampling and shuffling.
    public var seed: UInt64 = 42

    public init() {}

    public func train(_ corpus: TrainingCorpus) -> TechniqueModel {
        let features = TextFeatures(dimensions: dimensions, charMin: charMin, charMax: charMax)
        let dims = features.dimensions
        let examples = corpus.examples
        // 1. Counts and document frequencies.
        let counts = Self.parallelMap(examples.count) { i in features.counts(Array(examples[i].text.utf8)[...]) }
        var df = [Int32](repeating: 0, count: dims)
        for (w, c) in counts {
            for (b, _) in w { df[Int(b)] += 1 }
            for (b, _) in c { df[Int(b)] += 1 }
        }
        let n = Float(examples.count)
        var idf = [Float](repeating: 0, count: dims)
        for b in 0..<dims where df[b] >= 2 { idf[b] = log((1 + n) / (1 + Float(df[b]))) + 1 }
        let weights = idf
        let vectors = Self.parallelMap(counts.count) { i in TechniqueModel.tfidf(word: counts[i].word, char: counts[i].char, idf: weights) }
        // 2. Training sets.
        let classCount = corpus.classes.count
        var positiveLists = [[Int]](repeating: [], count: classCount)
        for (i, e) in examples.enumerated() { if let c = e.label, c < classCount, !vectors[i].isEmpty { positiveLists[c].append(i) } }
        var childLists = [[Int]](repeating: [], count: classCount)
        for (c, p) in corpus.parents.enumerated() { if let p, p < classCount { childLists[p].append(c) } }
        let positives = positiveLists, children = childLists
        var rng = SplitMix(seed: seed)
        var pool = Array(examples.indices.filter { !vectors[$0].isEmpty })
        for i in stride(from: pool.count - 1, to: 0, by: -1) { pool.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
        let sample = Array(pool.prefix(negatives))
        // 3. One model per class, in parallel.
        let results = Self.parallelMap(classCount, workers: max(1, ProcessInfo.processInfo.activeProcessorCount)) { c -> (Float, [(UInt32, Float)]) in
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
            return fit(positives: positives[c], negatives: negativeSet, vectors: vectors, dims: dims, seed: seed &+ UInt64(c))
        }
        return TechniqueModel(features: features, classes: corpus.classes, parents: corpus.parents, digest: corpus.digest,
                              idf: idf, bias: results.map { $0.0 }, weights: results.map { $0.1 })
    }

    /// SGD on the logistic loss with L2 (weight-scaling trick), positives weighted so both
    /// sides count about equally; returns the bias and the largest weights.
    func fit(positives: [Int], negatives: [Int], vectors: [SparseVector], dims: Int, seed: UInt64) -> (Float, [(UInt32, Float)]) {
        var order: [(Int, Float, Float)] = positives.map { ($0, 1, 1) } + negatives.map { ($0, 0, 1) }
        let positiveWeight = max(1, min(positiveWeightCap, Float(negatives.count) / Float(max(1, positives.count)) / 3))
        for k in order.indices where order[k].1 == 1 { order[k].2 = positiveWeight }
        var w = [Float](repeating: 0, count: dims)
        var scale: Float = 1
        var bias: Float = 0
        var rng = SplitMix(seed: seed)
        var t: Float = 0
        let eta0: Float = 0.5
        w.withUnsafeMutableBufferPointer { wp in
            for _ in 0..<epochs {
                for i in stride(from: order.count - 1, to: 0, by: -1) { order.swapAt(i, Int(rng.next() % UInt64(i + 1))) }
                for (i, y, sw) in order {
                    let eta = eta0 / (1 + eta0 * lambda * t)
                    t += 1
                    let v = vectors[i]
                    var z: Float = 0
                    for (b, x) in zip(v.indices, v.values) { z += wp[Int(b)] * x }
                    z = z * scale + bias
                    let p = 1 / (1 + exp(-z))
                    let g = (p - y) * sw
                    scale *= (1 - eta * lambda)
                    if scale < 1e-6 {
                        for b in 0..<dims { wp[b] *= scale }
                        scale = 1
                    }
                    guard abs(g) > 1e-7 else { continue }
                    let step = eta * g / scale
                    for (b, x) in zip(v.indices, v.values) { wp[Int(b)] -= step * x }
                    bias -= eta * g * 0.1
                }
            }
        }
        var kept: [(UInt32, Float)] = []
        for b in 0..<dims where w[b] != 0 { kept.append((UInt32(b), w[b] * scale)) }
        if kept.count > weightsPerClass {
            kept.sort { abs($0.1) > abs($1.1) }
            kept.removeLast(kept.count - weightsPerClass)
        }
        kept.sort { $0.0 < $1.0 }
        return (bias, kept)
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
