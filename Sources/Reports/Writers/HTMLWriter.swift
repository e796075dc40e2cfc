import Output

/// Writes a ``ReportDocument`` as one self-contained HTML file (``HTMLPage``): inline CSS
/// admitted by hash under a strict Content-Security-Policy, figures embedded as inline SVG, no
/// scripts, no network requests; every text escaped; prints on A4.
///
/// ```swift
/// let html = HTMLWriter.render(document)
/// html.contains("<svg")   // true when the document has a figure
/// ```
public enum HTMLWriter {
    /// The document as HTML text.
    public static func render(_ document: ReportDocument) -> String {
        page(document).render()
    }

    /// The document as a page, whose ``HTMLPage/contentSecurityPolicy`` a server can also send
    /// as a header.
    public static func page(_ document: ReportDocument) -> HTMLPage {
        var body = "<main>\n<h1>\(escape(document.title))</h1>\n"
        if !document.subtitle.isEmpty {
            body += "<p class=\"subtitle\">" + document.subtitle.map(escape).joined(separator: "<br>") + "</p>\n"
        }
        for block in document.blocks { body += render(block) + "\n" }
        if let provenance = document.provenance {
            body += "<footer class=\"provenance\"><p>Answered from \(escape(provenance.summary))</p></footer>\n"
        }
        body += "</main>\n"
        return HTMLPage(title: document.title, style: style, body: body)
    }

    static func render(_ block: ReportBlock) -> String {
        switch block {
        case let .heading(text, level):
            let l = min(6, max(2, level))
            return "<h\(l)>\(escape(text))</h\(l)>"
        case .paragraph(let text):
            return "<p>\(escape(text))</p>"
        case .bullets(let items):
            return "<ul>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ul>"
        case .numbered(let items):
            return "<ol>" + items.map { "<li>\(escape($0))</li>" }.joined() + "</ol>"
        case .table(let table):
            return self.table(table)
        case .keyFigures(let figures):
            return "<div class=\"figures\">" + figures.map { f in
                "<div class=\"figure \(f.tone.rawValue)\"><span class=\"value\">\(escape(f.value))</span><span class=\"label\">\(escape(f.label))</span></div>"
            }.joined() + "</div>"
        case .figure(let figure):
            return "<figure\(figure.ownPage ? " class=\"own-page\"" : "")>\(inlineSVG(figure.svg))<figcaption>\(escape(figure.caption))</figcaption></figure>"
        case .note(let text):
            return "<p class=\"note\">\(escape(text))</p>"
        case .linkedTable(let linked):
            return table(linked.table, link: linked.link)
        case let .links(items, numbered):
            let tag = numbered ? "ol" : "ul"
            return "<\(tag) class=\"links\">" + items.map { "<li>" + anchor($0) + "</li>" }.joined() + "</\(tag)>"
        }
    }

    /// Text linked to its address when the address is safe, escaped text otherwise.
    static func anchor(_ link: ReportLink) -> String {
        guard let url = link.safeURL else { return escape(link.text) }
        let text = link.text.isEmpty ? url : link.text
        return "<a href=\"\(escape(url))\">\(breakable(text))</a>"
    }

    /// Escaped text where long unbroken runs (URLs, hashes, paths) may wrap: a `<wbr>` after
    /// `/`, `.`, `\\`, `-`, `_`, `=`, `&`, `?` and every 16 characters of a run longer than 24. Words
    /// of ordinary length never break.
    static func breakable(_ text: String) -> String {
        var out = ""
        var run = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            if word.offset > 0 { out += " " }
            guard word.element.count > 24 else {
                out += escape(String(word.element))
                continue
            }
            run = 0
            for ch in word.element {
                out += escape(String(ch))
                run += 1
                if "/.\\-_=&?".contains(ch) || run >= 16 {
                    out += "<wbr>"
                    run = 0
                }
            }
        }
        return out
    }

    static func table(_ table: ReportTable, link: (_ row: Int, _ column: Int) -> String? = { _, _ in nil }) -> String {
        func cells(_ row: [String], index: Int?, tag: String) -> String {
            (0..<table.columns.count).map { i in
                let text = i < row.count ? row[i] : ""
                let cls = table.numericColumns.contains(i) ? " class=\"num\"" : ""
                let content = index.flatMap { link($0, i) }.map { anchor(ReportLink(text, url: $0)) } ?? breakable(text)
                return "<\(tag)\(cls)>\(content)</\(tag)>"
            }.joined()
        }
        return "<table><thead><tr>" + cells(table.columns, index: nil, tag: "th") + "</tr></thead><tbody>"
            + table.rows.enumerated().map { "<tr>" + cells($0.element, index: $0.offset, tag: "td") + "</tr>" }.joined() + "</tbody></table>"
    }

    /// An SVG document ready to sit inside HTML: the XML declaration removed.
    static func inlineSVG(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...].drop(while: { $0 == "\n" || $0 == "\r" }))
    }

    /// Text escaped for HTML content and attributes (``Escape/html(_:)``).
    static func escape(_ text: String) -> String { Escape.html(text) }

    static let style = HTMLPage.baseStyle + """
        body{margin:0}\
        main{max-width:1100px;margin:0 auto;padding:24px 32px}\
        h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}\
        h3{font-size:16px}.subtitle{color:#57606a;margin:0 0 16px}p,li{line-height:1.45}\
        .note{color:#57606a;font-size:13px}\
        table{border-collapse:collapse;margin:8px 0 16px;font-size:14px}\
        th,td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:break-word}\
        a{color:#0550ae}li{overflow-wrap:anywhere}\
        th{background:#f6f8fa}td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}\
        .figures{display:flex;flex-wrap:wrap;gap:12px;margin:12px 0}\
        .figure{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px;min-width:150px;flex:1}\
        .figure .value{display:block;font-size:28px;font-weight:600}.figure .label{color:#57606a;font-size:13px}\
        .figure.good .value{color:#1a7f37}.figure.warning .value{color:#9a6700}.figure.bad .value{color:#cf222e}\
        figure{margin:12px 0}figure svg{max-width:100%;height:auto;border:1px solid #d0d7de}\
        figcaption{color:#57606a;font-size:13px;margin-top:4px}\
        @media print{main{max-width:none;padding:0}@page{size:A4;margin:12mm}@page matrix{size:A4 landscape;margin:8mm}\
        h2,h3{break-after:avoid}tr,figure,.figures{break-inside:avoid}a{color:inherit}\
        figure.own-page{page:matrix;break-before:page;break-after:page;margin:0}figure.own-page svg{border:0;width:100%;max-height:180mm}\
        .figures{gap:6px}.figure{min-width:0;padding:6px 10px}.figure .value{font-size:22px}h2{margin-top:18px}\
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """
}
