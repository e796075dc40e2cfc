import Output

/// Writes a layer as Markdown: a heading, then one table per tactic (matrix order) listing
/// its annotated techniques with score and comment — readable in any Markdown viewer. A
/// sub-technique row names its parent (`Command and Scripting Interpreter: PowerShell`). Every
/// field is escaped (``Escape/markdown(_:)``): names, descriptions and comments cannot bring raw
/// HTML or links of their own; technique links are `http(s)` links only.
///
/// ```swift
/// print(MarkdownRenderer.render(layer, matrix: MatrixIndex(kb)))
/// ```
public enum MarkdownRenderer {
    public static func render(_ layer: Layer, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) -> String {
        var opts = options
        opts.onlyAnnotated = true
        let view = MatrixView(layer: layer, matrix: matrix, options: opts)
        var out = "# \(Escape.markdownCell(view.title))\n\n"
        if let d = layer.description, !d.isEmpty { out += "\(Escape.markdown(d))\n\n" }
        out += Escape.markdown("Domain: \(layer.domain.rawValue)" + (layer.versions?.attack.map { " · ATT&CK v\($0)" } ?? "")) + "\n\n"
        for column in view.columns {
            let rows = column.allCells.filter(\.isAnnotated)
            guard !rows.isEmpty else { continue }
            out += "## \(Escape.markdownCell("\(column.tactic.name) (\(column.tactic.attackID))"))\n\n"
            let table = Table(columns: ["ID", "Technique", "Score", "Comment"], rows: rows.map { c in
                [
                    Escape.markdownLink(c.technique.attackID, url: c.technique.url),
                    Escape.markdownCell(c.qualifiedName) + (c.isEnabled ? "" : " (disabled)"),
                    c.score.map(formatScore) ?? "", Escape.markdownCell(c.entry?.comment ?? ""),
                ]
            })
            out += table.markdown(rawColumns: [0, 1, 2, 3]) + "\n"
        }
        return out
    }
}
