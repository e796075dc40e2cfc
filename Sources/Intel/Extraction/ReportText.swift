/// A report's readable text: HTML stripped to text (scripts and styles dropped, block tags
/// as paragraph breaks, entities decoded), plain text and Markdown kept as they are, with the
/// sentence spans hits are quoted from.
public struct ReportText: Sendable {
    /// The text as UTF-8 bytes.
    public let bytes: [UInt8]

    /// Where sentences may start and end, found in one pass.
    let boundaries: SentenceBoundaries
    /// Lines (of the file as given, HTML source included) and Unicode scalar offsets.
    public let positions: TextPositions

    /// Reads report bytes; HTML is detected by its opening (`<!DOCTYPE`, `<html`, or tags in
    /// the first kilobyte) unless `isHTML` says.
    public init(_ data: [UInt8], isHTML: Bool? = nil) {
        if isHTML ?? Self.looksLikeHTML(data) {
            let stripped = HTMLText.strip(data)
            bytes = stripped.text
            positions = TextPositions(text: stripped.text, source: data, map: stripped.map)
            boundaries = SentenceBoundaries(bytes, headings: false)
        } else {
            bytes = data
            positions = TextPositions(text: data, source: data, map: [])
            boundaries = SentenceBoundaries(bytes)
        }
    }

    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// True when the text holds nothing but white space.
    public var isBlank: Bool { !bytes.contains { !($0 == 32 || $0 == 9 || $0 == 10 || $0 == 13) } }

    static func looksLikeHTML(_ data: [UInt8]) -> Bool {
        let head = String(decoding: data.prefix(1024), as: UTF8.self).lowercased()
        let trimmed = head.drop { $0.isWhitespace }
        return trimmed.hasPrefix("<!doctype html") || trimmed.hasPrefix("<html") || head.contains("<body") || head.contains("<p>") || head.contains("<div")
    }

    /// The sentence around byte `offset`: from the previous sentence end (`. `, `! `, `? `, a
    /// blank line, or a Markdown list/heading line start) to the next, white space collapsed,
    /// at most 400 characters.
    public func sentence(around offset: Int, length: Int) -> String {
        quote(sentenceSpan(around: offset, length: length))
    }

    /// The byte range of the sentence around `offset..<offset+length` (``sentence(around:length:)``
    /// quotes it): two binary searches in the boundaries found once per text.
    public func sentenceSpan(around offset: Int, length: Int) -> Range<Int> {
        let n = bytes.count
        let from = min(max(0, offset), n)
        let start = boundaries.starts.last(atMost: from) ?? 0
        let to = min(max(from, offset + max(0, length)), n)
        guard let stop = boundaries.stops.first(atLeast: to) else { return start..<n }
        // A sentence-ending mark is part of the sentence; a line break before a blank line or
        // a list item is not.
        return start..<(SentenceBoundaries.endsAtMark(bytes, stop) ? stop + 1 : stop)
    }

    /// A span's text as ``sentence(around:length:)`` gives it: white space runs collapsed to one
    /// space, at most 400 characters (399 and "…" when longer). Reads at most 400 characters
    /// and a few kilobytes of the span, so quoting costs the same however long the sentence.
    public func quote(_ span: Range<Int>) -> String {
        let short = SentenceBoundaries.collapsed(bytes, span, window: 1 << 10)
        return short.exhausted ? SentenceBoundaries.collapsed(bytes, span, window: 8 << 10).text : short.text
    }

    static func isTerminal(_ b: UInt8) -> Bool { b == UInt8(ascii: ".") || b == UInt8(ascii: "!") || b == UInt8(ascii: "?") }

    /// "e.g." and "i.e." do not end sentences.
    static func isAbbreviation(_ bytes: [UInt8], _ dot: Int) -> Bool {
        guard bytes[dot] == UInt8(ascii: "."), dot >= 3 else { return false }
        let w = String(decoding: bytes[(dot - 3)...dot], as: UTF8.self).lowercased()
        return w == "e.g." || w == "i.e." || w.hasSuffix(" vs.") || w == "etc."
    }

    /// A line starting a Markdown list item or heading (`- `, `* `, `# `, `1. `).
    static func isLineMarker(_ bytes: [UInt8], _ i: Int) -> Bool {
        var j = i
        while j < bytes.count, bytes[j] == 32 { j += 1 }
        guard j < bytes.count else { return false }
        let b = bytes[j]
        if (b == UInt8(ascii: "-") || b == UInt8(ascii: "*") || b == UInt8(ascii: "#") || b == UInt8(ascii: ">")), j + 1 < bytes.count, bytes[j + 1] == 32 || b == UInt8(ascii: "#") { return true }
        return false
    }
}

extension UInt8 {
    var isASCIILetterOrDigit: Bool {
        (self >= 48 && self <= 57) || (self >= 65 && self <= 90) || (self >= 97 && self <= 122)
    }
}
