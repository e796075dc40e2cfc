import Output

/// Draws a layer as an SVG matrix, as the Navigator's SVG export does: a title and legend,
/// tactic columns in matrix order, technique cells filled by explicit colour or by score
/// through the gradient, sub-techniques indented under expanded parents (the same rows the
/// HTML page draws). Text on a coloured cell is black or white by WCAG contrast ratio;
/// disabled cells are hatched and struck through; the legend explains every encoding and
/// wraps its labels at word boundaries. The `mini` layout draws narrow ID-only cells, so the
/// whole Enterprise matrix fits an A4 landscape page with labels of at least 6 pt.
///
/// ```swift
/// let svg = SVGRenderer.render(layer, matrix: MatrixIndex(kb))
/// try OutputFile.write(svg, to: "apt29.svg")
/// ```
public enum SVGRenderer {
    /// Cell geometry of one layout.
    struct Geometry {
        var columnWidth: Double
        var cellHeight: Double
        var fontSize: Double
        var lines: Int

        static let side = Geometry(columnWidth: 150, cellHeight: 21, fontSize: 8, lines: 2)
        static let mini = Geometry(columnWidth: 66, cellHeight: 12.5, fontSize: 9, lines: 1)
    }

    static let gap = 4.0
    static let margin = 12.0
    static let tacticHeight = 30.0

    public static func render(_ layer: Layer, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) -> String {
        render(MatrixView(layer: layer, matrix: matrix, options: options), layout: layer.effectiveLayout)
    }

    static func render(_ view: MatrixView, layout: LayerLayout) -> String {
        let mini = layout.layout == "mini"
        let geometry = mini ? Geometry.mini : Geometry.side
        let columns = view.columns
        let width = max(600, margin * 2 + Double(columns.count) * geometry.columnWidth + Double(max(columns.count - 1, 0)) * gap)
        let rows = columns.map(\.visibleCount).max() ?? 0
        var legendOut = ""
        let legendHeight = legend(view, geometry: geometry, into: &legendOut, left: margin, top: margin + 44, width: width - 2 * margin)
        let top = margin + 44 + legendHeight + 6
        let height = top + tacticHeight + Double(rows) * geometry.cellHeight + margin
        var out = ""
        out.reserveCapacity(400 + rows * columns.count * 300)
        out += ##"<?xml version="1.0" encoding="UTF-8"?>"## + "\n"
        out += ##"<svg xmlns="http://www.w3.org/2000/svg" width="\##(n(width))" height="\##(n(height))" viewBox="0 0 \##(n(width)) \##(n(height))" font-family="Helvetica, Arial, sans-serif">"## + "\n"
        out += ##"<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><rect width="2" height="6" fill="#dddddd"/></pattern></defs>"## + "\n"
        out += ##"<rect width="100%" height="100%" fill="#ffffff"/>"## + "\n"
        out += ##"<text x="\##(n(margin))" y="\##(n(margin + 16))" font-size="16" font-weight="bold">\##(Escape.xml(view.title))</text>"## + "\n"
        var sub = "\(view.layer.domain.displayName)"
        if let v = view.layer.versions?.attack { sub += " · ATT&CK v\(v)" }
        if let p = view.platforms { sub += " · platforms: " + p.joined(separator: ", ") }
        if let d = view.layer.description, !d.isEmpty { sub += " · " + d }
        for (i, line) in TextWrap.wrap(sub, width: Int((width - 2 * margin) / 5), maxLines: 2).enumerated() {
            out += ##"<text x="\##(n(margin))" y="\##(n(margin + 30 + Double(i) * 11))" font-size="9" fill="#444444">\##(Escape.xml(line))</text>"## + "\n"
        }
        out += legendOut

        let showID = layout.showID || mini
        let showName = layout.showName && !mini
        for (ci, column) in columns.enumerated() {
            let x = margin + Double(ci) * (geometry.columnWidth + gap)
            let tacticFill = view.layer.showTacticRowBackground == true
                ? (RGBColor(parsing: view.layer.tacticRowBackground ?? "")?.opaqueOverWhite ?? RGBColor(red: 221, green: 221, blue: 221))
                : RGBColor(red: 242, green: 242, blue: 242)
            out += ##"<rect x="\##(n(x))" y="\##(n(top))" width="\##(n(geometry.columnWidth))" height="\##(n(tacticHeight - 4))" fill="\##(tacticFill.hex)"/>"## + "\n"
            let title = layout.showID && !mini ? "\(column.tactic.attackID) \(column.tactic.name)" : column.tactic.name
            let titleLines = TextWrap.wrap(title, width: Int(geometry.columnWidth / 5.2), maxLines: 2)
            for (i, line) in titleLines.enumerated() {
                let y = top + (titleLines.count == 1 ? 12 : 9) + Double(i) * 9
                out += ##"<text x="\##(n(x + geometry.columnWidth / 2))" y="\##(n(y))" font-size="8.5" font-weight="bold" text-anchor="middle" fill="\##(tacticFill.contrastingText)">\##(Escape.xml(line))</text>"##
            }
            out += ##"<text x="\##(n(x + geometry.columnWidth / 2))" y="\##(n(top + 24))" font-size="7" text-anchor="middle" fill="\##(tacticFill.contrastingText)">\##(column.cells.count) techniques</text>"## + "\n"
            var y = top + tacticHeight
            for c in column.cells {
                cell(c, view: view, x: x, y: y, width: geometry.columnWidth, geometry: geometry, showID: showID, showName: showName, into: &out)
                y += geometry.cellHeight
                for s in c.drawnSubtechniques {
                    out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="4" height="\##(n(geometry.cellHeight - 1))" fill="#bbbbbb"/>"##
                    cell(s, view: view, x: x + 6, y: y, width: geometry.columnWidth - 6, geometry: geometry, showID: showID, showName: showName, into: &out)
                    y += geometry.cellHeight
                }
            }
        }
        out += "</svg>\n"
        return out
    }

