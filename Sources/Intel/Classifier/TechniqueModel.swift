import Foundation

/// A learned technique classifier: TF-IDF weights over hashed word and character n-grams and
/// one linear model per technique (one-vs-rest, ``TechniqueModelTrainer``), stored sparsely,
/// with the technique names that are no claim on their own (``NameSpecificity``).
///
/// Build one with ``TechniqueModelTrainer``; keep it with ``encoded()`` / ``init(decoding:)``.
///
/// ```swift
/// let model = TechniqueModelTrainer().train(TrainingCorpus(kb: kb))
/// let v = model.vectorize(Array("The actor dumped LSASS process memory.".utf8)[...])
/// var logits = [Float](repeating: 0, count: model.classes.count)
/// model.logits(v, into: &logits)
/// ```
public struct TechniqueModel: Sendable {
    public let features: TextFeatures
    /// Technique IDs, one per class.
    public let classes: [String]
    /// Parent class of each class, for sub-techniques.
    public let parents: [Int?]
    /// Digest of the training corpus this model was learned from.
    public let digest: UInt64
    /// Whether annotated reports were part of the training text (their passages score higher,
    /// so the decision threshold differs: ``TechniqueClassifier/defaultThreshold(for:)``).
    public let annotated: Bool
    /// Inverse document frequency per bucket (0 for buckets too rare to count).
    let idf: [Float]
    let bias: [Float]
    /// Postings by bucket: `offsets[b]..<offsets[b + 1]` index `postings`.
    let offsets: [UInt32]
    /// Each class's weight of a bucket, side by side (scoring reads a bucket's postings as one
    /// run of memory, not two).
    let postings: [Posting]
    /// Which technique names mean their technique (judged on the release's prose when trained).
    public let names: NameSpecificity

    /// One class's weight of one bucket.
    struct Posting: Sendable {
        var weight: Float
        var classIndex: UInt16
    }

    init(features: TextFeatures, classes: [String], parents: [Int?], digest: UInt64, annotated: Bool, idf: [Float], bias: [Float], weights: [[(UInt32, Float)]], names: NameSpecificity) {
        self.names = names
        self.features = features
        self.classes = classes
        self.parents = parents
        self.digest = digest
        self.annotated = annotated
        self.idf = idf
        self.bias = bias
        var counts = [UInt32](repeating: 0, count: features.dimensions + 1)
        for w in weights { for (b, _) in w { counts[Int(b) + 1] += 1 } }
        for i in 0..<features.dimensions { counts[i + 1] += counts[i] }
        var fill = counts
        let total = Int(counts[features.dimensions])
        var postings = [Posting](repeating: Posting(weight: 0, classIndex: 0), count: total)
        for (c, w) in weights.enumerated() {
            for (b, value) in w {
                let k = Int(fill[Int(b)])
                postings[k] = Posting(weight: value, classIndex: UInt16(c))
                fill[Int(b)] += 1
            }
        }
        offsets = counts
        self.postings = postings
    }

    /// The TF-IDF vector of a text: sublinear term frequency times IDF, word and character
    /// blocks each L2-normalised, then joined with equal weight.
    public func vectorize(_ text: ArraySlice<UInt8>) -> SparseVector {
        vectorizeCountingWords(text).vector
    }

    /// ``vectorize(_:)`` and the number of words the text has.
    func vectorizeCountingWords(_ text: ArraySlice<UInt8>) -> (vector: SparseVector, words: Int) {
        let (word, char, words) = features.counts(text)
        return (Self.tfidf(word: word, char: char, idf: idf), words)
    }

