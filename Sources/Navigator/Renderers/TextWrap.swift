/// Word wrapping for drawn text (SVG cells, titles, legends).
enum TextWrap {
    /// Splits `text` into at most `maxLines` lines of about `width` characters, at spaces;
    /// the last line ends with "…" when text was cut.
    static func wrap(_ text: String, width: Int, maxLines: Int) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty {
                current = String(word)
            } else if current.count + 1 + word.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = String(word)
                if lines.count == maxLines { break }
            }
        }
        if lines.count < maxLines, !current.isEmpty { lines.append(current) }
        let used = lines.reduce(0) { $0 + $1.count + 1 }
        if used < text.count, var last = lines.popLast() {
            if last.count > width - 1 { last = String(last.prefix(width - 1)) }
            lines.append(last + "…")
        }
        return lines.map { $0.count > width + 2 ? String($0.prefix(width)) + "…" : $0 }
    }
}
