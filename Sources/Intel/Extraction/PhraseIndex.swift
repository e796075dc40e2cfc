/// Names as token sequences in a trie, for longest-match-first scanning of a token stream.
///
/// Tokens are maximal runs of ASCII letters and digits (and non-ASCII bytes); everything else
/// separates them, so "Side-Loading", "side loading" and "SIDE_LOADING" are the same phrase.
struct PhraseIndex: Sendable {
    struct Entry: Sendable, Hashable {
        /// Object index in the knowledge base.
        let object: Int
        /// `name` or `alias`.
        let how: ExtractionHit.Via
        /// When set, the text must spell the phrase with exactly these bytes per token.
        let exact: [[UInt8]]?
    }

    private(set) var vocabulary: [String: Int] = [:]
    /// The vocabulary by a hash of each token's lower-cased bytes (``tokenIDs(_:_:)`` reads
    /// tokens without making strings), and each token id's bytes, to confirm a hash match.
    private var hashed: [UInt64: Int] = [:]
    private var spellings: [[UInt8]] = []
    private var children: [[Int: Int]] = [[:]]
    private var entries: [[Entry]] = [[]]

    mutating func insert(tokens: [[UInt8]], entry: Entry) {
        var node = 0
        for t in tokens {
            let lowered = t.map(Self.lower)
            let key = String(decoding: lowered, as: UTF8.self)
            let id: Int
            if let existing = vocabulary[key] {
                id = existing
            } else {
                id = vocabulary.count
                vocabulary[key] = id
                spellings.append(lowered)
                // Two tokens with one hash: the later is found through `vocabulary` only.
                let h = Self.hash(lowered[...])
                if hashed[h] == nil { hashed[h] = id }
            }
            if let next = children[node][id] {
                node = next
            } else {
                children.append([:])
                entries.append([])
                children[node][id] = children.count - 1
                node = children.count - 1
            }
        }
        if !entries[node].contains(entry) { entries[node].append(entry) }
    }

    /// The token id of a lower-cased token, or -1 when no name has it.
    func tokenID(_ lowered: String) -> Int { vocabulary[lowered] ?? -1 }

    /// The token id of each token of `bytes` (-1 for a token no name has).
    func tokenIDs(_ bytes: [UInt8], _ tokens: [Range<Int>]) -> [Int] {
        var ids = [Int](repeating: -1, count: tokens.count)
        var lowered: [UInt8] = []
        for (i, r) in tokens.enumerated() {
            lowered.removeAll(keepingCapacity: true)
            var ascii = true
            for b in bytes[r] {
                lowered.append(Self.lower(b))
                if b >= 0x80 { ascii = false }
            }
            if ascii, let id = hashed[Self.hash(lowered[...])], spellings[id] == lowered {
                ids[i] = id
            } else if !ascii || collided {
                // Strings compare by canonical equivalence ("é" precomposed or not): non-ASCII
                // tokens are looked up as text.
                ids[i] = tokenID(String(decoding: lowered, as: UTF8.self))
            }
        }
        return ids
    }

    /// True when two vocabulary tokens share a hash (then a token not confirmed by its hash is
    /// looked up by its text).
    private var collided: Bool { hashed.count != spellings.count }

    /// The hash of a lower-cased token (FNV-1a, as the classifier's features).
    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 { TextFeatures.fnv(bytes, seed: 0) }

    /// A phrase as the index reads it: its tokens lower-cased, joined by one space.
    static func normalised(_ bytes: [UInt8], _ tokens: ArraySlice<Range<Int>>) -> String {
        tokens.map { String(decoding: bytes[$0].map(lower), as: UTF8.self) }.joined(separator: " ")
    }

    /// The longest phrase starting at token `start`: `(token count, entries)` whose case rule
    /// the text satisfies.
    func longestMatch(ids: [Int], tokens: [Range<Int>], bytes: [UInt8], start: Int) -> (Int, [Entry])? {
        var node = 0
        var best: (Int, [Entry])?
        var i = start
        while i < ids.count, ids[i] >= 0, let next = children[node][ids[i]] {
            node = next
            i += 1
            let ok = entries[node].filter { e in
                guard let exact = e.exact else { return true }
                for (k, t) in exact.enumerated() where !bytes[tokens[start + k]].elementsEqual(t) { return false }
                return true
            }
            if !ok.isEmpty { best = (i - start, ok) }
        }
        return best
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

    static func isTokenByte(_ b: UInt8) -> Bool { b.isASCIILetterOrDigit || b >= 0x80 }

    /// Token ranges of bytes.
    static func tokenize(_ bytes: [UInt8]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        result.reserveCapacity(bytes.count / 5)
        var i = 0
        let n = bytes.count
        while i < n {
            guard isTokenByte(bytes[i]) else { i += 1; continue }
            let s = i
            while i < n, isTokenByte(bytes[i]) { i += 1 }
            result.append(s..<i)
        }
        return result
    }
}