    static func tfidf(word: [(UInt32, Float)], char: [(UInt32, Float)], idf: [Float]) -> SparseVector {
        func block(_ counts: [(UInt32, Float)]) -> [(UInt32, Float)] {
            var out: [(UInt32, Float)] = []
            out.reserveCapacity(counts.count)
            var norm: Float = 0
            for (b, tf) in counts {
                let w = (1 + log(tf)) * idf[Int(b)]
                guard w > 0 else { continue }
                out.append((b, w))
                norm += w * w
            }
            guard norm > 0 else { return [] }
            let scale = 1 / (norm * 2).squareRoot()
            return out.map { ($0.0, $0.1 * scale) }
        }
        let a = block(word), b = block(char)
        var v = SparseVector()
        v.indices.reserveCapacity(a.count + b.count)
        v.values.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j >= b.count || (i < a.count && a[i].0 < b[j].0) {
                v.indices.append(a[i].0); v.values.append(a[i].1); i += 1
            } else if i >= a.count || b[j].0 < a[i].0 {
                v.indices.append(b[j].0); v.values.append(b[j].1); j += 1
            } else {
                v.indices.append(a[i].0); v.values.append(a[i].1 + b[j].1); i += 1; j += 1
            }
        }
        return v
    }

    /// Adds each class's logit (bias plus weights · vector) to `logits` (length `classes.count`).
    public func logits(_ v: SparseVector, into logits: inout [Float]) {
        for c in 0..<min(logits.count, bias.count) { logits[c] = bias[c] }
        offsets.withUnsafeBufferPointer { off in
            postings.withUnsafeBufferPointer { p in
                logits.withUnsafeMutableBufferPointer { out in
                    for (b, x) in zip(v.indices, v.values) {
                        let lo = Int(off[Int(b)]), hi = Int(off[Int(b) + 1])
                        var k = lo
                        while k < hi {
                            out[Int(p[k].classIndex)] += x * p[k].weight
                            k += 1
                        }
                    }
                }
            }
        }
    }

    /// Number of stored weights.
    public var weightCount: Int { postings.count }
}

// MARK: - Storage

extension TechniqueModel {
    static let magic = Array("TTPKITM3".utf8)
    /// Changes whenever features, training or the file layout change meaning.
    static let formatVersion = 5

    /// The model as bytes (little-endian; see ``init(decoding:)``).
    public func encoded() -> [UInt8] {
        var out = Self.magic
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        func f32(_ v: Float) { u32(v.bitPattern) }
        u64(digest)
        u32(annotated ? 1 : 0)
        u32(UInt32(features.dimensions))
        u32(UInt32(features.charMin))
        u32(UInt32(features.charMax))
        u32(UInt32(classes.count))
        for (c, p) in zip(classes, parents) {
            let b = Array(c.utf8.prefix(64))
            u32(UInt32(b.count))
            out.append(contentsOf: b)
            u32(p.map { UInt32($0) } ?? UInt32.max)
        }
        for b in bias { f32(b) }
        let nonzero = idf.indices.filter { idf[$0] != 0 }
        u32(UInt32(nonzero.count))
        for i in nonzero { u32(UInt32(i)); f32(idf[i]) }
        u32(UInt32(postings.count))
        for b in 0..<features.dimensions { u32(offsets[b + 1] - offsets[b]) }
        for p in postings { out.append(UInt8(p.classIndex & 0xff)); out.append(UInt8(p.classIndex >> 8)) }
        for p in postings { f32(p.weight) }
        // Unspecific names: how many techniques have some; per technique its ID, how many
        // forms, and the forms (each a length and UTF-8 bytes).
        func text(_ t: String) {
            let b = Array(t.utf8.prefix(NameSpecificity.longestForm))
            u32(UInt32(b.count))
            out.append(contentsOf: b)
        }
        let unspecific = names.unspecific.sorted { $0.key < $1.key }
        u32(UInt32(unspecific.count))
        for (id, forms) in unspecific {
            text(id)
            u32(UInt32(forms.count))
            for f in forms.sorted() { text(f) }
        }
        return out
    }

