import Output

/// Renders a layer as one self-contained HTML page: the matrix with coloured cells, hover
/// details (comment, score, metadata, links), a search box, expand-all / collapse-all and
/// keyboard-reachable +/− buttons for sub-techniques. CSS and JavaScript are inline and admitted
/// by hash under a strict Content-Security-Policy (``HTMLPage``); every field of the layer and
/// the bundle is escaped; colours are classes of the stylesheet (no style attributes); the page
/// makes no requests.
///
/// The matrix fits the window: every tactic column is visible at 1280 px and wider (columns
/// shrink, names wrap). Text on a coloured cell is black or white by WCAG contrast ratio
/// (≥ 4.5:1); disabled cells stay visible, hatched and struck through. Scores are printed
/// only where they differ between cells (or on request); the legend explains every colour
/// and every other encoding used. The layer's `layout.layout` (`mini` draws small squares
/// with the name in the tooltip) and `showAggregateScores` are honoured.
///
/// ```swift
/// let html = HTMLRenderer.render(layer, matrix: MatrixIndex(kb))
/// try OutputFile.write(html, to: "heatmap.html")
/// ```
public enum HTMLRenderer {
    public static func render(_ layer: Layer, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) -> String {
        let view = MatrixView(layer: layer, matrix: matrix, options: options)
        let layout = layer.effectiveLayout
        let mini = layout.layout == "mini"
        var colors = ColorClasses()
        var out = ""
        out.reserveCapacity(64_000 + view.columns.reduce(0) { $0 + $1.allCells.count } * 400)
        var bodyClasses: [String] = []
        if mini { bodyClasses.append("mini") }
        if view.showsScores { bodyClasses.append("show-scores") }
        let showDisabled = options.showDisabled ?? !(layer.hideDisabled ?? false)
        if !showDisabled { bodyClasses.append("hide-disabled") }
        out += "<h1>\(Escape.htmlAttribute(view.title))</h1>\n"
        var sub = "\(layer.domain.displayName)"
        if let v = layer.versions?.attack { sub += " · ATT&CK v\(v)" }
        if let p = view.platforms { sub += " · platforms: " + p.joined(separator: ", ") }
        out += "<div class=\"sub-title\">\(Escape.htmlAttribute(sub))"
        if let d = layer.description, !d.isEmpty { out += "<br>\(Escape.htmlAttribute(d))" }
        out += "</div>\n"
        out += ##"<div class="controls"><input type="search" id="search" aria-label="Search" placeholder="Search ID, name or comment"><span id="hits" aria-live="polite"></span>"##
        out += ##"<button type="button" id="expand-all">Expand all</button><button type="button" id="collapse-all">Collapse all</button>"##
        let scored = layer.techniques.contains { $0.score != nil }
        if scored {
            out += ##"<label><input type="checkbox" id="show-scores"\##(view.showsScores ? " checked" : "")> show scores</label>"##
        }
        out += ##"<label><input type="checkbox" id="show-disabled"\##(showDisabled ? " checked" : "")> show disabled techniques</label></div>"## + "\n"
        legend(view.legend, colors: &colors, into: &out)
        out += "<div class=\"matrix\">\n"
        for column in view.columns {
            out += "<div class=\"tactic\" data-tactic=\"\(Escape.htmlAttribute(column.tactic.shortname))\"><div class=\"tactic-head\">"
            out += wrappable(layout.showID ? "\(column.tactic.attackID) \(column.tactic.name)" : column.tactic.name)
            out += "<small>\(column.cells.count) techniques</small></div>\n<div class=\"cells\">"
            for c in column.cells {
                let subsID = "subs-\(c.technique.attackID)-\(column.tactic.shortname)"
                cell(c, view: view, layout: layout, colors: &colors, controls: c.subtechniques.isEmpty ? nil : subsID, into: &out)
                guard !c.subtechniques.isEmpty else { continue }
                let drawn = Set(c.drawnSubtechniques.map(\.technique.attackID))
                out += "<div class=\"subs\(c.isExpanded ? " open" : "")\" id=\"\(Escape.htmlAttribute(subsID))\">"
                for s in c.subtechniques {
                    cell(s, view: view, layout: layout, colors: &colors, extra: !drawn.contains(s.technique.attackID), into: &out)
                }
                out += "</div>\n"
            }
            out += "</div></div>\n"
        }
        out += "</div>\n<div id=\"tooltip\" role=\"tooltip\"></div>\n"
        let style = HTMLAssets.css + ".matrix{grid-template-columns:repeat(\(max(view.columns.count, 1)),minmax(0,1fr))}" + colors.css
        return HTMLPage(title: view.title, style: style, body: out, script: HTMLAssets.script, bodyClasses: bodyClasses).render()
    }

