import ATTACK
import Coverage
import Foundation
import Hummingbird
import Navigator

/// `/ui/history?domain=`: the stored snapshots of one domain — their labels, a dated chart per
/// tactic with each snapshot's values on hover, the same numbers as tables (for keyboards and
/// screen readers), and the diff form.
extension WebRoutes {
    func registerHistory(on router: Router<BasicRequestContext>) {
        router.get("/ui/history") { request, _ in try await self.history(request) }
    }

    private func history(_ request: Request) async throws -> Response {
        let state = try await self.state(request)
        guard let store else { throw APIError.notFound("this server keeps no coverage history") }
        let q = (try Query(request))
        let domain = state.release.domain
        let snapshots = try await store.history(
            repository: try CoverageRoutes.label(q["repository"], "repository", required: false),
            branch: try CoverageRoutes.label(q["branch"], "branch", required: false), limit: 200)
            .filter { $0.domain == domain.rawValue }
        var body = WebPage.header(data: data, state: state)
        body += "<section class=\"history\" aria-labelledby=\"history-title\"><h2 id=\"history-title\">Coverage history: \(esc(domain.displayName))</h2>"
        let others = AttackDomain.allCases.filter { $0 != domain && data.newest($0) != nil }
        if !others.isEmpty {
            body += "<p class=\"meta\">Other domains: " + others.map { d in
                "<a href=\"/ui/history?domain=\(esc(d.shortName))\">\(esc(d.displayName))</a>"
            }.joined(separator: " · ") + "</p>"
        }
        if snapshots.isEmpty {
            body += "<p class=\"none\">No \(esc(domain.displayName)) snapshots yet: push one with <code>ttpkit coverage push</code>.</p>"
        } else {
            body += HistoryView.snapshotTable(snapshots, state: state)
            if snapshots.count >= 2, let a = snapshots.dropLast().last, let b = snapshots.last {
                body += WebPage.diffForm(snapshots: snapshots, from: a.id, to: b.id, state: state)
            }
            body += HistoryView.charts(snapshots, names: tacticNames(domain: domain, kb: state.release.knowledgeBase))
        }
        body += "</section>"
        return Self.html(WebPage.shell(title: "ttpkit · coverage history · \(domain.displayName)", body: body, state: state))
    }

    /// Tactic shortname → name and matrix position, from the release shown, then the other
    /// loaded releases of its domain (a snapshot may name a tactic the shown release lacks).
    private func tacticNames(domain: AttackDomain, kb: KnowledgeBase) -> HistoryView.TacticNames {
        var names = HistoryView.TacticNames()
        for release in [kb] + data.releases.filter({ $0.domain == domain }).map(\.knowledgeBase) {
            for tactic in MatrixIndex(release).tactics where names.name[tactic.shortname] == nil {
                names.name[tactic.shortname] = tactic.name
                names.order.append(tactic.shortname)
            }
        }
        return names
    }
}

/// The history's parts as HTML.
enum HistoryView {
    /// Tactic names by shortname, in matrix order.
    struct TacticNames {
        var name: [String: String] = [:]
        var order: [String] = []

        /// The tactic's name; an unknown shortname is spelled as a name (`command-and-control` →
        /// `Command and Control`), never shown raw.
        func callName(_ shortname: String) -> String {
            if let known = name[shortname] { return known }
            return shortname.split(separator: "-").enumerated().map { i, word in
                i > 0 && ["and", "of", "the", "or"].contains(word) ? String(word) : word.prefix(1).uppercased() + word.dropFirst()
            }.joined(separator: " ")
        }
    }

    /// `2026-12-07 11:26` from an ISO 8601 time (`seconds`: `2026-12-07 11:26:05`).
    static func when(_ iso: String, seconds: Bool = false) -> String {
        let chars = Array(iso)
        guard chars.count >= (seconds ? 19 : 16) else { return iso }
        return String(chars[0..<10]) + " " + String(chars[11..<(seconds ? 19 : 16)])
    }

