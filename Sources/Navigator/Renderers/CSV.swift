import Output

/// Writes a layer as CSV: one row per annotated technique × tactic, in matrix order.
///
/// Columns: `tactic, techniqueID, name, subtechnique, score, color, comment, enabled,
/// metadata, links`; a sub-technique's name carries its parent's (`Command and Scripting
/// Interpreter: PowerShell`). RFC 4180 through ``Table/csv()``: CRLF line endings, cells quoted
/// when they hold commas, quotes or line breaks.
public enum CSVRenderer {
    public static func render(_ layer: Layer, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) -> String {
        let view = MatrixView(layer: layer, matrix: matrix, options: options)
        var table = Table(columns: ["tactic", "techniqueID", "name", "subtechnique", "score", "color", "comment", "enabled", "metadata", "links"])
        for column in view.columns {
            for cell in column.allCells where cell.entry?.isAnnotated == true {
                let e = cell.entry
                let metadata = (e?.metadata ?? []).compactMap { m -> String? in
                    if case .item(let n, let v) = m { return "\(n): \(v)" }
                    return nil
                }.joined(separator: "; ")
                let links = (e?.links ?? []).compactMap(\.url).joined(separator: " ")
                table.rows.append([
                    column.tactic.shortname, cell.technique.attackID, cell.qualifiedName, cell.isSubtechnique ? "yes" : "no",
                    cell.score.map(formatScore) ?? "", cell.fill?.hex ?? "", e?.comment ?? "", (e?.isEnabled ?? true) ? "yes" : "no",
                    metadata, links,
                ])
            }
        }
        return table.csv()
    }
}

/// `3`, `2.5` — scores without a needless fraction.
func formatScore(_ s: Double) -> String {
    s == s.rounded() && abs(s) < 1e15 ? String(Int64(s)) : String(s)
}
