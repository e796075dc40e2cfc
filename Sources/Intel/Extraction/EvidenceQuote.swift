/// The shortest text that supports a finding, as an analyst triages it: the sentence holding
/// the support (a mention, or the passage the classifier scored), whole when it is at most
/// ``maxCharacters`` long, else cut around the support at word boundaries with "…" where cut,
/// with the line of the file the support starts on.
///
/// Sentences are ``ReportText``'s: they run over single line breaks (a hard-wrapped sentence
/// is quoted whole) and end at `.`, `!` or `?` and white space, a blank line, a list item or a
/// Markdown heading. White space runs (line breaks and no-break spaces included) are one space.
///
/// ```swift
/// let report = ReportText(Array("Intro.\nThe actor ran\nPowerShell (T1059.001) to stage tools.".utf8))
/// let q = report.evidenceQuote(support: 21..<31)   // "PowerShell"
/// q.text   // "The actor ran PowerShell (T1059.001) to stage tools."
/// q.line   // 3
/// ```
public struct EvidenceQuote: Sendable, Hashable {
    /// The longest quote, in characters, "…" included.
    public static let maxCharacters = 200

    /// The quote, at most ``maxCharacters`` characters.
    public let text: String
    /// The 1-based line the support starts on (for HTML, the line of the source).
    public let line: Int
}

extension ReportText {
    /// The quote for the support given in Unicode scalar offsets of the text (as
    /// ``TechniqueFinding/Evidence`` gives them).
    public func evidenceQuote(scalars: Range<Int>) -> EvidenceQuote {
        let lo = positions.byteOffset(ofScalar: scalars.lowerBound, in: bytes)
        return evidenceQuote(support: lo..<max(lo, positions.byteOffset(ofScalar: scalars.upperBound, in: bytes)))
    }

    /// The quote for the support at byte range `support` of the text.
    public func evidenceQuote(support: Range<Int>) -> EvidenceQuote {
        let n = bytes.count
        // Both ends on scalar starts, so a range given in the middle of a character quotes it whole.
        var lo = scalarStart(min(max(0, support.lowerBound), n))
        var hi = min(max(lo, support.upperBound), n)
        while hi < n, bytes[hi] & 0xC0 == 0x80 { hi += 1 }
        while lo < hi, Self.isSpaceByte(bytes[lo]) { lo += 1 }
        let line = positions.line(ofByte: lo)
        // Up to the support's last byte: a passage ending in its sentence's mark ends there.
        let sentence = sentenceSpan(around: lo, length: max(0, hi - lo - 1))
        // Read at most a few kilobytes either side, however long the sentence.
        let from = scalarStart(max(min(sentence.lowerBound, lo), lo - 2048))
        let to = scalarStart(min(max(sentence.upperBound, hi), hi + 2048))
        var left = Substring(Self.collapsed(bytes[from..<lo]))
        while left.first == " " { left = left.dropFirst() }
        var mid = Self.collapsed(bytes[lo..<hi])
        while mid.last == " " { mid.removeLast() }
        var right = Substring(Self.collapsed(bytes[hi..<to]))
        while right.last == " " { right = right.dropLast() }
        let limit = EvidenceQuote.maxCharacters
        let whole = left.count + mid.count + right.count
        if whole <= limit, from <= sentence.lowerBound, to >= sentence.upperBound {
            return EvidenceQuote(text: String(left) + mid + String(right), line: line)
        }
        guard mid.count < limit - 2 else {
            let cut = Self.prefix(Substring(mid), limit - 1 - (left.isEmpty ? 0 : 1))
            return EvidenceQuote(text: (left.isEmpty ? "" : "…") + cut + "…", line: line)
        }
        // Share what the support leaves between the two sides; a short side gives its rest
        // to the other.
        let budget = limit - mid.count - 2
        let leftShare = min(left.count, max(budget / 2, budget - right.count))
        let rightShare = min(right.count, budget - leftShare)
        let leftCut = leftShare < left.count || from > sentence.lowerBound
        let rightCut = rightShare < right.count || to < sentence.upperBound
        var leftText = left.suffix(leftShare)
        if leftShare < left.count, let space = leftText.firstIndex(of: " ") { leftText = leftText[leftText.index(after: space)...] }
        return EvidenceQuote(
            text: (leftCut ? "…" : "") + leftText + mid + Self.prefix(right, rightShare) + (rightCut ? "…" : ""), line: line)
    }

    /// `text`'s first `count` characters, cut back to the last space when that cuts a word.
    static func prefix(_ text: Substring, _ count: Int) -> String {
        guard text.count > count else { return String(text) }
        let head = text.prefix(count)
        guard let space = head.lastIndex(of: " "), space > head.startIndex else { return String(head) }
        return String(head[..<space])
    }

    /// The first byte of the scalar holding byte `i`.
    func scalarStart(_ i: Int) -> Int {
        var j = min(max(0, i), bytes.count)
        while j > 0, j < bytes.count, bytes[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    /// Text with every run of white space (space, tab, line break, carriage return, no-break
    /// space) as one space.
    static func collapsed(_ slice: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(slice.count)
        var i = slice.startIndex
        var space = false
        while i < slice.endIndex {
            let b = slice[i]
            if isSpaceByte(b) || (b == 0xC2 && i + 1 < slice.endIndex && slice[i + 1] == 0xA0) {
                if !space { out.append(32) }
                space = true
                i += b == 0xC2 ? 2 : 1
                continue
            }
            space = false
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func isSpaceByte(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 10 || b == 13 }
}