    static func cell(
        _ c: MatrixView.Cell, view: MatrixView, x: Double, y: Double, width: Double, geometry: Geometry,
        showID: Bool, showName: Bool, into out: inout String
    ) {
        let fill = c.isEnabled ? c.fill?.opaqueOverWhite : nil
        let text = !c.isEnabled ? "#444444" : (fill?.contrastingText ?? "#000000")
        var label = showName ? c.technique.name : ""
        if showID || !showName { label = c.technique.attackID + (label.isEmpty ? "" : " " + label) }
        if let key = view.key(of: c) { label = key + " " + label }
        if view.showsScores, let s = c.score { label += " (\(formatScore(s)))" }
        if let a = c.aggregateScore { label += " Σ\(formatScore(a))" }
        let h = geometry.cellHeight - 1
        out += ##"<g><title>\##(Escape.xml(tooltip(c)))</title>"##
        let paint = c.isEnabled ? (fill?.hex ?? "#ffffff") : "url(#hatch)"
        let stroke = c.isEnabled ? ##"stroke="#cccccc" stroke-width="0.5""## : ##"stroke="#767676" stroke-width="0.7" stroke-dasharray="2 1.5""##
        out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="\##(n(width))" height="\##(n(h))" fill="\##(paint)" \##(stroke)/>"##
        let sideBar = !c.isSubtechnique && c.drawnSubtechniques.count < c.subtechniques.count
        let chars = Int((width - (sideBar ? 8 : 4)) / (geometry.fontSize * 0.56))
        let lines = TextWrap.wrap(label, width: chars, maxLines: geometry.lines)
        let size = c.isSubtechnique && geometry.lines > 1 ? geometry.fontSize - 0.5 : geometry.fontSize
        let y0 = lines.count == 1 ? y + h / 2 + size * 0.35 : y + 8
        for (i, line) in lines.enumerated() {
            out += ##"<text x="\##(n(x + 2.5))" y="\##(n(y0 + Double(i) * 8.6))" font-size="\##(n(size))" fill="\##(text)"\##(c.isEnabled ? "" : ##" text-decoration="line-through""##)>\##(Escape.xml(line))</text>"##
        }
        if !(c.entry?.comment ?? "").isEmpty {
            out += ##"<rect x="\##(n(x))" y="\##(n(y + h - 2))" width="\##(n(width))" height="2" fill="#b38600"/>"##
        }
        if !(c.entry?.links ?? []).isEmpty {
            out += ##"<rect x="\##(n(x + width - (sideBar ? 7 : 2)))" y="\##(n(y))" width="2" height="\##(n(h))" fill="#2a6fc9"/>"##
        }
        if sideBar {
            out += ##"<rect x="\##(n(x + width - 5))" y="\##(n(y))" width="5" height="\##(n(h))" fill="#767676"/>"##
        }
        out += "</g>\n"
    }

    static func tooltip(_ c: MatrixView.Cell) -> String {
        var t = "\(c.technique.attackID) \(c.qualifiedName)"
        if let s = c.score { t += "\nscore: \(formatScore(s))" }
        if let a = c.aggregateScore { t += "\naggregate score: \(formatScore(a))" }
        if let comment = c.entry?.comment, !comment.isEmpty { t += "\n" + comment }
        return t
    }

