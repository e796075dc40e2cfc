/// A sparse feature vector: bucket indexes in increasing order with their values.
public struct SparseVector: Sendable, Equatable {
    public var indices: [UInt32]
    public var values: [Float]

    public init(indices: [UInt32] = [], values: [Float] = []) {
        self.indices = indices
        self.values = values
    }

    public var isEmpty: Bool { indices.isEmpty }
}

/// Turns prose into hashed n-gram counts: lower-cased word unigrams and bigrams, and character
/// 3- to 5-grams inside each word (with word-boundary marks), each hashed into `dimensions` buckets.
///
/// What is not prose is left out, so indicators do not look like evidence: whitespace-separated
/// chunks holding URLs or defanged indicators (`hxxp`, `[.]`, `[:]`, `://`), hashes and other
/// long hexadecimal or digit runs, and chunks longer than 64 bytes. Words are runs of ASCII
/// letters and digits; other bytes separate them.
///
/// ```swift
/// let f = TextFeatures(dimensions: 1 << 20)
/// let counts = f.counts(Array("Dumps LSASS memory with procdump.exe".utf8))
/// // word and character buckets with their counts
/// ```
public struct TextFeatures: Sendable, Hashable {
    /// Number of hash buckets (a power of two).
    public let dimensions: Int
    /// Shortest and longest character n-gram (0 and 0: none).
    public let charMin: Int, charMax: Int

    public init(dimensions: Int = 1 << 20, charMin: Int = 3, charMax: Int = 5) {
        var d = 1
        while d < max(2, dimensions) { d <<= 1 }
        self.dimensions = d
        self.charMin = max(0, min(charMin, 8))
        self.charMax = max(self.charMin, min(charMax, 8))
    }

    /// Hashed feature counts of a text: word features in `word`, character n-grams in `char`,
    /// each sorted by bucket with repeated buckets merged; `words` is how many words it read.
    public func counts(_ bytes: ArraySlice<UInt8>) -> (word: [(UInt32, Float)], char: [(UInt32, Float)], words: Int) {
        let words = Self.words(bytes)
        var wordHashes: [UInt32] = []
        var charHashes: [UInt32] = []
        wordHashes.reserveCapacity(words.count * 2)
        charHashes.reserveCapacity(words.count * 16)
        let mask = UInt64(dimensions - 1)
        var previous: UInt64?
        var padded: [UInt8] = []
        for w in words {
            let h = Self.fnv(w, seed: 0x77)
            wordHashes.append(UInt32(truncatingIfNeeded: h & mask))
            if let p = previous {
                wordHashes.append(UInt32(truncatingIfNeeded: Self.mix(p, h) & mask))
            }
            previous = h
            guard charMin > 0 else { continue }
            padded.removeAll(keepingCapacity: true)
            padded.append(32)
            padded.append(contentsOf: w)
            padded.append(32)
            if padded.count <= charMax {
                charHashes.append(UInt32(truncatingIfNeeded: Self.fnv(padded[...], seed: 0x63) & mask))
                continue
            }
            for n in charMin...charMax where padded.count >= n {
                for s in 0...(padded.count - n) {
                    charHashes.append(UInt32(truncatingIfNeeded: Self.fnv(padded[s..<(s + n)], seed: 0x63) & mask))
                }
            }
        }
        return (Self.merge(wordHashes), Self.merge(charHashes), words.count)
    }

    static func merge(_ hashes: [UInt32]) -> [(UInt32, Float)] {
        var sorted = hashes
        sorted.sort()
        var out: [(UInt32, Float)] = []
        out.reserveCapacity(sorted.count)
        for h in sorted {
            if let last = out.last, last.0 == h {
                out[out.count - 1].1 += 1
            } else {
                out.append((h, 1))
            }
        }
        return out
    }

    /// The lower-cased words of a text, indicators and code-like chunks left out.
    static func words(_ bytes: ArraySlice<UInt8>) -> [ArraySlice<UInt8>] {
        var result: [ArraySlice<UInt8>] = []
        var lowered = [UInt8]()
        lowered.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        let end = bytes.endIndex
        while i < end {
            // One whitespace-separated chunk.
            while i < end, isSpace(bytes[i]) { i += 1 }
            let chunkStart = i
            while i < end, !isSpace(bytes[i]) { i += 1 }
            guard chunkStart < i else { continue }
            let chunk = bytes[chunkStart..<i]
            guard !isIndicator(chunk) else { continue }
            var j = chunk.startIndex
            while j < chunk.endIndex {
                guard chunk[j].isASCIILetterOrDigit else { j += 1; continue }
                let s = j
                while j < chunk.endIndex, chunk[j].isASCIILetterOrDigit { j += 1 }
                let word = chunk[s..<j]
                guard isWord(word) else { continue }
                let start = lowered.count
                for b in word { lowered.append(b >= 65 && b <= 90 ? b | 0x20 : b) }
                result.append(lowered[start..<lowered.count])
            }
        }
        return result
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 10 || b == 9 || b == 13 || b == 12 }

    /// URLs, defanged indicators, paths or blobs too long to be words.
    static func isIndicator(_ chunk: ArraySlice<UInt8>) -> Bool {
        if chunk.count > 64 { return true }
        var dots = 0, brackets = false, slashes = 0
        for (k, b) in zip(chunk.indices, chunk) {
            switch b {
            case UInt8(ascii: "."): dots += 1
            case UInt8(ascii: "["), UInt8(ascii: "]"): brackets = true
            case UInt8(ascii: "/"): slashes += 1
            case UInt8(ascii: ":"):
                if k + 2 < chunk.endIndex, chunk[k + 1] == UInt8(ascii: "/"), chunk[k + 2] == UInt8(ascii: "/") { return true }
            case UInt8(ascii: "h"), UInt8(ascii: "H"):
                if k + 3 < chunk.endIndex, chunk[k + 1] | 0x20 == UInt8(ascii: "x"), chunk[k + 2] | 0x20 == UInt8(ascii: "x"), chunk[k + 3] | 0x20 == UInt8(ascii: "p") { return true }
            default: break
            }
        }
        // "evil[.]com", "1.2.3[.]4", "a.b.c.d" hosts and IPs.
        if brackets, dots > 0 { return true }
        if dots >= 3 { return true }
        return slashes >= 3 && dots > 0
    }

    /// Not a hash, long number or other identifier-like run.
    static func isWord(_ w: ArraySlice<UInt8>) -> Bool {
        var digits = 0, hex = true
        for b in w {
            if b >= 48 && b <= 57 { digits += 1 } else if !((b | 0x20) >= 97 && (b | 0x20) <= 102) { hex = false }
        }
        if digits == w.count { return w.count <= 4 }
        if hex, digits > 0, w.count >= 8 { return false }
        return w.count <= 30
    }

    static func fnv(_ bytes: ArraySlice<UInt8>, seed: UInt64) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ seed
        for b in bytes {
            h ^= UInt64(b)
            h = h &* 0x0000_0100_0000_01b3
        }
        return h
    }

    static func mix(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var h = a &* 0x9e37_79b9_7f4a_7c15 ^ (b &+ 0x632b_e59b_d9b4_e019)
        h ^= h >> 29
        h = h &* 0xbf58_476d_1ce4_e5b9
        return h ^ (h >> 32)
    }
}
