extension Escape {
    /// Plain text made inert in (GitHub-flavoured) Markdown: characters that start inline markup
    /// are backslash-escaped, `< > &` become entities so no raw HTML gets through, and a line that
    /// would start a heading, list, quote or rule has its first mark escaped. Line breaks are kept.
    public static func markdown(_ text: String) -> String {
        let scalars = Array(text.unicodeScalars)
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var i = 0
        while i < scalars.count {
            // At the start of a line: spaces, then a block mark ("#", "-", "+", "=", "1." or "1)").
            var j = i
            while j < scalars.count, scalars[j] == " " { j += 1 }
            out += String(repeating: " ", count: j - i)
            var k = j
            while k < scalars.count, k - j < 10, ("0"..."9").contains(scalars[k]) { k += 1 }
            if k > j, k < scalars.count, scalars[k] == "." || scalars[k] == ")",
                k + 1 == scalars.count || scalars[k + 1] == " " || scalars[k + 1] == "\t" || scalars[k + 1] == "\n" {
                out.unicodeScalars.append(contentsOf: scalars[j..<k])
                out += "\\"
                j = k
            } else if j < scalars.count, "#-+=".unicodeScalars.contains(scalars[j]) {
                out += "\\"
            }
            i = j
            while i < scalars.count {
                let scalar = scalars[i]
                i += 1
                switch scalar {
                case "\\", "`", "*", "_", "[", "]", "|", "~": out += "\\" + String(scalar)
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "&" where startsEntity(scalars, at: i): out += "&amp;"
                case "\n":
                    out += "\n"
                case "\r": continue
                case _ where (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value): continue
                default: out.unicodeScalars.append(scalar)
                }
                if scalar == "\n" { break }
            }
        }
        return out
    }

    /// True when the text after an `&` reads as a character reference (`amp;`, `#60;`).
    private static func startsEntity(_ s: [Unicode.Scalar], at start: Int) -> Bool {
        var i = start
        while i < s.count, i - start <= 32, s[i].properties.isAlphabetic || ("0"..."9").contains(s[i]) || s[i] == "#" { i += 1 }
        return i > start && i < s.count && s[i] == ";"
    }

    /// Text for one cell of a Markdown pipe table: ``markdown(_:)`` with line breaks as `<br>`.
    public static func markdownCell(_ text: String) -> String {
        markdown(text).replacingOccurrences(of: "\n", with: "<br>")
    }

    /// A Markdown link `[text](url)` when `url` is safe (``safeURL(_:)``), else the text alone.
    public static func markdownLink(_ text: String, url: String?) -> String {
        guard let url, let safe = safeURL(url) else { return markdown(text) }
        let encoded: [Unicode.Scalar: String] = ["(": "%28", ")": "%29", "<": "%3C", ">": "%3E", "\\": "%5C", "\"": "%22", "'": "%27", "`": "%60"]
        let target = safe.unicodeScalars.map { encoded[$0] ?? String($0) }.joined()
        return "[\(markdown(text))](\(target))"
    }

    /// A CSV cell a spreadsheet will not run as a formula (OWASP's CSV injection advice): a
    /// cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`.
    /// Quote it with ``csvField(_:)`` after.
    public static func spreadsheetCell(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return text }
        return "'" + text
    }

    /// One RFC 4180 CSV field: quoted when it holds a comma, quote or line break.
    public static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Text safe to print to a terminal: escape sequences (CSI, OSC, other ESC sequences)
    /// removed, other control characters, C1 controls and bidirectional overrides shown as `?`.
    /// Line breaks and tabs are kept unless `singleLine`, which turns them into spaces.
    public static func terminal(_ text: String, singleLine: Bool = false) -> String {
        let scalars = Array(text.unicodeScalars)
        guard scalars.contains(where: isTerminalControl) else { return text }
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "\u{1B}" || s == "\u{9B}" || s == "\u{9D}" {
                i = endOfEscapeSequence(scalars, from: i)
                continue
            }
            if s == "\n" || s == "\t" {
                out.append(singleLine ? " " : s)
            } else if s == "\r" {
                if singleLine { out.append(" ") }
            } else if isTerminalControl(s) {
                out.append("?")
            } else {
                out.append(s)
            }
            i += 1
        }
        return String(out)
    }

    private static func isTerminalControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
            || (0x2066...0x2069).contains(s.value)
    }

    /// The index after the escape sequence starting at `start` (ESC or a C1 introducer).
    private static func endOfEscapeSequence(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var i = start + 1
        var kind = s[start]
        if kind == "\u{1B}" {
            guard i < s.count else { return i }
            kind = s[i]
            i += 1
        }
        switch kind {
        case "[", "\u{9B}":
            // CSI: parameters and intermediates up to a final byte 0x40–0x7E.
            while i < s.count, !(0x40...0x7E).contains(s[i].value) { i += 1 }
            return min(s.count, i + 1)
        case "]", "P", "_", "^", "X", "\u{9D}":
            // OSC, DCS, APC, PM, SOS: up to BEL or the string terminator (ESC \ or U+009C).
            while i < s.count {
                if s[i] == "\u{07}" || s[i] == "\u{9C}" { return i + 1 }
                if s[i] == "\u{1B}" { return i + 1 < s.count && s[i + 1] == "\\" ? i + 2 : i + 1 }
                i += 1
            }
            return i
        case _ where (0x20...0x2F).contains(kind.value):
            // ESC ( B and the like: intermediates, then one final character.
            while i < s.count, (0x20...0x2F).contains(s[i].value) { i += 1 }
            return min(s.count, i + 1)
        default:
            return i
        }
    }
}
