/// Rows under headed columns, rendered for people (aligned text for a terminal), for
/// spreadsheets (RFC 4180 CSV) and for documents (a Markdown pipe table). Every renderer
/// escapes cells for its context, so rows may hold untrusted text.
///
/// ```swift
/// let t = Table(columns: ["ID", "Name"], rows: [["T1059", "Command and Scripting Interpreter"]])
/// print(t.text(width: 40))
/// // ID     Name
/// // -----  ---------------------------------
/// // T1059  Command and Scripting Interpreter
/// t.csv()        // "ID,Name\r\nT1059,Command and Scripting Interpreter\r\n"
/// t.markdown()   // "| ID | Name |\n|---|---|\n| T1059 | Command and Scripting Interpreter |\n"
/// ```
public struct Table: Sendable, Hashable {
    public var columns: [String]
    public var rows: [[String]]
    /// Columns aligned right in text and Markdown (counts, scores).
    public var numericColumns: Set<Int>

    public init(columns: [String], rows: [[String]] = [], numericColumns: Set<Int> = []) {
        self.columns = columns
        self.rows = rows
        self.numericColumns = numericColumns
    }

    /// The line ending of ``csv()``: CRLF, as RFC 4180 asks.
    public static let csvLineEnding = "\r\n"

    /// Aligned text: columns two spaces apart, a dashed rule under the header, cells on one
    /// line with terminal controls removed, the last column cut with "…" to fit `width`
    /// (no limit when nil).
    public func text(width: Int? = nil) -> String {
        guard !columns.isEmpty else { return "" }
        let clean = ([columns] + rows).map { row in
            columns.indices.map { i in i < row.count ? Escape.terminal(row[i], singleLine: true) : "" }
        }
        var widths = columns.indices.map { i in clean.map { $0[i].count }.max() ?? 0 }
        if let width, let last = widths.indices.last {
            let fixed = widths.dropLast().reduce(0, +) + 2 * (columns.count - 1)
            widths[last] = max(10, min(widths[last], width - fixed))
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, w) in widths.enumerated() {
                var cell = cells[i]
                if i == widths.count - 1, cell.count > w { cell = String(cell.prefix(max(0, w - 1))) + "…" }
                let pad = String(repeating: " ", count: max(0, w - cell.count))
                if i == widths.count - 1 && !numericColumns.contains(i) {
                    parts.append(cell)
                } else {
                    parts.append(numericColumns.contains(i) ? pad + cell : cell + pad)
                }
            }
            var s = parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return s
        }
        var out = line(clean[0]) + "\n"
        out += line(widths.map { String(repeating: "-", count: $0) }) + "\n"
        for row in clean.dropFirst() { out += line(row) + "\n" }
        return out
    }

    /// RFC 4180 CSV with a header row; every line ends with ``csvLineEnding``.
    public func csv() -> String {
        var out = columns.map(Escape.csvField).joined(separator: ",") + Self.csvLineEnding
        for row in rows {
            let cells = columns.indices.map { $0 < row.count ? row[$0] : "" }
            out += cells.map(Escape.csvField).joined(separator: ",") + Self.csvLineEnding
        }
        return out
    }

    /// A GitHub-flavoured Markdown pipe table (numeric columns right-aligned), cells escaped
    /// with ``Escape/markdownCell(_:)``, ending in a newline. Cells in `rawColumns` are written
    /// as given: for Markdown the caller built from escaped parts (links).
    public func markdown(rawColumns: Set<Int> = []) -> String {
        guard !columns.isEmpty else { return "" }
        func row(_ cells: [String], raw: Bool) -> String {
            let padded = columns.indices.map { i -> String in
                let text = i < cells.count ? cells[i] : ""
                return raw && rawColumns.contains(i) ? text.replacingOccurrences(of: "\n", with: " ") : Escape.markdownCell(text)
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = "|" + columns.indices.map { numericColumns.contains($0) ? "---:|" : "---|" }.joined()
        return ([row(columns, raw: false), rule] + rows.map { row($0, raw: true) }).joined(separator: "\n") + "\n"
    }
}
