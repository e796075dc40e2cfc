import Foundation
/// Writes a layer as Markdown: a heading, then one table per tactic (matrix order) listing
/// its annotated techniques with score and comment — readable in any Markdown viewer. A
/// sub-technique row names its parent (`Command and Scripting Interpreter: PowerShell`).
///
/// ```swift
/// print(MarkdownRenderer.render(layer, matrix: MatrixIndex(kb)))
/// ```
public enum MarkdownRenderer {
    public static func render(_ layer: Layer, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) -> String {
        var opts = options
        opts.onlyAnnotated = true
        let view = MatrixView(layer: layer, matrix: matrix, options: opts)
        var out = "# \(cell(view.title))\n\n"
        if let d = layer.description, !d.isEmpty { out += "\(d)\n\n" }
        out += "Domain: \(layer.domain.rawValue)" + (layer.versions?.attack.map { " · ATT&CK v\($0)" } ?? "") + "\n\n"
        for column in view.columns {
            let rows = column.allCells.filter(\.isAnnotated)
            guard !rows.isEmpty else { continue }
            out += "## \(column.tactic.name) (\(column.tactic.attackID))\n\n| ID | Technique | Score | Comment |\n|---|---|---|---|\n"
            for c in rows {
                let name = c.qualifiedName
                let link = c.technique.url.map { "[\(c.technique.attackID)](\($0))" } ?? c.technique.attackID
                out += "| \(link) | \(cell(name))\(c.isEnabled ? "" : " (disabled)") | \(c.score.map(formatScore) ?? "") | \(cell(c.entry?.comment ?? "")) |\n"
            }
            out += "\n"
        }
        return out
    }

    /// Escapes a table cell: pipes escaped, line breaks as `<br>`.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: "<br>").replacingOccurrences(of: "\n", with: "<br>")
    }
}
