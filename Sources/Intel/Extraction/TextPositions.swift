/// Where a byte of a report's text is for its reader: the 1-based line of the file as the user
/// sees it in an editor (for HTML, the line of the source the stripped text came from) and its
/// Unicode scalar offset in the text (the offsets the JSON gives).
///
/// Built once per report in one pass; each question is a binary search and a walk of at most
/// ``scalarStride`` scalars, and it holds a few integers per line, not per byte.
///
/// ```swift
/// let report = ReportText(Array("one\ntwo T1059".utf8))
/// report.positions.line(ofByte: 8)                          // 2
/// report.positions.byteOffset(ofScalar: 8, in: report.bytes)  // 8
/// ```
public struct TextPositions: Sendable {
    /// A point where the text stops being a byte-for-byte copy of the source: from `text` on,
    /// text byte `text + k` came from source byte `source + k` (until the next checkpoint).
    public struct Checkpoint: Sendable, Hashable {
        public let text: Int
        public let source: Int
    }

    /// Scalars between two remembered byte offsets.
    static let scalarStride = 256

    /// Byte offsets in the source of every line feed, ascending.
    let sourceLineFeeds: [Int]
    /// For stripped HTML, the text-to-source checkpoints in text order; empty when the text is
    /// the source.
    let map: [Checkpoint]
    /// The byte offset of scalar `k * scalarStride` of the text.
    let scalarStarts: [Int]

    /// Positions in `text`, which is `source` itself (`map` empty) or was stripped from it.
    init(text: [UInt8], source: [UInt8], map: [Checkpoint]) {
        var feeds: [Int] = []
        for (i, b) in source.enumerated() where b == 10 { feeds.append(i) }
        sourceLineFeeds = feeds
        self.map = map
        var starts: [Int] = []
        starts.reserveCapacity(text.count / Self.scalarStride + 1)
        var scalars = 0
        for (i, b) in text.enumerated() where b & 0xC0 != 0x80 {
            if scalars % Self.scalarStride == 0 { starts.append(i) }
            scalars += 1
        }
        scalarStarts = starts
    }

    /// The source byte text byte `offset` came from.
    public func sourceOffset(ofByte offset: Int) -> Int {
        guard !map.isEmpty else { return offset }
        var lo = 0, hi = map.count   // the last checkpoint with text ≤ offset is lo - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if map[mid].text <= offset { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return offset }
        let c = map[lo - 1]
        return c.source + (offset - c.text)
    }

    /// The 1-based line of text byte `offset` in the source (line feeds counted; a carriage
    /// return before one changes nothing).
    public func line(ofByte offset: Int) -> Int {
        let s = sourceOffset(ofByte: max(0, offset))
        var lo = 0, hi = sourceLineFeeds.count   // line feeds before s
        while lo < hi {
            let mid = (lo + hi) / 2
            if sourceLineFeeds[mid] < s { lo = mid + 1 } else { hi = mid }
        }
        return lo + 1
    }

    /// The byte offset in `text` of Unicode scalar `scalar` (the end of the text past the last).
    public func byteOffset(ofScalar scalar: Int, in text: [UInt8]) -> Int {
        guard scalar > 0 else { return 0 }
        let k = scalar / Self.scalarStride
        guard k < scalarStarts.count else { return text.count }
        var i = scalarStarts[k]
        var left = scalar - k * Self.scalarStride
        while left > 0, i < text.count {
            i += 1
            while i < text.count, text[i] & 0xC0 == 0x80 { i += 1 }
            left -= 1
        }
        return i
    }

    /// The number of Unicode scalars of `text` before byte `offset` (the scalar offset of the
    /// scalar starting there).
    public func scalarOffset(ofByte offset: Int, in text: [UInt8]) -> Int {
        let target = min(max(0, offset), text.count)
        var lo = 0, hi = scalarStarts.count   // the last remembered start ≤ target is lo - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if scalarStarts[mid] <= target { lo = mid + 1 } else { hi = mid }
        }
        guard lo > 0 else { return 0 }
        var scalar = (lo - 1) * Self.scalarStride
        for b in text[scalarStarts[lo - 1]..<target] where b & 0xC0 != 0x80 { scalar += 1 }
        return scalar
    }
}
