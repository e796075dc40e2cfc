import ATTACK
import Foundation

/// Building blocks of the human-readable profiles.
struct TextBlocks {
    let terminal = Terminal.standardOutput
    var out = ""

    mutating func title(_ o: AttackObject, kb: KnowledgeBase) {
        var marks = ""
        if o.isRevoked { marks += " [revoked]" }
        if o.isDeprecated { marks += " [deprecated]" }
        out += terminal.bold(o.nameWithID) + marks + "  " + terminal.dim("\(o.kind.displayName) · \(kb.title)") + "\n"
        if let url = o.url { out += terminal.dim(url) + "\n" }
    }

    /// `Name: value`; a value longer than the terminal is wrapped under the name, indented.
    mutating func field(_ name: String, _ value: String) {
        guard !value.isEmpty else { return }
        if name.count + value.count + 2 <= terminal.width {
            out += terminal.bold(name + ":") + " " + value + "\n"
            return
        }
        out += terminal.bold(name + ":") + "\n"
        for line in Self.wrap(value, width: max(40, terminal.width), indent: 2) { out += line + "\n" }
    }

    mutating func section(_ name: String) {
        out += "\n" + terminal.bold(name) + "\n"
    }

    mutating func paragraph(_ text: String, indent: Int = 0) {
        let clean = Self.plain(Citation.stripped(text))
        guard !clean.isEmpty else { return }
        for line in Self.wrap(clean, width: max(40, terminal.width - indent), indent: indent) { out += line + "\n" }
    }

    mutating func line(_ text: String) { out += text + "\n" }

    /// One related object as an indented line: ID, name, optional detail, and how it was reached.
    mutating func related(_ r: Related, detail: String? = nil) {
        let id = r.object.attackID.padding(toLength: max(7, r.object.attackID.count), withPad: " ", startingAt: 0)
        line("  \(id) \(r.object.name)" + (detail.map { terminal.dim("  " + $0) } ?? "") + (r.viaSummary.map { terminal.dim("  " + $0) } ?? ""))
    }

    /// ATT&CK prose for a terminal: citations dropped, links as their text, `<code>` tags removed.
    static func readable(_ text: String) -> String { plain(Citation.stripped(text)) }

    /// Markdown links `[APT29](https://…)` as their text and without the `<code>` tags ATT&CK
    /// puts around commands, for reading in a terminal.
    static func plain(_ text: String) -> String {
        let text = text.replacingOccurrences(of: "<code>", with: "").replacingOccurrences(of: "</code>", with: "")
        var out = ""
        var rest = text[...]
        while let open = rest.firstIndex(of: "["),
            let close = rest[open...].firstIndex(of: "]"),
            rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
            let end = rest[close...].firstIndex(of: ")")
        {
            out += rest[..<open]
            out += rest[rest.index(after: open)..<close]
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }

    /// Wraps text at word boundaries, keeping paragraph breaks.
    static func wrap(_ text: String, width: Int, indent: Int) -> [String] {
        let pad = String(repeating: " ", count: indent)
        var lines: [String] = []
        for paragraph in text.components(separatedBy: "\n") {
            let words = paragraph.split(separator: " ")
            if words.isEmpty {
                if lines.last != "" { lines.append("") }
                continue
            }
            var current = pad
            for w in words {
                if current.count + w.count + 1 > width, current.count > indent {
                    lines.append(current)
                    current = pad
                }
                current += (current.count > indent ? " " : "") + w
            }
            lines.append(current)
        }
        while lines.last == "" { lines.removeLast() }
        return lines
    }

    /// `text` cut to `limit` characters at a word boundary, with an ellipsis.
    static func truncate(_ text: String, _ limit: Int) -> String {
        guard text.count > limit else { return text }
        let cut = text.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + "…"
    }
}
