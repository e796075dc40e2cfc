/// Where the sentences of a report's text may start and end, found in one pass, so that
/// quoting the sentence of every hit costs two binary searches and a bounded copy instead of
/// a scan to the sentence's ends (which made a long text without sentence ends quadratic).
///
/// A sentence starts after a sentence end (`.`, `!` or `?` then white space, not "e.g.",
/// "i.e.", "etc.", " vs."), after a blank line, or at a Markdown list item or heading line; it
/// ends at a sentence-ending mark followed by a space or line break (the mark included), or
/// at the line break before a blank line or a list item.
struct SentenceBoundaries: Sendable {
    /// Byte positions a sentence can start at (after the break), ascending.
    let starts: [Int]
    /// Byte positions where a sentence stops, ascending: a sentence-ending mark (the sentence
    /// ends after it) or a line break (it ends before it).
    let stops: [Int]

    init(_ bytes: [UInt8]) {
        let n = bytes.count
        var starts: [Int] = []
        var stops: [Int] = []
        var lineMarkerAfter = false   // whether a list or heading marker follows the newline at q
        for q in 0..<n {
            let b = bytes[q]
            if b == 10 { lineMarkerAfter = ReportText.isLineMarker(bytes, q + 1) }
            // Stops at q.
            if Self.endsAtMark(bytes, q) {
                stops.append(q)
            } else if b == 10, q + 1 < n, bytes[q + 1] == 10 || lineMarkerAfter {
                stops.append(q)
            }
            // A start at p = q + 1 (the break is the byte at q, the one before it at q - 1).
            guard q >= 1 else { continue }
            if b == 10, bytes[q - 1] == 10 || lineMarkerAfter {
                starts.append(q + 1)
            } else if b == 32 || b == 10 || b == 9, ReportText.isTerminal(bytes[q - 1]), !ReportText.isAbbreviation(bytes, q - 1) {
                starts.append(q + 1)
            }
        }
        self.starts = starts
        self.stops = stops
    }

    /// A sentence-ending mark at `q`: `.`, `!` or `?` at the end of the text or before a space
    /// or line break, and not the dot of an abbreviation.
    static func endsAtMark(_ bytes: [UInt8], _ q: Int) -> Bool {
        guard q < bytes.count, ReportText.isTerminal(bytes[q]) else { return false }
        return (q + 1 >= bytes.count || bytes[q + 1] == 32 || bytes[q + 1] == 10) && !ReportText.isAbbreviation(bytes, q)
    }

    /// The text of `span` with white space runs (space, line feed, tab, carriage return)
    /// collapsed to one space and trimmed, cut to 399 characters and "…" when longer than
    /// 400, read from at most `window` bytes of the span. `exhausted` says the window ended
    /// before the span and before 401 characters were read, so a wider window may say more.
    static func collapsed(_ bytes: [UInt8], _ span: Range<Int>, window: Int) -> (text: String, exhausted: Bool) {
        let end = min(span.upperBound, span.lowerBound + window)
        let truncated = end < span.upperBound
        // ASCII without carriage returns: one byte is one character.
        var out: [UInt8] = []
        out.reserveCapacity(min(end - span.lowerBound, 404))
        var pendingSpace = false
        var ascii = true
        for i in span.lowerBound..<end {
            let b = bytes[i]
            if b >= 0x80 || b == 13 { ascii = false; break }
            if b == 32 || b == 10 || b == 9 {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace { out.append(32); pendingSpace = false }
            out.append(b)
            if out.count >= 401 { break }
        }
        if ascii {
            if out.count >= 401 { return (String(decoding: out.prefix(399), as: UTF8.self) + "…", false) }
            return (String(decoding: out, as: UTF8.self), truncated)
        }
        // Otherwise by characters (grapheme clusters), as a String splits them.
        var text = ""
        var count = 0
        pendingSpace = false
        for c in String(decoding: bytes[span.lowerBound..<end], as: UTF8.self) {
            if c == " " || c == "\n" || c == "\t" || c == "\r" {
                pendingSpace = count > 0
                continue
            }
            if pendingSpace { text.append(" "); count += 1; pendingSpace = false }
            text.append(c)
            count += 1
            if count >= 401 { break }
        }
        if count >= 401 { return (String(text.prefix(399)) + "…", false) }
        return (text, truncated)
    }
}

/// Quotes hits' sentences in text order, remembering the last one: every hit in one long
/// sentence quotes it once.
struct SentenceQuotes {
    let report: ReportText
    private var last: (span: Range<Int>, text: String)?

    init(_ report: ReportText) { self.report = report }

    mutating func sentence(around offset: Int, length: Int) -> String {
        let span = report.sentenceSpan(around: offset, length: length)
        if let last, last.span == span { return last.text }
        let text = report.quote(span)
        last = (span, text)
        return text
    }
}

extension Array where Element == Int {
    /// The last element not above `value` in an ascending array.
    func last(atMost value: Int) -> Int? {
        var lo = 0, hi = count   // answer index is lo - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] <= value { lo = mid + 1 } else { hi = mid }
        }
        return lo > 0 ? self[lo - 1] : nil
    }

    /// The first element not below `value` in an ascending array.
    func first(atLeast value: Int) -> Int? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < count ? self[lo] : nil
    }
}