    /// Draws the legend from the left edge, items flowing into rows and long labels wrapping at
    /// spaces (never cut); returns its height.
    static func legend(_ view: MatrixView, geometry: Geometry, into out: inout String, left: Double, top: Double, width: Double) -> Double {
        let legend = view.legend
        let hasHiddenSubs = view.columns.contains { $0.cells.contains { !$0.subtechniques.isEmpty && $0.drawnSubtechniques.count < $0.subtechniques.count } }
        let hasDrawnSubs = view.columns.contains { $0.cells.contains { !$0.drawnSubtechniques.isEmpty } }
        enum Swatch { case color(RGBColor, String?), gradient(Gradient), comment, links, hatch, sideBar, subBar, text(String) }
        var entries: [(Swatch, String)] = legend.items.map { (.color($0.color, $0.key), $0.label) }
        if let g = legend.gradient { entries.append((.gradient(g), "score \(formatScore(g.minValue)) to \(formatScore(g.maxValue))")) }
        for e in legend.encodings {
            switch e {
            case .comment: entries.append((.comment, "amber underline: has a comment"))
            case .links: entries.append((.links, "blue right edge: has links"))
            case .disabled: entries.append((.hatch, "hatched, struck through: disabled"))
            case .subtechniques:
                if hasHiddenSubs { entries.append((.sideBar, "grey side bar: sub-techniques not shown")) }
                if hasDrawnSubs { entries.append((.subBar, "indented with a grey bar: sub-technique")) }
            case .score: if view.showsScores { entries.append((.text("(3)"), "score")) }
            case .aggregate: entries.append((.text("Σ3"), "aggregate of the technique and its sub-techniques"))
            case .key: entries.append((.text("D"), "letter: the colour's legend entry"))
            }
        }
        guard !entries.isEmpty else { return 0 }
        let charWidth = 8.5 * 0.55, rowHeight = 13.0, swatchWidth = 30.0
        out += ##"<text x="\##(n(left))" y="\##(n(top + 9))" font-size="9" font-weight="bold">Legend</text>"## + "\n"
        var x = left + 44, y = top
        var rowLines = 1
        for (swatch, label) in entries {
            let maxChars = max(12, Int((width - 44 - swatchWidth - 8) / charWidth))
            let lines = TextWrap.wrap(label, width: maxChars, maxLines: 4)
            let itemWidth = swatchWidth + Double(lines.map(\.count).max() ?? 0) * charWidth + 14
            if x + itemWidth > left + width, x > left + 44 {
                x = left + 44
                y += Double(rowLines) * rowHeight
                rowLines = 1
            }
            switch swatch {
            case let .color(c, key):
                out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="\##(n(swatchWidth - 6))" height="11" fill="\##(c.hex)" stroke="#888888" stroke-width="0.5"/>"##
                if let key { out += ##"<text x="\##(n(x + 3))" y="\##(n(y + 8.5))" font-size="8.5" font-weight="bold" fill="\##(c.contrastingText)">\##(key)</text>"## }
            case .gradient(let g):
                let stops = g.colors.compactMap { RGBColor(parsing: $0)?.opaqueOverWhite.hex }
                let id = "legend-gradient"
                out += ##"<defs><linearGradient id="\##(id)">"##
                for (i, s) in stops.enumerated() { out += ##"<stop offset="\##(n(Double(i) / Double(max(stops.count - 1, 1))))" stop-color="\##(s)"/>"## }
                out += ##"</linearGradient></defs><rect x="\##(n(x))" y="\##(n(y))" width="\##(n(swatchWidth - 6))" height="11" fill="url(#\##(id))" stroke="#888888" stroke-width="0.5"/>"##
            case .comment:
                out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="\##(n(swatchWidth - 6))" height="11" fill="#ffffff" stroke="#cccccc" stroke-width="0.5"/><rect x="\##(n(x))" y="\##(n(y + 9))" width="\##(n(swatchWidth - 6))" height="2" fill="#b38600"/>"##
            case .links:
                out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="\##(n(swatchWidth - 6))" height="11" fill="#ffffff" stroke="#cccccc" stroke-width="0.5"/><rect x="\##(n(x + swatchWidth - 8))" y="\##(n(y))" width="2" height="11" fill="#2a6fc9"/>"##
            case .hatch:
                out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="\##(n(swatchWidth - 6))" height="11" fill="url(#hatch)" stroke="#767676" stroke-width="0.7" stroke-dasharray="2 1.5"/>"##
            case .sideBar:
                out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="\##(n(swatchWidth - 6))" height="11" fill="#ffffff" stroke="#cccccc" stroke-width="0.5"/><rect x="\##(n(x + swatchWidth - 11))" y="\##(n(y))" width="5" height="11" fill="#767676"/>"##
            case .subBar:
                out += ##"<rect x="\##(n(x))" y="\##(n(y))" width="4" height="11" fill="#bbbbbb"/><rect x="\##(n(x + 6))" y="\##(n(y))" width="\##(n(swatchWidth - 12))" height="11" fill="#ffffff" stroke="#cccccc" stroke-width="0.5"/>"##
            case .text(let t): out += ##"<text x="\##(n(x))" y="\##(n(y + 9))" font-size="8.5" font-weight="bold">\##(Escape.xml(t))</text>"##
            }
            for (i, line) in lines.enumerated() {
                out += ##"<text x="\##(n(x + swatchWidth))" y="\##(n(y + 9 + Double(i) * 10))" font-size="8.5">\##(Escape.xml(line))</text>"##
            }
            out += "\n"
            rowLines = max(rowLines, lines.count)
            x += itemWidth
        }
        return y + Double(rowLines) * rowHeight - top
    }

    /// A coordinate without needless decimals.
    static func n(_ v: Double) -> String {
        guard v.isFinite, abs(v) < 1e15 else { return "0" }
        return v == v.rounded() ? String(Int(v)) : String((v * 10).rounded() / 10)
    }
}