    static func cell(
        _ c: MatrixView.Cell, view: MatrixView, layout: LayerLayout, colors: inout ColorClasses, controls: String? = nil,
        extra: Bool = false, into out: inout String
    ) {
        var classes = "cell"
        if c.isSubtechnique { classes += " sub" }
        if extra { classes += " extra" }
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
        if c.isEnabled, let fill = c.fill?.opaqueOverWhite { classes += " " + colors.name(background: fill.hex, text: fill.contrastingText) }
        out += "<div class=\"\(classes)\" data-id=\"\(Escape.htmlAttribute(c.technique.attackID))\" data-name=\"\(Escape.htmlAttribute(c.qualifiedName))\""
        if let s = c.score { out += " data-score=\"\(Escape.htmlAttribute(formatScore(s)))\"" }
        if let a = c.aggregateScore { out += " data-aggregate=\"\(Escape.htmlAttribute(formatScore(a)))\"" }
        if !comment.isEmpty { out += " data-comment=\"\(Escape.htmlAttribute(comment))\"" }
        if !meta.isEmpty { out += " data-meta=\"\(Escape.htmlAttribute(meta.joined(separator: "\n")))\"" }
        if !links.isEmpty { out += " data-links=\"\(Escape.htmlAttribute(links.joined(separator: "\n")))\"" }
        out += ">"
        if let controls {
            let open = c.isExpanded
            out += "<button type=\"button\" class=\"toggle\" aria-controls=\"\(Escape.htmlAttribute(controls))\" aria-expanded=\"\(open)\""
            out += " aria-label=\"sub-techniques of \(Escape.htmlAttribute(c.technique.name)) (\(c.subtechniques.count))\">\(open ? "\u{2212}" : "+")</button>"
        }
        if let key = view.key(of: c) { out += "<span class=\"key\" aria-hidden=\"true\">\(key)</span>" }
        var label = layout.showName ? c.technique.name : c.technique.attackID
        if layout.showID && layout.showName { label = "\(c.technique.attackID) \(label)" }
        out += "<span class=\"label\">\(wrappable(label))</span>"
        if let s = c.score { out += "<span class=\"score\"> (\(formatScore(s)))</span>" }
        if let a = c.aggregateScore { out += "<span class=\"aggregate\" title=\"aggregate of the technique and its sub-techniques\"> Σ\(formatScore(a))</span>" }
        out += "</div>\n"
    }

    /// Escaped text with line-break opportunities (`<wbr>`) after `/` and `_` and inside
    /// camel-case words, so "Token Impersonation/Theft" or "KernelCallbackTable" wrap in a
    /// narrow column instead of being cut at an arbitrary letter.
    static func wrappable(_ text: String) -> String {
        var out = ""
        var previous: Character = " "
        for ch in text {
            if ch.isUppercase, previous.isLowercase { out += "<wbr>" }
            out += Escape.html(String(ch))
            if ch == "/" || ch == "_" { out += "<wbr>" }
            previous = ch
        }
        return out
    }

    /// The legend: colours (with their letters), the gradient bar with its ends, and one entry
    /// per other encoding the cells use; each entry names its encoding in `data-encoding`.
    static func legend(_ legend: MatrixLegend, colors: inout ColorClasses, into out: inout String) {
        guard !legend.isEmpty else { return }
        out += "<div class=\"legend\" role=\"list\" aria-label=\"Legend\">"
        for item in legend.items {
            out += "<span class=\"item\" role=\"listitem\" data-encoding=\"color\"><span class=\"sw \(colors.name(background: item.color.hex, text: item.color.contrastingText))\">\(Escape.html(item.key ?? ""))</span>\(Escape.html(item.label))</span>"
        }
        if let g = legend.gradient {
            let stops = g.colors.compactMap { RGBColor(parsing: $0)?.opaqueOverWhite.hex }.joined(separator: ",")
            out += "<span class=\"item\" role=\"listitem\" data-encoding=\"gradient\">score <span class=\"end\">\(formatScore(g.minValue))</span>"
            out += "<span class=\"bar \(colors.name(background: "linear-gradient(to right,\(stops))", text: nil))\"></span><span class=\"end\">\(formatScore(g.maxValue))</span></span>"
        }
        for e in legend.encodings {
            out += "<span class=\"item\" role=\"listitem\" data-encoding=\"\(e.rawValue)\">"
            switch e {
            case .comment: out += "<span class=\"sw enc-comment\"></span>amber underline: has a comment (hover)"
            case .links: out += "<span class=\"sw enc-links\"></span>blue right edge: has links (hover)"
            case .disabled: out += "<span class=\"sw enc-disabled\"></span>hatched, struck through: disabled"
            case .subtechniques: out += "<span class=\"sw enc-toggle\">+</span>sub-techniques (button shows or hides them)"
            case .score: out += "<span class=\"enc-sample\">(3)</span> score"
            case .aggregate: out += "<span class=\"enc-sample\">Σ3</span> aggregate score of the technique and its sub-techniques"
            case .key: out += "<span class=\"enc-sample\">D</span> letter of the colour's legend entry"
            }
            out += "</span>"
        }
        out += "</div>\n"
    }

    /// One CSS class per colour pair used, so cells need no style attributes (which the strict
    /// policy would block). Values are hex colours and gradients built from parsed colours.
    struct ColorClasses {
        private var names: [String: String] = [:]
        private(set) var css = ""

        mutating func name(background: String, text: String?) -> String {
            let key = background + "|" + (text ?? "")
            if let known = names[key] { return known }
            let name = "k\(names.count)"
            names[key] = name
            css += ".\(name){background:\(background)\(text.map { ";color:\($0)" } ?? "")}"
            return name
        }
    }
}
