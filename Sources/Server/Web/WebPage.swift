import Coverage
import ATTACK

/// The page shell and the parts every page shares.
enum WebPage {
    static func shell(title: String, body: String, state: WebState) -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(title))</title><link rel="stylesheet" href="/ui/app.css"></head>
        <body data-domain="\(esc(state.release.domain.shortName))" data-version="\(esc(state.release.version))" data-groups="\(esc(state.groups.map(\.attackID).joined(separator: ",")))" data-coverage="\(state.snapshotID.map(String.init) ?? "")">
        <a class="skip" href="#main">Skip to the matrix</a>
        \(body)
        <footer class="provenance meta">Answered from \(esc(provenance(state).summary))</footer>
        <script src="/ui/app.js"></script></body></html>
        """
    }

    /// What the page's answers were computed from: the release and its files, the groups and the
    /// coverage snapshot shown.
    static func provenance(_ state: WebState) -> Provenance {
        var p = Provenance(knowledgeBase: state.release.knowledgeBase)
        if !state.groups.isEmpty { p.add("groups", state.groups.map(\.attackID).joined(separator: ",")) }
        p.add("coverage", state.snapshotID.map { "snapshot \($0)" })
        return p
    }

    /// The top bar: domain and release switchers, search, groups, coverage; links to downloads.
    static func header(data: ServerData, state: WebState) -> String {
        let domain = state.release.domain
        var out = "<header class=\"bar\"><h1><a href=\"/\">ttpkit</a></h1><form method=\"get\" action=\"/\" class=\"controls\">"
        out += "<label>Domain <select name=\"domain\" id=\"domain\">"
        for d in AttackDomain.allCases where data.newest(d) != nil {
            out += "<option value=\"\(d.shortName)\"\(d == domain ? " selected" : "")>\(esc(d.displayName))</option>"
        }
        out += "</select></label><label>Release <select name=\"version\" id=\"version\">"
        for r in data.releases where r.domain == domain {
            out += "<option value=\"\(esc(r.version))\"\(r.version == state.release.version ? " selected" : "")>\(esc(r.version))</option>"
        }
        out += "</select></label>"
        out += "<label>Search <input type=\"search\" name=\"q\" id=\"q\" placeholder=\"APT29, T1059, credential dumping\" maxlength=\"200\"></label>"
        out += "<label>Groups <input type=\"text\" name=\"groups\" id=\"groups\" value=\"\(esc(state.groups.map(\.name).joined(separator: ",")))\" placeholder=\"APT29,FIN7\" maxlength=\"300\"></label>"
        out += "<label>Coverage <input type=\"text\" name=\"coverage\" id=\"coverage\" inputmode=\"numeric\" size=\"4\" value=\"\(state.snapshotID.map(String.init) ?? "")\" placeholder=\"id\"></label>"
        out += "<button type=\"submit\">Show</button></form>"
        out += "<form method=\"get\" action=\"/\" class=\"controls\"><input type=\"hidden\" name=\"domain\" value=\"\(esc(domain.shortName))\">"
        out += "<label>Who does this look like? <input type=\"text\" name=\"similar\" id=\"similar\" placeholder=\"T1059.001, T1027, T1566.001\" maxlength=\"4000\" size=\"28\"></label>"
        out += "<button type=\"submit\">Rank groups</button></form>"
        out += "<nav class=\"actions\" aria-label=\"Downloads and pages\">"
        if !state.groups.isEmpty {
            out += "<a href=\"\(esc(state.link(path: "/ui/layer.json")))\">Layer</a>"
            out += "<a href=\"\(esc(state.link(path: "/ui/render") + "&format=svg"))\">SVG</a>"
            out += "<a href=\"\(esc(state.link(path: "/ui/render") + "&format=xlsx"))\">XLSX</a>"
            out += "<a href=\"\(esc(state.link(path: "/ui/report")))\" id=\"report-link\">Report</a>"
            if state.snapshotID != nil {
                out += "<a href=\"\(esc(state.link(path: "/ui/executive")))\" id=\"executive-link\">Executive report</a>"
            }
        }
        out += "<a href=\"\(esc(state.link(groups: [], path: "/ui/history")))\">History</a>"
        out += "<label class=\"upload\">Open a layer <input type=\"file\" id=\"layer-file\" accept=\".json,application/json\"></label>"
        out += "</nav></header><main id=\"main\">"
        return out
    }

    /// The side panel a technique's details open in (filled by the script).
    static let panel = "<aside id=\"panel\" class=\"panel\" hidden aria-labelledby=\"panel-title\" tabindex=\"-1\"><button type=\"button\" id=\"panel-close\" class=\"close\" aria-label=\"Close the panel\">×</button><div id=\"panel-body\"></div></aside>"

    /// Two snapshot choosers and a button opening the diff page between them.
    static func diffForm(snapshots: [SnapshotSummary], from: Int64, to: Int64, state: WebState) -> String {
        func options(_ selected: Int64) -> String {
            snapshots.reversed().map { s in
                let label = "\(s.id) · \(s.receivedAt) · \(s.labels.branch) \(s.labels.commit.prefix(12))"
                return "<option value=\"\(s.id)\"\(s.id == selected ? " selected" : "")>\(esc(label))</option>"
            }.joined()
        }
        var out = "<form method=\"get\" action=\"/ui/history/diff\" class=\"controls diff-form\">"
        out += "<input type=\"hidden\" name=\"domain\" value=\"\(esc(state.release.domain.shortName))\">"
        out += "<input type=\"hidden\" name=\"version\" value=\"\(esc(state.release.version))\">"
        out += "<label>From <select name=\"from\" id=\"diff-from\">\(options(from))</select></label>"
        out += "<label>To <select name=\"to\" id=\"diff-to\">\(options(to))</select></label>"
        out += "<button type=\"submit\" id=\"diff-submit\">Show the diff</button></form>"
        return out
    }

    /// One line saying what is highlighted, and the legend.
    static func summary(view: MatrixView, state: WebState) -> String {
        var parts: [String] = []
        if !state.groups.isEmpty {
            let names = state.groups.map { "\($0.name) (\($0.attackID))" }.joined(separator: ", ")
            parts.append("<strong id=\"highlight-count\">\(view.groupUse.count)</strong> techniques used by \(esc(names))")
        }
        if let snapshot = state.snapshot {
            parts.append("coverage snapshot \(state.snapshotID ?? 0): " + CoverageState.allCases.map {
                "<span id=\"count-\($0.rawValue)\">\(snapshot.count($0))</span> \($0.label)"
            }.joined(separator: ", "))
        }
        var out = "<p class=\"summary\" id=\"summary\" aria-live=\"polite\">\(esc(view.kb.title))"
        if !parts.isEmpty { out += " · " + parts.joined(separator: " · ") }
        out += "</p><p class=\"legend\" aria-hidden=\"true\">"
        if !state.groups.isEmpty { out += "<span class=\"cell hl\">used</span>" }
        if state.groups.count > 1 { out += "<span class=\"cell hl hl2\">used by several</span>" }
        if state.snapshot != nil {
            out += "<span class=\"cell detected\">Detected</span><span class=\"cell logged\">Logged</span><span class=\"cell blind\">Blind</span>"
            if !state.groups.isEmpty { out += "<span class=\"cell gap\">gap: used, not Detected</span>" }
        }
        out += "<span class=\"cell uploaded\">in the opened layer</span></p>"
        return out
    }
}

/// Per-tactic Detected / Logged / Blind over stored snapshots, as small SVG line charts.
enum HistoryChart {
    /// The palette's colours in words, for the chart's caption.
    static func colorName(_ state: CoverageState) -> String {
        switch state {
        case .detected: "blue"
        case .logged: "salmon"
        case .blind: "red"
        }
    }

    static func html(snapshots: [SnapshotSummary], kb: KnowledgeBase) -> String {
        guard !snapshots.isEmpty else { return "<p class=\"none\">No snapshots yet: push one with <code>ttpkit coverage push</code>.</p>" }
        var tactics: [String] = []
        for s in snapshots { for t in s.tactics where !tactics.contains(t.tactic) { tactics.append(t.tactic) } }
        var out = "<p class=\"meta\">\(snapshots.count) snapshots, \(esc(snapshots.first?.receivedAt ?? "")) to \(esc(snapshots.last?.receivedAt ?? "")). Lines: \(CoverageState.allCases.map { "\($0.label) (\(HistoryChart.colorName($0)))" }.joined(separator: ", ")).</p><div class=\"charts\">"
        let width = 220.0, height = 90.0
        for tactic in tactics {
            let rows = snapshots.map { s in s.tactics.first { $0.tactic == tactic } }
            let top = Double(max(1, rows.map { ($0?.detected ?? 0) + ($0?.logged ?? 0) + ($0?.blind ?? 0) }.max() ?? 1))
            func line(_ value: (TacticCounts?) -> Int, _ color: String) -> String {
                let points = rows.enumerated().map { i, r -> String in
                    let x = snapshots.count == 1 ? width / 2 : Double(i) / Double(snapshots.count - 1) * (width - 10) + 5
                    let y = height - 5 - Double(value(r)) / top * (height - 10)
                    return String(format: "%.1f,%.1f", x, y)
                }
                return "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points.joined(separator: " "))\"/>"
            }
            let last = rows.last.flatMap { $0 }
            let name = kb.tactic(shortname: tactic)?.name
                ?? tactic.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: " ")
            out += "<figure class=\"chart\"><figcaption>\(esc(name)): \(last?.detected ?? 0) / \(last?.logged ?? 0) / \(last?.blind ?? 0)</figcaption>"
            out += "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(name)) Detected, Logged and Blind over time\">"
            out += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\" stroke=\"#d0d7de\"/>"
            out += line({ $0?.detected ?? 0 }, CoverageState.detected.color) + line({ $0?.logged ?? 0 }, CoverageState.logged.color)
                + line({ $0?.blind ?? 0 }, CoverageState.blind.color)
            out += "</svg></figure>"
        }
        return out + "</div>"
    }
}
