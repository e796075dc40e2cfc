/// Escaping for XML, SVG and HTML text and attributes.
enum Markup {
    static func escape(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 == 38 || $0 == 60 || $0 == 62 || $0 == 34 || $0 == 39 || $0 < 32 }) else { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 16)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += "&#10;"
            case "\t": out += " "
            case _ where scalar.value < 32: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

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