    /// Reads ``encoded()`` bytes; nil when they are not a complete, consistent model (wrong
    /// magic, truncated, counts out of range), so a damaged cache file means retraining.
    public init?(decoding bytes: [UInt8]) {
        var r = ByteReader(bytes: bytes)
        guard r.take(Self.magic.count) == Self.magic, let digest = r.u64(), let flag = r.u32(), flag <= 1, let dims = r.u32(), let cmin = r.u32(), let cmax = r.u32(), cmin <= 8, cmax <= 8,
            let n = r.u32()
        else { return nil }
        guard dims >= 2, dims <= 1 << 24, dims & (dims - 1) == 0, n <= 65_535 else { return nil }
        var classes: [String] = []
        var parents: [Int?] = []
        for _ in 0..<n {
            guard let len = r.u32(), len <= 64, let b = r.take(Int(len)), let p = r.u32() else { return nil }
            classes.append(String(decoding: b, as: UTF8.self))
            if p == UInt32.max { parents.append(nil) } else if p < n { parents.append(Int(p)) } else { return nil }
        }
        var bias: [Float] = []
        for _ in 0..<n { guard let f = r.f32(), f.isFinite else { return nil }; bias.append(f) }
        guard let nz = r.u32(), nz <= dims else { return nil }
        var idf = [Float](repeating: 0, count: Int(dims))
        for _ in 0..<nz {
            guard let i = r.u32(), i < dims, let f = r.f32(), f.isFinite else { return nil }
            idf[Int(i)] = f
        }
        guard let total = r.u32(), Int(total) <= r.remaining / 6 else { return nil }
        var offsets = [UInt32](repeating: 0, count: Int(dims) + 1)
        for b in 0..<Int(dims) {
            guard let c = r.u32(), UInt64(offsets[b]) + UInt64(c) <= UInt64(total) else { return nil }
            offsets[b + 1] = offsets[b] + c
        }
        guard offsets[Int(dims)] == total, let classBytes = r.take(Int(total) * 2) else { return nil }
        var postings = [Posting](repeating: Posting(weight: 0, classIndex: 0), count: Int(total))
        for k in 0..<Int(total) {
            let c = UInt16(classBytes[2 * k]) | UInt16(classBytes[2 * k + 1]) << 8
            guard c < n else { return nil }
            postings[k].classIndex = c
        }
        for k in 0..<Int(total) { guard let f = r.f32(), f.isFinite else { return nil }; postings[k].weight = f }
        guard let entries = r.u32(), entries <= n else { return nil }
        func text() -> String? {
            guard let len = r.u32(), len <= UInt32(NameSpecificity.longestForm), let b = r.take(Int(len)) else { return nil }
            return String(decoding: b, as: UTF8.self)
        }
        var unspecific: [String: Set<String>] = [:]
        for _ in 0..<entries {
            guard let id = text(), let count = r.u32(), Int(count) <= r.remaining / 4 else { return nil }
            var forms = Set<String>()
            for _ in 0..<count {
                guard let f = text() else { return nil }
                forms.insert(f)
            }
            unspecific[id] = forms
        }
        guard r.remaining == 0 else { return nil }
        self.features = TextFeatures(dimensions: Int(dims), charMin: Int(cmin), charMax: Int(cmax))
        self.classes = classes
        self.parents = parents
        self.digest = digest
        self.annotated = flag == 1
        self.idf = idf
        self.bias = bias
        self.offsets = offsets
        self.postings = postings
        self.names = NameSpecificity(unspecific: unspecific)
    }
}

/// Bounds-checked little-endian reads.
struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    var remaining: Int { bytes.count - position }

    mutating func take(_ n: Int) -> [UInt8]? {
        guard n >= 0, n <= remaining else { return nil }
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    mutating func u32() -> UInt32? {
        guard remaining >= 4 else { return nil }
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(bytes[position + k]) << (8 * UInt32(k)) }
        position += 4
        return v
    }

    mutating func u64() -> UInt64? {
        guard let lo = u32(), let hi = u32() else { return nil }
        return UInt64(lo) | UInt64(hi) << 32
    }

    mutating func f32() -> Float? { u32().map { Float(bitPattern: $0) } }
}
