import ATTACK
import Coverage
import Foundation
import HTTPTypes
import Hummingbird
import Output
import Reports

/// The web app's documents: a group's profile report, the executive coverage report of a stored
/// snapshot for the chosen groups (the same document `ttpkit report coverage` writes), and the
/// diff between two stored snapshots.
extension WebRoutes {
    func registerReports(on router: Router<BasicRequestContext>) {
        router.get("/ui/report") { request, _ in
            let state = try await self.state(request)
            guard let group = state.groups.first else { throw APIError.badRequest("group: choose a group for its report") }
            return Self.document(HTMLWriter.page(GroupProfileReport.document(
                GroupProfileReport.Input(group: group, knowledgeBase: state.release.knowledgeBase, galaxy: self.data.galaxy))))
        }
        router.get("/ui/executive") { request, _ in
            let state = try await self.state(request)
            guard let snapshot = state.snapshot else { throw APIError.badRequest("coverage: choose a stored coverage snapshot for the report") }
            guard !state.groups.isEmpty else { throw APIError.badRequest("groups: choose the threat groups the report is about") }
            let study = try AnalysisRoutes.Study(result: snapshot, kb: state.release.knowledgeBase,
                                                 criterion: .named(state.groups.map(\.attackID)))
            return Self.document(HTMLWriter.page(study.report(title: "Detection coverage report: snapshot \(state.snapshotID ?? 0)")))
        }
        router.get("/ui/history/diff") { request, _ in try await self.diffPage(request) }
    }

    /// `/ui/history/diff?from=ID&to=ID`: what changed between two snapshots, by tactic and by
    /// technique (the answer of `/api/coverage/diff`, as a page).
    private func diffPage(_ request: Request) async throws -> Response {
        let state = try await self.state(request)
        guard let store else { throw APIError.notFound("this server keeps no coverage history") }
        let q = (try Query(request))
        guard let from = q["from"], let to = q["to"] else { throw APIError.badRequest("from and to: expected two snapshot ids") }
        let routes = CoverageRoutes(data: data, store: store, bodyLimit: bodyLimit)
        let (diff, tactics) = try await routes.diff(from: String(from), to: String(to))
        let kb = state.release.knowledgeBase
        var body = WebPage.header(data: data, state: state)
        body += "<section class=\"history\"><h2>Coverage diff: \(esc(diff.oldSource)) → \(esc(diff.newSource))</h2>"
        body += "<p class=\"summary\" id=\"diff-summary\">Detected \(diff.detectedBefore) → \(diff.detectedAfter) of \(diff.techniques) techniques; "
        body += CoverageDiff.Kind.allCases.map { "\(esc(Self.label($0))) \(diff.changes($0).count)" }.joined(separator: ", ") + ".</p>"
        body += "<table class=\"diff\"><caption>By tactic</caption><thead><tr><th scope=\"col\">Tactic</th><th scope=\"col\">Detected</th>"
        body += "<th scope=\"col\">Gained</th><th scope=\"col\">Lost</th><th scope=\"col\">Blind → Logged</th><th scope=\"col\">Logged → Blind</th></tr></thead><tbody>"
        for row in diff.byTactic(tactics) {
            body += "<tr><th scope=\"row\">\(esc(kb.tactic(shortname: row.tactic)?.name ?? row.tactic))</th>"
            let gained = row.count(.gained), lost = row.count(.lost)
            body += "<td>\(row.detectedBefore) → \(row.detectedAfter)</td><td\(gained > 0 ? " class=\"gained\"" : "")>\(gained > 0 ? "+\(gained)" : "0")</td>"
            body += "<td\(lost > 0 ? " class=\"lost\"" : "")>\(lost > 0 ? "−\(lost)" : "0")</td><td>\(row.count(.improved))</td><td>\(row.count(.worsened))</td></tr>"
        }
        body += "</tbody></table>"
        if diff.changes.isEmpty {
            body += "<p class=\"none\">No technique changed state.</p>"
        } else {
            body += "<table class=\"diff\" id=\"diff-changes\"><caption>Techniques that changed (\(diff.changes.count))</caption><thead><tr>"
            body += "<th scope=\"col\">Technique</th><th scope=\"col\">Name</th><th scope=\"col\">Change</th><th scope=\"col\">State</th></tr></thead><tbody>"
            for change in diff.changes {
                let kind = change.kind
                body += "<tr><td><button type=\"button\" class=\"link\" data-id=\"\(esc(change.techniqueID))\">\(esc(change.techniqueID))</button></td>"
                body += "<td>\(esc(change.name))</td><td class=\"\(kind == .gained || kind == .improved ? "gained" : kind == .lost || kind == .worsened ? "lost" : "")\">\(esc(Self.label(kind)))</td>"
                body += "<td>\(esc(change.old?.rawValue ?? "absent")) → \(esc(change.new?.rawValue ?? "absent"))</td></tr>"
            }
            body += "</tbody></table>"
        }
        body += "<p><a href=\"\(esc(state.link(groups: [], path: "/ui/history")))\">Back to the history</a> · "
        body += "<a href=\"/api/coverage/diff?from=\(esc(String(from)))&amp;to=\(esc(String(to)))\">This diff as JSON</a></p></section>"
        body += WebPage.panel
        return Self.html(WebPage.shell(title: "ttpkit · coverage diff", body: body, state: state))
    }

    static func label(_ kind: CoverageDiff.Kind) -> String {
        switch kind {
        case .gained: "gained (now Detected)"
        case .lost: "lost (no longer Detected)"
        case .improved: "Blind → Logged"
        case .worsened: "Logged → Blind"
        case .added: "added"
        case .removed: "removed"
        }
    }

    /// A document page (``HTMLPage``) with its own policy as the Content-Security-Policy header:
    /// its inline stylesheet is allowed by hash, nothing else runs or loads.
    static func document(_ page: HTMLPage) -> Response {
        var headers = securityHeaders
        headers[.contentSecurityPolicy] = page.contentSecurityPolicy + "; frame-ancestors 'none'"
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: page.render())))
    }
}
