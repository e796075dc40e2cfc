import ATTACK
import Output

extension ReleaseDiff {
    /// A self-contained HTML page (``HTMLPage``: inline style admitted by hash, no scripts or
    /// external resources); every name and detail escaped.
    public func html() -> String {
        var body = "<h1>Changes in \(Escape.html(title))</h1>\n"
        var summary = "<table><tr><th>type</th>"
        for c in ChangeCategory.allCases { summary += "<th>\(Escape.html(c.title))</th>" }
        summary += "</tr>\n"
        for type in DiffObjectType.allCases {
            summary += "<tr><td>\(Escape.html(type.title))</td>" + ChangeCategory.allCases.map { "<td>\(count(type, $0))</td>" }.joined() + "</tr>\n"
        }
        body += summary + "</table>\n"
        for (type, lists) in sections {
            body += "<h2>\(Escape.html(type.title))</h2>\n"
            for (category, list) in lists {
                body += "<h3>\(Escape.html(category.title)) (\(list.count))</h3>\n<ul>\n" + list.map(Self.item).joined() + "</ul>\n"
            }
        }
        return HTMLPage(title: title, style: Self.pageStyle, body: body).render()
    }

    /// One change as a list item.
    static func item(_ c: ObjectChange) -> String {
        var li = "<li><span class=\"id\">\(Escape.html(c.object.attackID))</span> \(Escape.html(c.object.name))"
        if let v = c.versionChange { li += " <span class=\"note\">(\(Escape.html(v)))</span>" }
        if let r = c.replacement { li += " — revoked by <span class=\"id\">\(Escape.html(r.attackID))</span> \(Escape.html(r.name))" }
        if !c.details.isEmpty { li += ": <span class=\"note\">\(Escape.html(c.details.map(\.description).joined(separator: "; ")))</span>" }
        return li + "</li>\n"
    }

    static let pageStyle = HTMLPage.baseStyle + """
        body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}\
        td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}\
        th:first-child,td:first-child{text-align:left}h2{border-bottom:1px solid #ddd}\
        .id{font-family:ui-monospace,monospace;color:#555}.note{color:#666}
        """
}
