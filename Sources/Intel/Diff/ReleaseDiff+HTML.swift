import ATTACK

extension ReleaseDiff {
    /// A self-contained HTML page (inline style, no scripts or external resources).
    public func html() -> String {
        var out = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(Self.html(title))</title>
            <style>
            body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:70em;color:#222}
            table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em;text-align:right}
            th:first-child,td:first-child{text-align:left}h2{border-bottom:1px solid #ddd}
            .id{font-family:ui-monospace,monospace;color:#555}.note{color:#666}
            </style></head><body>
            <h1>Changes in \(Self.html(title))</h1>
            <table><tr><th>type</th>
            """
        for c in ChangeCategory.allCases { out += "<th>\(Self.html(c.title))</th>" }
        out += "</tr>\n"
        for type in DiffObjectType.allCases {
            out += "<tr><td>\(type.title)</td>" + ChangeCategory.allCases.map { "<td>\(count(type, $0))</td>" }.joined() + "</tr>\n"
        }
        out += "</table>\n"
        for type in changedTypes {
            out += "<h2>\(type.title)</h2>\n"
            for category in ChangeCategory.allCases {
                let list = changes(type, category)
                guard !list.isEmpty else { continue }
                out += "<h3>\(Self.html(category.title)) (\(list.count))</h3>\n<ul>\n"
                for c in list {
                    out += "<li><span class=\"id\">\(Self.html(c.object.attackID))</span> \(Self.html(c.object.name))"
                    if let v = c.versionChange { out += " <span class=\"note\">(\(Self.html(v)))</span>" }
                    if let r = c.replacement { out += " — revoked by <span class=\"id\">\(Self.html(r.attackID))</span> \(Self.html(r.name))" }
                    if !c.details.isEmpty { out += ": <span class=\"note\">\(Self.html(c.details.map(\.description).joined(separator: "; ")))</span>" }
                    out += "</li>\n"
                }
                out += "</ul>\n"
            }
        }
        return out + "</body></html>\n"
    }

    static func html(_ s: String) -> String {
        var r = ""
        for ch in s {
            switch ch {
            case "&": r += "&amp;"
            case "<": r += "&lt;"
            case ">": r += "&gt;"
            case "\"": r += "&quot;"
            default: r.append(ch)
            }
        }
        return r
    }
}
