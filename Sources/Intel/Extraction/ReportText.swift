/// A report's readable text: HTML stripped to text (scripts and styles dropped, block tags
/// as paragraph breaks, entities decoded), plain text and Markdown kept as they are, with the
/// sentence spans hits are quoted from.
public struct ReportText: Sendable {
    /// The text as UTF-8 bytes.
    public let bytes: [UInt8]

    /// Where sentences may start and end, found in one pass.
    let boundaries: SentenceBoundaries

    /// Reads report bytes; HTML is detected by its opening (`<!DOCTYPE`, `<html`, or tags in
    /// the first kilobyte) unless `isHTML` says.
    public init(_ data: [UInt8], isHTML: Bool? = nil) {
        let html = isHTML ?? Self.looksLikeHTML(data)
        bytes = html ? HTMLText.strip(data) : data
        boundaries = SentenceBoundaries(bytes)
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

/// Strips HTML to text in one pass.
enum HTMLText {
    static let blockTags: Set<String> = ["p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "blockquote", "pre", "hr", "title", "header", "footer"]

    static func strip(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var i = 0
        let n = data.count
        while i < n {
            let b = data[i]
            if b == UInt8(ascii: "<") {
                // Comments.
                if i + 3 < n, data[i + 1] == UInt8(ascii: "!"), data[i + 2] == UInt8(ascii: "-"), data[i + 3] == UInt8(ascii: "-") {
                    i = find(data, Array("-->".utf8), from: i + 4).map { $0 + 3 } ?? n
                    continue
                }
                var j = i + 1
                var closing = false
                if j < n, data[j] == UInt8(ascii: "/") { closing = true; j += 1 }
                var name: [UInt8] = []
                while j < n, data[j].isASCIILetterOrDigit { name.append(data[j] | 0x20); j += 1 }
                guard !name.isEmpty || closing || (j < n && data[j] == UInt8(ascii: "!")) else {
                    out.append(b)
                    i += 1
                    continue
                }
                let tagEnd = data[j...].firstIndex(of: UInt8(ascii: ">")) ?? (n - 1)
                let tag = String(decoding: name, as: UTF8.self)
                i = tagEnd + 1
                if !closing, tag == "script" || tag == "style" || tag == "noscript" || tag == "svg" {
                    let close = Array("</\(tag)".utf8)
                    if let k = findCaseInsensitive(data, close, from: i) {
                        i = (data[k...].firstIndex(of: UInt8(ascii: ">")) ?? (n - 1)) + 1
                    } else {
                        i = n
                    }
                    continue
                }
                if blockTags.contains(tag) { out.append(contentsOf: [10, 10]) } else { out.append(32) }
                continue
            }
            if b == UInt8(ascii: "&"), let (decoded, length) = entity(data, i) {
                out.append(contentsOf: decoded)
                i += length
                continue
            }
            out.append(b)
            i += 1
        }
        return out
    }

    static func entity(_ data: [UInt8], _ i: Int) -> ([UInt8], Int)? {
        guard let semi = data[i..<min(data.count, i + 10)].firstIndex(of: UInt8(ascii: ";")) else { return nil }
        let body = String(decoding: data[(i + 1)..<semi], as: UTF8.self)
        let length = semi - i + 1
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "#39": "'", "ndash": "–", "mdash": "—", "rsquo": "'", "lsquo": "'", "ldquo": "\"", "rdquo": "\""]
        if let s = named[body] { return (Array(s.utf8), length) }
        if body.hasPrefix("#") {
            let digits = body.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            if let v = value, let scalar = Unicode.Scalar(v) { return (Array(String(Character(scalar)).utf8), length) }
        }
        return nil
    }

    static func find(_ data: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, from < data.count else { return nil }
        var i = from
        while i + needle.count <= data.count {
            if data[i] == needle[0], Array(data[i..<(i + needle.count)]) == needle { return i }
            i += 1
        }
        return nil
    }

    static func findCaseInsensitive(_ data: [UInt8], _ needle: [UInt8], from: Int) -> Int? {
        guard !needle.isEmpty, from < data.count else { return nil }
        var i = from
        outer: while i + needle.count <= data.count {
            for k in 0..<needle.count where lower(data[i + k]) != lower(needle[k]) {
                i += 1
                continue outer
            }
            return i
        }
        return nil
    }

    static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }
}

extension UInt8 {
    var isASCIILetterOrDigit: Bool {
        (self >= 48 && self <= 57) || (self >= 65 && self <= 90) || (self >= 97 && self <= 122)
    }
}
