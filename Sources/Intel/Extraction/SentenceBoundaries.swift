/// Where the sentences of a report's text may start and end, found in one pass, so that
/// quoting the sentence of every hit costs two binary searches and a bounded copy instead of
/// a scan to the sentence's ends (which made a long text without sentence ends quadratic).
///
/// A sentence starts after a sentence end (`.`, `!` or `?` then white space — a space, tab,
/// line break, carriage return or no-break space — not "e.g.", "i.e.", "etc.", " vs."), after a
/// blank line (one holding nothing but spaces, tabs or a carriage return), or at a Markdown list
/// item or heading line; it ends at a sentence-ending mark followed by white space (the mark
/// included), or at the line break before a blank line or a list item, or — in plain text and
/// Markdown, not in text stripped from HTML, whose blocks already end in blank lines and whose
/// single line breaks are the source's wrapping — after a heading line: one of at most
/// ``headingLength`` characters without closing punctuation or a continuing one (`,` `;` `-`
/// `(` `/` `&`), whose next line starts with a capital, a digit or a non-ASCII character (a
/// title, a figure caption, a table cell). Any other single line break does not end a
/// sentence: a hard-wrapped sentence is quoted whole.
struct SentenceBoundaries: Sendable {
    /// Byte positions a sentence can start at (after the break), ascending.
    let starts: [Int]
    /// Byte positions where a sentence stops, ascending: a sentence-ending mark (the sentence
    /// ends after it) or a line break (it ends before it).
    let stops: [Int]

    /// The longest line, in bytes without its leading and trailing blanks, taken for a heading.
    static let headingLength = 60

    init(_ bytes: [UInt8], headings: Bool = true) {
        let n = bytes.count
        var starts: [Int] = []
        var stops: [Int] = []
        var first = -1, last = -1     // the first and last non-blank bytes of the line up to q
        for q in 0..<n {
            let b = bytes[q]
            // Stops at q.
            let breakAfter = b == 10 && (ReportText.isLineMarker(bytes, q + 1) || Self.blankLineFollows(bytes, q + 1)
                || (headings && first >= 0 && Self.isHeading(bytes, first...last, lineBreak: q)))
            if Self.endsAtMark(bytes, q) || breakAfter { stops.append(q) }
            // A start at p = q + 1 (the break is the byte at q).
            if b == 10 {
                if breakAfter || (q >= 1 && (first < 0 || Self.endsAtMark(bytes, q - 1))) { starts.append(q + 1) }
                (first, last) = (-1, -1)
                continue
            }
            if !Self.isBlank(b) {
                if first < 0 { first = q }
                last = q
            }
            if (Self.isBlank(b) && q >= 1 && Self.endsAtMark(bytes, q - 1))
                || (b == 0xA0 && q >= 2 && bytes[q - 1] == 0xC2 && Self.endsAtMark(bytes, q - 2)) {
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
        let next = q + 1
        let spaced = next >= bytes.count || isBlank(bytes[next]) || bytes[next] == 10
            || (bytes[next] == 0xC2 && next + 1 < bytes.count && bytes[next + 1] == 0xA0)
        return spaced && !ReportText.isAbbreviation(bytes, q)
    }

    /// A space, tab or carriage return (white space within a line).
    static func isBlank(_ b: UInt8) -> Bool { b == 32 || b == 9 || b == 13 }

    /// Whether the line starting at `i` holds nothing but blanks and ends in a line break (the
    /// end of the text is not a blank line). Reads only that line's leading blanks.
    static func blankLineFollows(_ bytes: [UInt8], _ i: Int) -> Bool {
        let j = firstNonBlank(bytes, i)
        return j < bytes.count && bytes[j] == 10
    }

    /// Whether the line whose non-blank bytes are `content`, ending at the line break at
    /// `lineBreak`, is a heading (see the type's description).
    static func isHeading(_ bytes: [UInt8], _ content: ClosedRange<Int>, lineBreak: Int) -> Bool {
        guard content.count <= headingLength, !",;-(/&".utf8.contains(bytes[content.upperBound]) else { return false }
        let k = firstNonBlank(bytes, lineBreak + 1)
        guard k < bytes.count else { return false }
        let c = bytes[k]
        return (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c >= 0x80
    }

    /// The first byte at or after `i` that is not a space, tab or carriage return.
    static func firstNonBlank(_ bytes: [UInt8], _ i: Int) -> Int {
        var j = i
        while j < bytes.count, isBlank(bytes[j]) { j += 1 }
        return j
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
