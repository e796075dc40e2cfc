/// The sentences of a report that the classifier reads, as byte ranges of its text.
///
/// Lines are split after `.`, `!` or `?` followed by white space (not after "e.g.", "i.e."),
/// and every line ends a sentence — except a hard-wrapped one: a line that does not end in
/// `.`, `!`, `?` or `:` continues on the next line when that starts with a lower-case letter. Left out: fenced code blocks (```` ``` ````), lines that
/// look like code or data (many of `{}();=<>$|\` or few letters), and very short fragments.
/// A sentence longer than 1,000 bytes is cut into pieces of at most that size.
public struct ReportSentences: Sendable {
    public let ranges: [Range<Int>]

    public init(_ bytes: [UInt8]) {
        var out: [Range<Int>] = []
        var inFence = false
        var lineStart = 0
        let n = bytes.count
        while lineStart < n {
            var lineEnd = Self.lineEnd(bytes, from: lineStart)
            while !inFence, lineEnd < n, Self.continues(bytes, lineStart..<lineEnd) {
                lineEnd = Self.lineEnd(bytes, from: lineEnd + 1)
            }
            let line = lineStart..<lineEnd
            lineStart = lineEnd + 1
            let trimmed = Self.trim(bytes, line)
            if trimmed.count >= 3, bytes[trimmed.lowerBound] == UInt8(ascii: "`"), bytes[trimmed.lowerBound + 1] == UInt8(ascii: "`"), bytes[trimmed.lowerBound + 2] == UInt8(ascii: "`") {
                inFence.toggle()
                continue
            }
            guard !inFence, !trimmed.isEmpty, !Self.looksLikeCode(bytes, trimmed) else { continue }
            var s = trimmed.lowerBound
            var i = s
            while i < trimmed.upperBound {
                let b = bytes[i]
                if ReportText.isTerminal(b), i + 1 < trimmed.upperBound, bytes[i + 1] == 32 || bytes[i + 1] == 9, !ReportText.isAbbreviation(bytes, i) {
                    Self.append(s..<(i + 1), bytes, to: &out)
                    s = i + 1
                }
                i += 1
            }
            Self.append(s..<trimmed.upperBound, bytes, to: &out)
        }
        ranges = out
    }

    static func lineEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var i = start
        while i < bytes.count, bytes[i] != 10 { i += 1 }
        return i
    }

    /// A hard-wrapped line: no closing punctuation, and the next line starts in lower case.
    /// Only the end of `line` is read (not its leading white space), so joining many wrapped
    /// lines stays linear in the text.
    static func continues(_ bytes: [UInt8], _ line: Range<Int>) -> Bool {
        var end = line.upperBound
        while end > line.lowerBound, TextFeatures.isSpace(bytes[end - 1]) { end -= 1 }
        guard end > line.lowerBound else { return false }
        let last = bytes[end - 1]
        guard !ReportText.isTerminal(last), last != UInt8(ascii: ":") else { return false }
        var i = line.upperBound + 1
        while i < bytes.count, bytes[i] == 32 || bytes[i] == 9 { i += 1 }
        return i < bytes.count && bytes[i] >= 97 && bytes[i] <= 122
    }

    static func append(_ r: Range<Int>, _ bytes: [UInt8], to out: inout [Range<Int>]) {
        let t = trim(bytes, r)
        guard t.count >= 12 else { return }
        var s = t.lowerBound
        while s < t.upperBound {
            var e = min(t.upperBound, s + 1000)
            // Do not cut inside a UTF-8 sequence.
            while e < t.upperBound, e > s, bytes[e] & 0xC0 == 0x80 { e -= 1 }
            if e <= s { e = min(t.upperBound, s + 1000) }
            out.append(s..<e)
            s = e
        }
    }

    static func trim(_ bytes: [UInt8], _ r: Range<Int>) -> Range<Int> {
        var lo = r.lowerBound, hi = r.upperBound
        while lo < hi, TextFeatures.isSpace(bytes[lo]) { lo += 1 }
        while hi > lo, TextFeatures.isSpace(bytes[hi - 1]) { hi -= 1 }
        return lo..<hi
    }

    /// Many code punctuation characters, or few letters, for the line's length.
    static func looksLikeCode(_ bytes: [UInt8], _ r: Range<Int>) -> Bool {
        guard r.count >= 16 else { return false }
        var symbols = 0, letters = 0
        for b in bytes[r] {
            switch b {
            case UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ";"), UInt8(ascii: "="),
                 UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "$"), UInt8(ascii: "|"), UInt8(ascii: "\\"):
                symbols += 1
            default:
                if (b | 0x20) >= 97 && (b | 0x20) <= 122 { letters += 1 }
            }
        }
        return symbols * 8 > r.count || letters * 2 < r.count
    }
}
