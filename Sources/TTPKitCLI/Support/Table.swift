/// Rows under headed columns, printed aligned for people or as RFC 4180 CSV.
struct Table {
    var columns: [String]
    var rows: [[String]]

    /// Aligned text. With a `width` (a terminal), a table wider than it first narrows its widest
    /// columns but the last (cut with an ellipsis, never below 8 characters), and the last
    /// column wraps under itself; with nil (piped, redirected) nothing is cut or wrapped, so
    /// every row is one whole line for grep and friends.
    func text(width: Int?) -> String {
        guard !columns.isEmpty else { return "" }
        let cells = ([columns] + rows).map { row in row.map { $0.replacingOccurrences(of: "\n", with: " ") } }
        var widths = columns.map(\.count)
        for row in cells {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        let last = widths.count - 1
        if let width {
            let gaps = 2 * last
            // Narrow the widest leading columns while the last one would get fewer than 20.
            while widths.dropLast().reduce(0, +) + gaps + max(10, min(widths[last], 20)) > width,
                let widest = widths.indices.dropLast().max(by: { widths[$0] < widths[$1] }), widths[widest] > 8 {
                widths[widest] -= 1
            }
            widths[last] = max(10, min(widths[last], width - widths.dropLast().reduce(0, +) - gaps))
        }
        let indent = String(repeating: " ", count: widths.dropLast().reduce(0, +) + 2 * last)
        func lines(_ row: [String]) -> [String] {
            var parts: [String] = []
            for i in 0..<last {
                var cell = i < row.count ? row[i] : ""
                if cell.count > widths[i] { cell = String(cell.prefix(widths[i] - 1)) + "…" }
                parts.append(cell.padding(toLength: widths[i], withPad: " ", startingAt: 0))
            }
            let tail = last < row.count ? row[last] : ""
            let wrapped = width == nil ? [tail] : Self.wrap(tail, width: widths[last])
            var out = [(parts + [wrapped.first ?? ""]).joined(separator: "  ").trimmingTrailingSpaces()]
            for more in wrapped.dropFirst() { out.append(indent + more) }
            return out
        }
        var out = lines(columns).joined(separator: "\n") + "\n"
        out += lines(widths.map { String(repeating: "-", count: $0) }).joined(separator: "\n") + "\n"
        for row in cells.dropFirst() { out += lines(row).joined(separator: "\n") + "\n" }
        return out
    }

    /// Words of `text` in lines of at most `width` characters (a longer word is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            var w = String(word)
            while w.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(w.prefix(width)))
                w = String(w.dropFirst(width))
            }
            if current.isEmpty { current = w } else if current.count + 1 + w.count <= width { current += " " + w } else {
                lines.append(current)
                current = w
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// RFC 4180 CSV with a header row.
    func csv() -> String {
        func field(_ s: String) -> String {
            if s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return s
        }
        var out = columns.map(field).joined(separator: ",") + "\r\n"
        for row in rows { out += row.map(field).joined(separator: ",") + "\r\n" }
        return out
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = self
        while s.last == " " { s.removeLast() }
        return s
    }
}

import Foundation
