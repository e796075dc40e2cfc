/// Strips HTML to text in one pass, remembering where the text came from in the source.
enum HTMLText {
    static let blockTags: Set<String> = ["p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "table", "blockquote", "pre", "hr", "title", "header", "footer"]

    /// The text of `data`, and where it came from: a ``TextPositions/Checkpoint`` wherever the
    /// text stops being a byte-for-byte copy of the source (a tag, a comment, an entity).
    static func strip(_ data: [UInt8]) -> (text: [UInt8], map: [TextPositions.Checkpoint]) {
        var out: [UInt8] = []
        out.reserveCapacity(data.count)
        var map: [TextPositions.Checkpoint] = [TextPositions.Checkpoint(text: 0, source: 0)]
        var shift = 0   // source offset − text offset since the last checkpoint
        var i = 0
        let n = data.count
        while i < n {
            if i - out.count != shift {
                shift = i - out.count
                map.append(TextPositions.Checkpoint(text: out.count, source: i))
            }
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
        return (out, map)
    }

    /// The named entities decoded (others stay as written).
    static let namedEntities: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "#39": "'", "ndash": "–", "mdash": "—",
        "rsquo": "'", "lsquo": "'", "ldquo": "\"", "rdquo": "\"",
    ]

    static func entity(_ data: [UInt8], _ i: Int) -> ([UInt8], Int)? {
        guard let semi = data[i..<min(data.count, i + 10)].firstIndex(of: UInt8(ascii: ";")) else { return nil }
        let body = String(decoding: data[(i + 1)..<semi], as: UTF8.self)
        let length = semi - i + 1
        if let s = namedEntities[body] { return (Array(s.utf8), length) }
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
