import Output

/// Writes a ``ReportDocument`` as one self-contained HTML file (``HTMLPage``): inline CSS
/// admitted by hash, figures embedded as inline SVG, no scripts, no network requests; prints
/// on A4. Every text of the document is escaped.
///
/// ```swift
/// let html = HTMLWriter.render(document)
/// html.contains("<svg")   // true when the document has a figure
/// ```
public enum HTMLWriter {
    /// The document as HTML text.
    public static func render(_ document: ReportDocument) -> String {
        var body = "<main>\n<h1>\(Escape.html(document.title))</h1>\n"
        if !document.subtitle.isEmpty {
            body += "<p class=\"subtitle\">" + document.subtitle.map(Escape.html).joined(separator: "<br>") + "</p>\n"
        }
        for block in document.blocks { body += render(block) + "\n" }
        body += "</main>\n"
        return HTMLPage(title: document.title, style: style, body: body).render()
    }

    static func render(_ block: ReportBlock) -> String {
        switch block {
        case let .heading(text, level):
            let l = min(6, max(2, level))
            return "<h\(l)>\(Escape.html(text))</h\(l)>"
        case .paragraph(let text):
            return "<p>\(Escape.html(text))</p>"
        case .bullets(let items):
            return "<ul>" + items.map { "<li>\(Escape.html($0))</li>" }.joined() + "</ul>"
        case .numbered(let items):
            return "<ol>" + items.map { "<li>\(Escape.html($0))</li>" }.joined() + "</ol>"
        case .table(let table):
            return self.table(table)
        case .keyFigures(let figures):
            return "<div class=\"figures\">" + figures.map { f in
                "<div class=\"figure \(f.tone.rawValue)\"><span class=\"value\">\(Escape.html(f.value))</span><span class=\"label\">\(Escape.html(f.label))</span></div>"
            }.joined() + "</div>"
        case .figure(let figure):
            return "<figure>\(inlineSVG(figure.svg))<figcaption>\(Escape.html(figure.caption))</figcaption></figure>"
        case .note(let text):
            return "<p class=\"note\">\(Escape.html(text))</p>"
        }
    }

    static func table(_ table: ReportTable) -> String {
        func cells(_ row: [String], tag: String) -> String {
            (0..<table.columns.count).map { i in
                let text = i < row.count ? row[i] : ""
                let cls = table.numericColumns.contains(i) ? " class=\"num\"" : ""
                return "<\(tag)\(cls)>\(Escape.html(text))</\(tag)>"
            }.joined()
        }
        return "<table><thead><tr>" + cells(table.columns, tag: "th") + "</tr></thead><tbody>"
            + table.rows.map { "<tr>" + cells($0, tag: "td") + "</tr>" }.joined() + "</tbody></table>"
    }

    /// An SVG document ready to sit inside HTML: the XML declaration removed.
    static func inlineSVG(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...].drop(while: { $0 == "\n" || $0 == "\r" }))
    }

    static let style = HTMLPage.baseStyle + """
        body{margin:0}\
        main{max-width:1100px;margin:0 auto;padding:24px 32px}\
        h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}\
        h3{font-size:16px}.subtitle{color:#57606a;margin:0 0 16px}p,li{line-height:1.45}\
        .note{color:#57606a;font-size:13px}\
        table{margin:8px 0 16px;font-size:14px}\
        th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}\
        th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\
        .figures{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}\
        .figure{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px;flex:1}\
        .figure .value{display:block;font-size:28px;font-weight:600}.figure .label{color:#57606a;font-size:13px}\
        .figure.good .value{color:#1a7f37}.figure.warning .value{color:#9a6700}.figure.bad .value{color:#cf222e}\
        figure{margin:12px 0}figure svg{max-width:100%;height:auto;border:1px solid #d0d7de}\
        figcaption{color:#57606a;font-size:13px;margin-top:4px}\
        @media print{main{max-width:none;padding:0}@page{size:A4;margin:14mm}h2{break-after:avoid}table,figure{break-inside:avoid}}
        """
}
