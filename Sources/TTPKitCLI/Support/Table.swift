/// Rows under headed columns, printed aligned for people or as RFC 4180 CSV.
struct Table {
    var columns: [String]
    var rows: [[String]]

    /// Aligned text; the last column is cut to fit `width` with an ellipsis.
    func text(width: Int) -> String {
        guard !columns.isEmpty else { return "" }
        var widths = columns.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count {
                widths[i] = max(widths[i], cell.count)
            }
        }
        let fixed = widths.dropLast().reduce(0, +) + 2 * (columns.count - 1)
        if let last = widths.indices.last { widths[last] = max(10, min(widths[last], width - fixed)) }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, w) in widths.enumerated() {
                var cell = i < cells.count ? cells[i].replacingOccurrences(of: "\n", with: " ") : ""
                if i == widths.count - 1 {
                    if cell.count > w { cell = String(cell.prefix(w - 1)) + "…" }
                    parts.append(cell)
                } else {
                    parts.append(cell.padding(toLength: w, withPad: " ", startingAt: 0))
                }
            }
            return parts.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var out = line(columns) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in rows { out += line(row) + "\n" }
        return out
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
