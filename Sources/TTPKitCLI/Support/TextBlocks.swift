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
        out += terminal.bold("\(o.name) (\(o.attackID))") + marks + "  " + terminal.dim("\(o.kind.displayName) · \(kb.title)") + "\n"
        if let url = o.url { out += terminal.dim(url) + "\n" }
    }

    mutating func field(_ name: String, _ value: String) {
        guard !value.isEmpty else { return }
        out += terminal.bold(name + ":") + " " + value + "\n"
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

    /// Markdown links `[APT29](https://…)` as their text, for reading in a terminal.
    static func plain(_ text: String) -> String {
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
