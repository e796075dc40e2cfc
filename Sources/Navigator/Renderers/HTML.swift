import Output

/// Renders a layer as one self-contained HTML page: the matrix with coloured cells, hover
/// details (comment, score, metadata, links), a search box and toggles for sub-techniques
/// and disabled techniques. CSS and JavaScript are inline and admitted by hash under a strict
/// Content-Security-Policy (``HTMLPage``); every field of the layer and the bundle is escaped,
/// colours are classes (no style attributes), and the page makes no requests.
///
/// ```swift
/// let html = HTMLRenderer.render(layer, matrix: MatrixIndex(kb))
/// try OutputFile.write(html, to: "heatmap.html")
/// ```
public enum HTMLRenderer {
    public static func render(_ layer: Layer, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) -> String {
        let view = MatrixView(layer: layer, matrix: matrix, options: options)
        let layout = layer.effectiveLayout
        var colors = ColorClasses()
        var out = ""
        out.reserveCapacity(64_000 + view.columns.reduce(0) { $0 + $1.allCells.count } * 400)
        out += "<h1>\(Escape.html(view.title))</h1>\n"
        var sub = "\(layer.domain.rawValue)"
        if let v = layer.versions?.attack { sub += " · ATT&CK v\(v)" }
        if let p = view.platforms { sub += " · platforms: " + p.joined(separator: ", ") }
        out += "<div class=\"sub-title\">\(Escape.html(sub))"
        if let d = layer.description, !d.isEmpty { out += "<br>\(Escape.html(d))" }
        out += "</div>\n"
        out += ##"<div class="controls"><input type="search" id="search" placeholder="Search ID, name or comment"><span id="hits"></span>"##
        out += ##"<label><input type="checkbox" id="show-subs"> show all sub-techniques</label>"##
        let showDisabled = options.showDisabled ?? !(layer.hideDisabled ?? false)
        out += ##"<label><input type="checkbox" id="show-disabled"\##(showDisabled ? " checked" : "")> show disabled techniques</label></div>"## + "\n"
        let legend = view.legend
        if !legend.isEmpty {
            out += "<div class=\"legend\">"
            for item in legend {
                let color = RGBColor(parsing: item.color)?.opaqueOverWhite ?? RGBColor(red: 255, green: 255, blue: 255)
                out += "<span><span class=\"sw \(colors.name(background: color, text: nil))\"></span>\(Escape.html(item.label))</span>"
            }
            out += "</div>\n"
        }
        out += "<div class=\"matrix\">\n"
        for column in view.columns {
            out += "<div class=\"tactic\" data-tactic=\"\(Escape.htmlAttribute(column.tactic.shortname))\"><div class=\"tactic-head\">"
            out += Escape.html(layout.showID ? "\(column.tactic.attackID) \(column.tactic.name)" : column.tactic.name)
            out += "<small>\(column.cells.count) techniques</small></div>\n"
            for c in column.cells {
                cell(c, layout: layout, colors: &colors, into: &out)
                if !c.subtechniques.isEmpty {
                    out += "<div class=\"subs\(c.isExpanded ? " open" : "")\">"
                    for s in c.subtechniques { cell(s, layout: layout, colors: &colors, into: &out) }
                    out += "</div>\n"
                }
            }
            out += "</div>\n"
        }
        out += "</div>\n<div id=\"tooltip\" role=\"tooltip\"></div>\n"
        return HTMLPage(title: view.title, style: HTMLAssets.css + colors.css, body: out, script: HTMLAssets.script).render()
    }

    static func cell(_ c: MatrixView.Cell, layout: LayerLayout, colors: inout ColorClasses, into out: inout String) {
        var classes = "cell"
        if c.isSubtechnique { classes += " sub" }
        if c.isAnnotated { classes += " annotated" }
        if !c.isEnabled { classes += " disabled" }
        let entry = c.entry
        let comment = entry?.comment ?? ""
        if !comment.isEmpty { classes += " has-comment" }
        let links = (entry?.links ?? []).compactMap { l -> String? in
            if case .link(let label, let url) = l { return "\(label): \(url)" }
            return nil
        }
        if !links.isEmpty { classes += " has-links" }
        let meta = (entry?.metadata ?? []).map { m -> String in
            if case .item(let n, let v) = m { return "\(n): \(v)" }
            return "—"
        }
        if let fill = c.fill?.opaqueOverWhite { classes += " " + colors.name(background: fill, text: fill.contrastingText) }
        out += "<div class=\"\(classes)\" data-id=\"\(Escape.htmlAttribute(c.technique.attackID))\" data-name=\"\(Escape.htmlAttribute(c.technique.name))\""
        if let s = c.score { out += " data-score=\"\(Escape.htmlAttribute(formatScore(s)))\"" }
        if !comment.isEmpty { out += " data-comment=\"\(Escape.htmlAttribute(comment))\"" }
        if !meta.isEmpty { out += " data-meta=\"\(Escape.htmlAttribute(meta.joined(separator: "\n")))\"" }
        if !links.isEmpty { out += " data-links=\"\(Escape.htmlAttribute(links.joined(separator: "\n")))\"" }
        out += ">"
        var label = layout.showName ? c.technique.name : c.technique.attackID
        if layout.showID && layout.showName { label = "\(c.technique.attackID) \(label)" }
        out += Escape.html(label)
        if let s = c.score { out += " <small>(\(Escape.html(formatScore(s))))</small>" }
        if !c.isSubtechnique, !c.subtechniques.isEmpty {
            out += "<span class=\"toggle\" title=\"sub-techniques\">\(c.isExpanded ? "\u{2212}" : "+")</span>"
        }
        out += "</div>\n"
    }

    /// One CSS class per colour pair used, so cells need no style attributes (which a strict
    /// policy would block).
    struct ColorClasses {
        private var names: [String: String] = [:]
        private(set) var css = ""

        mutating func name(background: RGBColor, text: String?) -> String {
            let key = background.hex + (text ?? "")
            if let known = names[key] { return known }
            let name = "k\(names.count)"
            names[key] = name
            let fg = text.flatMap { RGBColor(parsing: $0)?.hex }.map { ";color:\($0)" } ?? ""
            css += "\n.\(name){background:\(background.hex)\(fg)}"
            return name
        }
    }
}