    /// Each snapshot with its labels, newest first, linked to its matrix.
    static func snapshotTable(_ snapshots: [SnapshotSummary], state: WebState) -> String {
        var out = "<table class=\"diff snapshots\" id=\"snapshots\"><caption>Snapshots (\(snapshots.count)), newest first</caption><thead><tr>"
        out += ["Snapshot", "Received (UTC)", "Repository", "Branch", "Commit", "ATT&amp;CK"].map { "<th scope=\"col\">\($0)</th>" }.joined()
        out += "</tr></thead><tbody>"
        for s in snapshots.reversed() {
            let matrix = "/?domain=\(state.release.domain.shortName)&coverage=\(s.id)"
            out += "<tr><th scope=\"row\"><a href=\"\(esc(matrix))\">\(s.id)</a></th><td>\(esc(when(s.receivedAt)))</td>"
            out += "<td>\(esc(s.labels.repository))</td><td>\(esc(s.labels.branch))</td>"
            out += "<td><code title=\"\(esc(s.labels.commit))\">\(esc(String(s.labels.commit.prefix(12))))</code></td><td>\(esc(s.attackVersion))</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// How each state's line is drawn: the palette's colour and a dash pattern, so that the
    /// lines differ without colour too.
    static func dash(_ state: CoverageState) -> String {
        switch state {
        case .detected: ""
        case .logged: " stroke-dasharray=\"6 3\""
        case .blind: " stroke-dasharray=\"2 2\""
        }
    }

    /// A chart per tactic and, in a disclosure, a table per tactic with the same numbers.
    static func charts(_ snapshots: [SnapshotSummary], names: TacticNames) -> String {
        var seen = Set<String>()
        var tactics = names.order.filter { t in snapshots.contains { $0.tactics.contains { $0.tactic == t } } }
        for s in snapshots { for t in s.tactics where !names.order.contains(t.tactic) && seen.insert(t.tactic).inserted { tactics.append(t.tactic) } }
        var out = "<p class=\"meta history-legend\">Per tactic, techniques in each state; hover a snapshot for its values. "
        out += CoverageState.allCases.map { s in
            "<svg class=\"key\" width=\"26\" height=\"10\" aria-hidden=\"true\"><line x1=\"1\" y1=\"5\" x2=\"25\" y2=\"5\" stroke=\"\(s.color)\" stroke-width=\"3\"\(dash(s))/></svg> \(s.label)"
        }.joined(separator: " ") + "</p>"
        out += "<details class=\"history-tables\" id=\"history-tables\"><summary>The same numbers as tables</summary>"
        for tactic in tactics { out += table(tactic: tactic, name: names.callName(tactic), snapshots: snapshots) }
        out += "</details><div class=\"charts\">"
        for tactic in tactics { out += chart(tactic: tactic, name: names.callName(tactic), snapshots: snapshots) }
        return out + "</div>"
    }

    static func table(tactic: String, name: String, snapshots: [SnapshotSummary]) -> String {
        var out = "<table class=\"diff\"><caption>\(esc(name))</caption><thead><tr><th scope=\"col\">Snapshot</th>"
        out += CoverageState.allCases.map { "<th scope=\"col\">\($0.label)</th>" }.joined() + "</tr></thead><tbody>"
        for s in snapshots {
            let row = s.tactics.first { $0.tactic == tactic }
            out += "<tr><th scope=\"row\">\(s.id) · \(esc(when(s.receivedAt)))</th><td>\(row?.detected ?? 0)</td><td>\(row?.logged ?? 0)</td><td>\(row?.blind ?? 0)</td></tr>"
        }
        return out + "</tbody></table>"
    }

    /// One tactic's chart: a time axis with the first and last dates (and times when they share
    /// a day), a count axis from 0, a line per state, and per snapshot a band whose title holds
    /// its values.
    static func chart(tactic: String, name: String, snapshots: [SnapshotSummary]) -> String {
        let width = 300.0, height = 150.0, left = 34.0, right = 10.0, top = 10.0, bottom = 26.0
        let rows = snapshots.map { s in s.tactics.first { $0.tactic == tactic } }
        func value(_ row: TacticCounts?, _ state: CoverageState) -> Int {
            switch state {
            case .detected: row?.detected ?? 0
            case .logged: row?.logged ?? 0
            case .blind: row?.blind ?? 0
            }
        }
        let maxValue = max(1, rows.map { r in CoverageState.allCases.map { value(r, $0) }.max() ?? 0 }.max() ?? 1)
        let formatter = ISO8601DateFormatter()
        let times = snapshots.map { formatter.date(from: $0.receivedAt)?.timeIntervalSince1970 }
        let known = times.compactMap { $0 }
        let span = (known.max() ?? 0) - (known.min() ?? 0)
        func x(_ i: Int) -> Double {
            let plot = width - left - right
            if snapshots.count == 1 { return left + plot / 2 }
            if span > 0, known.count == times.count, let t = times[i], let t0 = known.min() { return left + (t - t0) / span * plot }
            return left + Double(i) / Double(snapshots.count - 1) * plot
        }
        func y(_ v: Int) -> Double { height - bottom - Double(v) / Double(maxValue) * (height - top - bottom) }
        func f(_ d: Double) -> String { String(format: "%.1f", d) }
        let last = rows.last.flatMap { $0 }
        var out = "<figure class=\"chart\"><figcaption><strong>\(esc(name))</strong> <span class=\"meta\">now: "
        out += CoverageState.allCases.map { "\(value(last, $0)) \($0.label)" }.joined(separator: " · ") + "</span></figcaption>"
        out += "<svg viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(esc(name)): Detected, Logged and Blind over \(snapshots.count) snapshots (the table above has the numbers)\">"
        out += "<rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(width - left - right))\" height=\"\(f(height - top - bottom))\" fill=\"#ffffff\" stroke=\"#d0d7de\"/>"
        // Count axis: 0, half and the top, with grid lines.
        for v in Set([0, maxValue / 2, maxValue]).sorted() {
            out += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(y(v)))\" y2=\"\(f(y(v)))\" stroke=\"#eaeef2\"/>"
            out += "<text x=\"\(f(left - 4))\" y=\"\(f(y(v) + 3))\" text-anchor=\"end\" class=\"axis\">\(v)</text>"
        }
        // Time axis: first and last snapshot (the date, or the time when both fall on one day).
        let firstWhen = when(snapshots.first?.receivedAt ?? ""), lastWhen = when(snapshots.last?.receivedAt ?? "")
        let sameDay = firstWhen.prefix(10) == lastWhen.prefix(10), sameMinute = firstWhen == lastWhen && snapshots.count > 1
        func tick(_ iso: String) -> String {
            sameMinute ? String(when(iso, seconds: true).suffix(8)) : sameDay ? String(when(iso).suffix(5)) : String(iso.prefix(10))
        }
        let ends = snapshots.count == 1 ? [(0, "middle")] : [(0, "start"), (snapshots.count - 1, "end")]
        for (i, anchor) in ends {
            out += "<text x=\"\(f(x(i)))\" y=\"\(f(height - bottom + 13))\" text-anchor=\"\(anchor)\" class=\"axis\">\(esc(tick(snapshots[i].receivedAt)))</text>"
        }
        if sameDay { out += "<text x=\"\(f(left + (width - left - right) / 2))\" y=\"\(f(height - 2))\" text-anchor=\"middle\" class=\"axis\">\(esc(String(firstWhen.prefix(10)))) (UTC)</text>" }
        for state in CoverageState.allCases {
            let points = rows.indices.map { "\(f(x($0))),\(f(y(value(rows[$0], state))))" }.joined(separator: " ")
            out += "<polyline fill=\"none\" stroke=\"\(state.color)\" stroke-width=\"2.5\"\(dash(state)) points=\"\(points)\"/>"
            out += rows.indices.map { "<circle cx=\"\(f(x($0)))\" cy=\"\(f(y(value(rows[$0], state))))\" r=\"3\" fill=\"\(state.color)\" stroke=\"#1f2328\" stroke-width=\"0.8\"/>" }.joined()
        }
        // A band per snapshot, its title the values (shown on hover).
        for i in rows.indices {
            let half = snapshots.count == 1 ? (width - left - right) / 2 : (width - left - right) / Double(snapshots.count - 1) / 2
            let x0 = max(left, x(i) - half), x1 = min(width - right, x(i) + half)
            let values = CoverageState.allCases.map { "\($0.label) \(value(rows[i], $0))" }.joined(separator: ", ")
            out += "<rect class=\"hover\" x=\"\(f(x0))\" y=\"\(f(top))\" width=\"\(f(max(1, x1 - x0)))\" height=\"\(f(height - top - bottom))\" fill=\"transparent\">"
            out += "<title>\(esc(name)), snapshot \(snapshots[i].id), \(esc(when(snapshots[i].receivedAt))) UTC: \(values)</title></rect>"
        }
        return out + "</svg></figure>"
    }
}
