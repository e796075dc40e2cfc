import Coverage
import ATTACK

/// The page shell and the parts every page shares.
enum WebPage {
    /// A whole page: the head (the app's stylesheet, the icon, an optional inline stylesheet
    /// whose hash the response's policy admits, see ``WebRoutes/html(_:status:style:)``), `body`
    /// (which starts with ``header(data:state:)``), the provenance footer unless the body has
    /// its own, and the app's script.
    static func shell(title: String, body: String, state: WebState, style: String? = nil, footer: Bool = true) -> String {
        let domain = state.release.domain.shortName, version = state.release.version
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(title))</title><link rel="icon" href="/favicon.ico" sizes="16x16"><link rel="stylesheet" href="/ui/app.css">\(style.map { "<style>\($0)</style>" } ?? "")</head>
        <body data-domain="\(esc(domain))" data-version="\(esc(version))" data-groups="\(esc(state.groups.map(\.attackID).joined(separator: ",")))" data-coverage="\(state.snapshotID.map(String.init) ?? "")">
        <a class="skip" href="#main">Skip to the content</a>
        \(body)</main>
        \(footer ? "<footer class=\"provenance meta\">Answered from \(esc(provenance(state).summary))</footer>" : "")
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
                let label = "\(s.id) · \(HistoryView.when(s.receivedAt)) · \(s.labels.repository) \(s.labels.branch) \(s.labels.commit.prefix(12))"
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

    /// One line saying what is highlighted, the legend of what the matrix shows, and — groups
    /// over coverage — each group's techniques by state (`study`: the answer `/api/gaps` gives).
    static func summary(view: MatrixView, state: WebState, study: ThreatCoverage? = nil) -> String {
        var parts: [String] = []
        if !state.groups.isEmpty {
            let names = state.groups.map { "\($0.name) (\($0.attackID))" }.joined(separator: ", ")
            parts.append("<strong id=\"highlight-count\">\(view.groupUse.count)</strong> techniques used by \(esc(names))")
        }
        if let snapshot = state.snapshot {
            let labels = state.snapshotLabels.map { " <span class=\"labels\" id=\"snapshot-labels\">(\(esc($0.repository)) · \(esc($0.branch)) · \(esc(String($0.commit.prefix(12)))))</span>" } ?? ""
            parts.append("coverage snapshot \(state.snapshotID ?? 0)\(labels)\(state.groups.isEmpty ? "" : ", all techniques"): " + CoverageState.allCases.map {
                "<span id=\"count-\($0.rawValue)\">\(snapshot.count($0))</span> \($0.label)"
            }.joined(separator: ", "))
        }
        var out = "<p class=\"summary\" id=\"summary\" aria-live=\"polite\">\(esc(view.kb.title))"
        if !parts.isEmpty { out += " · " + parts.joined(separator: " · ") }
        out += "</p>"
        if let study { out += exposure(study, snapshotID: state.snapshotID ?? 0) }
        out += "<p class=\"legend\" aria-hidden=\"true\">"
        if view.focused {
            out += CoverageState.allCases.map { "<span class=\"cell \($0.rawValue)\"><span class=\"st\">\(MatrixView.tag($0))</span>used, \($0.label)</span>" }.joined()
            out += "<span class=\"cell other\">not used by \(state.groups.count > 1 ? "these groups" : "the group")</span>"
        } else {
            if !state.groups.isEmpty { out += "<span class=\"cell hl\">used</span>" }
            if state.groups.count > 1 { out += "<span class=\"cell hl hl2\">used by several</span>" }
            if state.snapshot != nil {
                out += CoverageState.allCases.map { "<span class=\"cell \($0.rawValue)\">\($0.label)</span>" }.joined()
            }
        }
        out += "<span class=\"cell uploaded\" id=\"legend-uploaded\" hidden>in the opened layer</span></p>"
        return out
    }

    /// Each chosen group's techniques by state, and all of them together when there are
    /// several: "which of APT29's techniques do we catch, log, miss".
    static func exposure(_ study: ThreatCoverage, snapshotID: Int64) -> String {
        var rows = study.exposures
        if rows.count > 1 { rows.append(study.totalExposure) }
        var out = "<table class=\"exposure\" id=\"exposure\"><caption>The chosen groups' techniques in snapshot \(snapshotID)</caption>"
        out += "<thead><tr><th scope=\"col\">Group</th><th scope=\"col\">Techniques</th>"
        out += CoverageState.allCases.map { "<th scope=\"col\" class=\"\($0.rawValue)\">\($0.label) (\(MatrixView.tag($0)))</th>" }.joined()
        out += "</tr></thead><tbody>"
        for e in rows {
            let key = e.group?.attackID ?? "all"
            out += "<tr><th scope=\"row\">\(esc(e.group?.label ?? "Together"))</th><td id=\"exposure-\(esc(key))-techniques\">\(e.techniques)</td>"
            out += CoverageState.allCases.map { s in
                "<td><span id=\"exposure-\(esc(key))-\(s.rawValue)\">\(e.counts.count(s))</span> <span class=\"meta\">(\(String(format: "%.0f", e.percent(s)))%)</span></td>"
            }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }
}
