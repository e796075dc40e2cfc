/// Draws a layer as an SVG matrix, as the Navigator's SVG export does: a title and legend,
/// tactic columns in matrix order, technique cells filled by explicit colour or by score
/// through the gradient, sub-techniques indented under expanded parents. Sized for A4
/// landscape (the drawing scales to the page; text stays at least 7 pt when printed).
///
/// ```swift
/// let svg = SVGRenderer.render(layer, matrix: MatrixIndex(kb))
/// try LayerFile.writeAtomically(Data(svg.utf8), to: URL(fileURLWithPath: "apt29.svg"))
/// ```
public enum SVGRenderer {
    static let columnWidth = 150.0
    static let gap = 4.0
    static let cellHeight = 21.0
    static let margin = 12.0
    static let headerHeight = 64.0
    static let tacticHeight = 30.0

    public static func render(_ layer: Layer, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) -> String {
        render(MatrixView(layer: layer, matrix: matrix, options: options), layout: layer.effectiveLayout)
    }

    /// The sub-techniques drawn under an expanded parent: only the annotated ones when there
    /// are any (so a heatmap stays near A4-landscape proportions), else all of them.
    static func drawn(_ c: MatrixView.Cell) -> [MatrixView.Cell] {
        guard c.isExpanded else { return [] }
        let annotated = c.subtechniques.filter(\.isAnnotated)
        return annotated.isEmpty ? c.subtechniques : annotated
    }

    static func render(_ view: MatrixView, layout: LayerLayout) -> String {
        let columns = view.columns
        let width = max(600, margin * 2 + Double(columns.count) * columnWidth + Double(max(columns.count - 1, 0)) * gap)
        let rows = columns.map { $0.cells.reduce(0) { $0 + 1 + drawn($1).count } }.max() ?? 0
        let height = margin * 2 + headerHeight + tacticHeight + Double(rows) * cellHeight
        var out = ""
        out.reserveCapacity(200 + rows * columns.count * 260)
        out += ##"<?xml version="1.0" encoding="UTF-8"?>"## + "\n"
        out += ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(n(width))" height="\##(n(height))" viewBox="0 0 \##(n(width)) \##(n(height))" font-family="Helvetica, Arial, sans-serif">"## + "\n"
        out += ##"<rect width="100%" height="100%" fill="#ffffff"/>"## + "\n"
        out += ##"<text x="\##(n(margin))" y="\##(n(margin + 18))" font-size="18" font-weight="bold">\##(Markup.escape(view.title))</text>"## + "\n"
        var sub = "\(view.layer.domain.rawValue)"
        if let v = view.layer.versions?.attack { sub += " · ATT&CK v\(v)" }
        if let p = view.platforms { sub += " · platforms: " + p.joined(separator: ", ") }
        if let d = view.layer.description, !d.isEmpty { sub += " · " + d }
        out += ##"<text x="\##(n(margin))" y="\##(n(margin + 36))" font-size="10" fill="#444444">\##(Markup.escape(String(sub.prefix(Int(width / 5.5)))))</text>"## + "\n"
        legend(view, into: &out, right: width - margin, top: margin)

        let top = margin + headerHeight
        let showID = layout.showID
        let showName = layout.showName
        for (ci, column) in columns.enumerated() {
            let x = margin + Double(ci) * (columnWidth + gap)
            let tacticFill = view.layer.showTacticRowBackground == true ? (view.layer.tacticRowBackground ?? "#dddddd") : "#f2f2f2"
            out += ##"<rect x="\##(n(x))" y="\##(n(top))" width="\##(n(columnWidth))" height="\##(n(tacticHeight - 4))" fill="\##(Markup.escape(tacticFill))"/>"## + "\n"
            let title = showID ? "\(column.tactic.attackID) \(column.tactic.name)" : column.tactic.name
            out += ##"<text x="\##(n(x + columnWidth / 2))" y="\##(n(top + 12))" font-size="10" font-weight="bold" text-anchor="middle">\##(Markup.escape(title))</text>"##
            out += ##"<text x="\##(n(x + columnWidth / 2))" y="\##(n(top + 22))" font-size="7.5" text-anchor="middle" fill="#555555">\##(column.cells.count) techniques</text>"## + "\n"
            var y = top + tacticHeight
            for c in column.cells {
                cell(c, x: x, y: y, width: columnWidth, showID: showID, showName: showName, into: &out)
                y += cellHeight
                if c.isExpanded {
                    for s in drawn(c) {
                        out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="6" height="\##(n(cellHeight - 1))" fill="#bbbbbb"/>"##
                        cell(s, x: x + 8, y: y, width: columnWidth - 8, showID: showID, showName: showName, into: &out)
                        y += cellHeight
                    }
                }
            }
        }
        out += "</svg>\n"
        return out
    }

