import Foundation
import ATTACK

/// Turns ATT&CK procedure text into a layer comment: citations removed (they become links),
/// Markdown links reduced to their text, and long text cut at a sentence end.
public enum ProcedureText {
    /// The text without citation markers or Markdown link targets, cut at a sentence end near `maxLength`.
    public static func comment(_ text: String, maxLength: Int) -> String {
        trimmed(plain(text), maxLength: maxLength)
    }

    /// Removes `(Citation: …)` markers and turns `[APT29](https://…)` into `APT29`.
    public static func plain(_ text: String) -> String {
        var s = Citation.stripped(text)
        var out = ""
        out.reserveCapacity(s.count)
        while let open = s.firstIndex(of: "[") {
            out += s[..<open]
            let rest = s[s.index(after: open)...]
            if let close = rest.firstIndex(of: "]"), rest.index(after: close) < rest.endIndex,
                rest[rest.index(after: close)] == "(", let paren = rest[close...].firstIndex(of: ")")
            {
                out += rest[..<close]
                s = String(rest[rest.index(after: paren)...])
            } else {
                out += "["
                s = String(rest)
            }
        }
        out += s
        return out.replacingOccurrences(of: "<code>", with: "").replacingOccurrences(of: "</code>", with: "")
    }

    /// Cuts `text` to at most `maxLength` characters, at the last sentence end when there is
    /// one in the second half, else at a word boundary, marking the cut with "…".
    static func trimmed(_ text: String, maxLength: Int) -> String {
        guard text.count > maxLength, maxLength > 1 else { return text }
        let head = String(text.prefix(maxLength - 1))
        if let end = head.range(of: ". ", options: .backwards), head.distance(from: head.startIndex, to: end.lowerBound) > maxLength / 2 {
            return String(head[...end.lowerBound]) + " …"
        }
        if let space = head.lastIndex(of: " ") { return String(head[..<space]) + "…" }
        return head + "…"
    }
}
