/// Escaping of untrusted text (names, descriptions, comments, IDs from files and bundles) for
/// every output ttpkit writes. One place decides what is safe in each context.
///
/// ```swift
/// Escape.html("<b>APT29</b>")           // "&lt;b&gt;APT29&lt;/b&gt;"
/// Escape.markdown("*bold* [x](y)")      // "\\*bold\\* \\[x\\](y)"
/// Escape.csvField("a,\"b\"")            // "\"a,\"\"b\"\"\""
/// Escape.terminal("\u{1B}[31mred")      // "red"
/// ```
public enum Escape {
    /// Text for HTML element content and quoted attribute values: `& < > " '` as entities,
    /// control characters other than tab and line feed dropped.
    public static func html(_ text: String) -> String {
        markup(text, newline: "\n")
    }

    /// A value for a double- or single-quoted HTML attribute: as ``html(_:)``, with line feeds
    /// as `&#10;` so they survive in the attribute.
    public static func htmlAttribute(_ text: String) -> String {
        markup(text, newline: "&#10;")
    }

    /// XML 1.0 (SVG) text and attribute values: `& < > " '` as entities, line feeds as `&#10;`,
    /// tabs as spaces, and characters XML 1.0 forbids (C0 controls, U+FFFE, U+FFFF) dropped.
    public static func xml(_ text: String) -> String {
        markup(text, newline: "&#10;", tab: " ", dropNonCharacters: true)
    }

    static func markup(_ text: String, newline: String, tab: String = "\t", dropNonCharacters: Bool = false) -> String {
        let needsWork = text.unicodeScalars.contains { s in
            s.value < 0x20 || s == "&" || s == "<" || s == ">" || s == "\"" || s == "'"
                || (0x7F...0x9F).contains(s.value) || s.value == 0xFFFE || s.value == 0xFFFF
        }
        guard needsWork else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 16)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n": out += newline
            case "\t": out += tab
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value): continue
            case _ where dropNonCharacters && (scalar.value == 0xFFFE || scalar.value == 0xFFFF): continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A URL that may be put in an `href` (HTML, SVG, Markdown): `http`, `https` and `mailto`
    /// only; nil for `javascript:`, `data:`, relative and malformed values. Browsers ignore tabs,
    /// line breaks and leading controls in schemes, so those are checked as a browser reads them.
    public static func safeURL(_ text: String) -> String? {
        let visible = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value > 0x20 && $0.value != 0x7F }))
        guard visible.count == text.trimmingBlanks.count, let colon = visible.firstIndex(of: ":") else { return nil }
        let scheme = visible[..<colon].lowercased()
        guard ["http", "https", "mailto"].contains(scheme) else { return nil }
        if scheme != "mailto" {
            guard visible[colon...].hasPrefix("://"), visible.count > scheme.count + 3 else { return nil }
        }
        return visible
    }
}

extension String {
    /// Without leading and trailing spaces, tabs and line breaks.
    var trimmingBlanks: Substring {
        let blank: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }
        guard let first = firstIndex(where: { !blank($0) }), let last = lastIndex(where: { !blank($0) }) else { return "" }
        return self[first...last]
    }
}