    static func cell(_ c: MatrixView.Cell, x: Double, y: Double, width: Double, showID: Bool, showName: Bool, into out: inout String) {
        let fill = c.fill?.opaqueOverWhite
        let text = !c.isEnabled ? "#aaaaaa" : (fill?.contrastingText ?? "#000000")
        var label = showName ? c.technique.name : ""
        if showID || !showName { label = c.technique.attackID + (label.isEmpty ? "" : " " + label) }
        if let s = c.score { label += " (\(formatScore(s)))" }
        out += ##"<g><title>\##(Markup.escape(tooltip(c)))</title>"##
        out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="\##(n(width))" height="\##(n(cellHeight - 1))" fill="\##(fill?.hex ?? "#ffffff")" stroke="#cccccc" stroke-width="0.5"/>"##
        let lines = Markup.wrap(label, width: Int(width / 4.6), maxLines: 2)
        let size = c.isSubtechnique ? 7.5 : 8
        let y0 = lines.count == 1 ? y + cellHeight / 2 + 2.5 : y + 9
        for (i, line) in lines.enumerated() {
            out += ##"<text x="\##(n(x + 3))" y="\##(n(y0 + Double(i) * 9))" font-size="\##(n(size))" fill="\##(text)"\##(c.isEnabled ? "" : ##" text-decoration="line-through""##)>\##(Markup.escape(line))</text>"##
        }
        if !c.isSubtechnique, drawn(c).count < c.subtechniques.count {
            out += ##"<rect x="\##(n(x + width - 5))" y="\##(n(y))" width="5" height="\##(n(cellHeight - 1))" fill="#999999"/>"##
        }
        out += "</g>\n"
    }

    static func tooltip(_ c: MatrixView.Cell) -> String {
        var t = "\(c.technique.attackID) \(c.technique.name)"
        if let s = c.score { t += "\nscore: \(formatScore(s))" }
        if let comment = c.entry?.comment, !comment.isEmpty { t += "\n" + comment }
        return t
    }

    static func legend(_ view: MatrixView, into out: inout String, right: Double, top: Double) {
        let items = view.legend
        guard !items.isEmpty else { return }
        let itemWidth = 110.0
        let perRow = max(1, min(items.count, 5))
        let x0 = right - Double(perRow) * itemWidth
        out += ##"<text x="\##(n(x0))" y="\##(n(top + 8))" font-size="9" font-weight="bold">Legend</text>"## + "\n"
        for (i, item) in items.prefix(15).enumerated() {
            let x = x0 + Double(i % perRow) * itemWidth
            let y = top + 14 + Double(i / perRow) * 14
            let color = RGBColor(parsing: item.color)?.opaqueOverWhite.hex ?? "#ffffff"
            out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="12" height="10" fill="\##(color)" stroke="#888888" stroke-width="0.5"/>"##
            out += ##"<text x="\##(n(x + 16))" y="\##(n(y + 8.5))" font-size="8.5">\##(Markup.escape(String(item.label.prefix(24))))</text>"## + "\n"
        }
    }

    /// A coordinate without needless decimals.
    static func n(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return "0" }
        return v == v.rounded() ? String(Int(v)) : String((v * 10).rounded() / 10)
    }
}
