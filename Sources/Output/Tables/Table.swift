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

    /// Aligned text: columns two spaces apart, a dashed rule under the header, each cell on one
    /// line with terminal controls removed (``Escape/terminal(_:singleLine:)``). With a `width`
    /// (a terminal), a table wider than it first narrows its widest columns but the last (cut
    /// with "…", never below 8 characters), and the last column wraps under itself; with nil
    /// (piped, redirected) nothing is cut or wrapped, so every row is one line for grep.
    public func text(width: Int? = nil) -> String {
        guard !columns.isEmpty else { return "" }
        let cells = ([columns] + rows).map { row in
            columns.indices.map { i in i < row.count ? Escape.terminal(row[i], singleLine: true) : "" }
        }
        var widths = columns.indices.map { i in cells.map { $0[i].count }.max() ?? 0 }
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
        func padded(_ cell: String, _ i: Int) -> String {
            let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
            return numericColumns.contains(i) ? pad + cell : cell + pad
        }
        func lines(_ row: [String]) -> [String] {
            var parts: [String] = []
            for i in 0..<last {
                var cell = row[i]
                if cell.count > widths[i] { cell = String(cell.prefix(max(0, widths[i] - 1))) + "…" }
                parts.append(padded(cell, i))
            }
            let wrapped = width == nil ? [row[last]] : Self.wrap(row[last], width: widths[last])
            var first = (parts + [padded(wrapped.first ?? "", last)]).joined(separator: "  ")
            while first.last == " " { first.removeLast() }
            return [first] + wrapped.dropFirst().map { indent + $0 }
        }
        var out = lines(cells[0]).joined(separator: "\n") + "\n"
        out += lines(widths.map { String(repeating: "-", count: $0) }).joined(separator: "\n") + "\n"
        for row in cells.dropFirst() { out += lines(row).joined(separator: "\n") + "\n" }
        return out
    }

    /// Words of `text` in lines of at most `width` characters (a longer word is cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard text.count > width, width > 0 else { return [text] }
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            var w = String(word)
            while w.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(w.prefix(width)))
                w = String(w.dropFirst(width))
            }
            if current.isEmpty {
                current = w
            } else if current.count + 1 + w.count <= width {
                current += " " + w
            } else {
                lines.append(current)
                current = w
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    /// RFC 4180 CSV with a header row; every line ends with ``csvLineEnding``. With
    /// `formulaSafe`, cells of untrusted text a spreadsheet could run as formulas are
    /// neutralised first (``Escape/spreadsheetCell(_:)``).
    public func csv(formulaSafe: Bool = false) -> String {
        func field(_ cell: String) -> String { Escape.csvField(formulaSafe ? Escape.spreadsheetCell(cell) : cell) }
        var out = columns.map(field).joined(separator: ",") + Self.csvLineEnding
        for row in rows {
            let cells = columns.indices.map { $0 < row.count ? row[$0] : "" }
            out += cells.map(field).joined(separator: ",") + Self.csvLineEnding
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
