/// Renders a layer as one self-contained HTML page: the matrix with coloured cells, hover
/// details (comment, score, metadata, links), a search box and toggles for sub-techniques
/// and disabled techniques. CSS and JavaScript are inline; the page makes no requests.
///
/// ```swift
/// let html = HTMLRenderer.render(layer, matrix: MatrixIndex(kb))
/// try LayerFile.writeAtomically(Data(html.utf8), to: URL(fileURLWithPath: "heatmap.html"))
/// ```
public enum HTMLRenderer {
    public static func render(_ layer: Layer, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) -> String {
        let view = MatrixView(layer: layer, matrix: matrix, options: options)
        let layout = layer.effectiveLayout
        var out = ""
        out.reserveCapacity(64_000 + view.columns.reduce(0) { $0 + $1.allCells.count } * 400)
        out += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        out += "<title>\(Markup.escape(view.title))</title><style>\(HTMLAssets.css)</style></head>\n<body>\n"
        out += "<h1>\(Markup.escape(view.title))</h1>\n"
        var sub = "\(layer.domain.rawValue)"
        if let v = layer.versions?.attack { sub += " · ATT&CK v\(v)" }
        if let p = view.platforms { sub += " · platforms: " + p.joined(separator: ", ") }
        out += "<div class=\"sub-title\">\(Markup.escape(sub))"
        if let d = layer.description, !d.isEmpty { out += "<br>\(Markup.escape(d))" }
        out += "</div>\n"
        out += ##"<div class="controls"><input type="search" id="search" placeholder="Search ID, name or comment"><span id="hits"></span>"##
        out += ##"<label><input type="checkbox" id="show-subs"> show all sub-techniques</label>"##
        let showDisabled = options.showDisabled ?? !(layer.hideDisabled ?? false)
        out += ##"<label><input type="checkbox" id="show-disabled"\##(showDisabled ? " checked" : "")> show disabled techniques</label></div>"## + "\n"
        let legend = view.legend
        if !legend.isEmpty {
            out += "<div class=\"legend\">"
            for item in legend {
                let color = RGBColor(parsing: item.color)?.opaqueOverWhite.hex ?? "#ffffff"
                out += "<span><span class=\"sw\" style=\"background:\(color)\"></span>\(Markup.escape(item.label))</span>"
            }
            out += "</div>\n"
        }
        out += "<div class=\"matrix\">\n"
        for column in view.columns {
            out += "<div class=\"tactic\" data-tactic=\"\(Markup.escape(column.tactic.shortname))\"><div class=\"tactic-head\">"
            out += Markup.escape(layout.showID ? "\(column.tactic.attackID) \(column.tactic.name)" : column.tactic.name)
            out += "<small>\(column.cells.count) techniques</small></div>\n"
            for c in column.cells {
                cell(c, layout: layout, into: &out)
                if !c.subtechniques.isEmpty {
                    out += "<div class=\"subs\(c.isExpanded ? " open" : "")\">"
                    for s in c.subtechniques { cell(s, layout: layout, into: &out) }
                    out += "</div>\n"
                }
            }
            out += "</div>\n"
        }
        out += "</div>\n<div id=\"tooltip\" role=\"tooltip\"></div>\n<script>\(HTMLAssets.script)</script>\n</body></html>\n"
        return out
    }

    static func cell(_ c: MatrixView.Cell, layout: LayerLayout, into out: inout String) {
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
        out += "<div class=\"\(classes)\" data-id=\"\(c.technique.attackID)\" data-name=\"\(Markup.escape(c.technique.name))\""
        if let s = c.score { out += " data-score=\"\(formatScore(s))\"" }
        if !comment.isEmpty { out += " data-comment=\"\(Markup.escape(comment))\"" }
        if !meta.isEmpty { out += " data-meta=\"\(Markup.escape(meta.joined(separator: "\n")))\"" }
        if !links.isEmpty { out += " data-links=\"\(Markup.escape(links.joined(separator: "\n")))\"" }
        if let fill = c.fill?.opaqueOverWhite { out += " style=\"background:\(fill.hex);color:\(fill.contrastingText)\"" }
        out += ">"
        var label = layout.showName ? c.technique.name : c.technique.attackID
        if layout.showID && layout.showName { label = "\(c.technique.attackID) \(label)" }
        out += Markup.escape(label)
        if let s = c.score { out += " <small>(\(formatScore(s)))</small>" }
        if !c.isSubtechnique, !c.subtechniques.isEmpty {
            out += "<span class=\"toggle\" title=\"sub-techniques\">\(c.isExpanded ? "\u{2212}" : "+")</span>"
        }
        out += "</div>\n"
    }
}
