import Answers
import ATTACK
import Coverage
import Foundation
import HTTPTypes
import Hummingbird
import Navigator
import Output
import Reports
import STIX

/// The web app: server-rendered pages with a little vanilla JavaScript, every asset compiled
/// into the binary (``WebAssets``), a strict Content-Security-Policy, and everything from data
/// or uploads HTML-escaped.
struct WebRoutes: Sendable {
    let data: ServerData
    let store: (any CoverageHistoryStore)?
    let bodyLimit: Int

    func register(on router: Router<BasicRequestContext>) {
        router.get("/") { request, _ in try await self.page(request) }
        router.get("/ui/app.css") { _, _ in Self.asset(WebAssets.css, type: "text/css; charset=utf-8") }
        router.get("/ui/app.js") { _, _ in Self.asset(WebAssets.javascript, type: "text/javascript; charset=utf-8") }
        router.get("/ui/panel/:id") { request, context in
            let state = try await self.state(request)
            let resolution = try APIRoutes.resolve(try APIRoutes.pathParameter(context, "id"), .technique, state.release.knowledgeBase)
            let entry = state.snapshot?.technique(resolution.object.attackID)
            return Self.html(TechniquePanel.html(resolution.object, kb: state.release.knowledgeBase, groups: state.groups, entry: entry))
        }
        router.get("/ui/layer.json") { request, _ in
            let layer = try await self.layer(request)
            return Self.download(Data(LayerFile.serialize([layer]).utf8), type: "application/json", name: "layer.json")
        }
        router.get("/ui/render") { request, _ in
            let format = (try Query(request))["format"].flatMap { RenderFormat(fileExtension: String($0)) }
            guard let format, format == .svg || format == .xlsx else { throw APIError.badRequest("format: expected svg or xlsx") }
            let state = try await self.state(request)
            let layer = try await self.layer(request)
            let bytes: Data
            do { bytes = try LayerRenderer.render([layer], as: format, matrix: MatrixIndex(state.release.knowledgeBase)) } catch {
                throw APIError(status: .internalServerError, message: "\(error)")
            }
            return format == .svg
                ? Self.download(bytes, type: "image/svg+xml", name: "layer.svg")
                : Self.download(bytes, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "layer.xlsx")
        }
        router.post("/ui/layer-techniques") { request, _ in
            var request = request
            let body = try await request.collectBody(upTo: bodyLimit)
            let name = (try Query(request))["name"].map { String($0).filter { $0.isLetter || $0.isNumber || "._-".contains($0) } } ?? "layer.json"
            let document: LayerDocument
            do throws(LayerError) { document = try LayerFile.parse(Data(buffer: body), source: name.isEmpty ? "layer.json" : name) } catch {
                throw APIError.badRequest(error.description)
            }
            let ids = Set(ObservedInput.techniques(in: document.layers).map { $0.uppercased() })
            return APIRoutes.json(.object(JSONObject([
                ("name", .string(document.layers.first?.name ?? name)),
                ("techniques", .array(ids.sorted().map(JSONValue.string))),
            ])))
        }
        registerHistory(on: router)
        registerReports(on: router)
        registerObjects(on: router)
    }

    // MARK: Pages

    private func page(_ request: Request) async throws -> Response {
        let state = try await self.state(request)
        let kb = state.release.knowledgeBase
        let view = MatrixView(release: state.release, groups: state.groups,
                              states: state.snapshot.map { Dictionary($0.techniques.map { ($0.techniqueID, $0.state) }, uniquingKeysWith: { a, _ in a }) })
        var body = WebPage.header(data: data, state: state)
        if let q = (try Query(request))["q"], !q.trimmingCharacters(in: .whitespaces).isEmpty {
            let hits = (try? Questions.search(String(q.prefix(200)), limit: 20, in: kb))?.value ?? []
            body += "<section class=\"results\" aria-label=\"Search results\"><h2>Search: \(esc(q))</h2><ul>"
            for hit in hits {
                let o = hit.object
                if o.kind == .group {
                    body += "<li><a href=\"\(esc(state.link(groups: [o.attackID])))\">\(esc(o.attackID)) \(esc(o.name))</a> <span class=\"meta\">group</span></li>"
                } else if o.kind == .software {
                    body += "<li><a href=\"\(esc(state.link(groups: [], path: "/ui/software/" + o.attackID)))\">\(esc(o.attackID)) \(esc(o.name))</a> <span class=\"meta\">\(esc(o.kind.displayName))</span></li>"
                } else if o.kind == .technique {
                    body += "<li><button type=\"button\" class=\"link\" data-id=\"\(esc(o.attackID))\">\(esc(o.attackID)) \(esc(o.name))</button> <span class=\"meta\">technique</span></li>"
                } else {
                    body += "<li>\(esc(o.attackID)) \(esc(o.name)) <span class=\"meta\">\(esc(o.kind.displayName))</span></li>"
                }
            }
            if hits.isEmpty { body += "<li class=\"none\">No matches.</li>" }
            body += "</ul></section>"
        }
        if let observed = (try Query(request))["similar"], !observed.trimmingCharacters(in: .whitespaces).isEmpty {
            let observedInput = ObservedInput(techniques: Array(ObservedInput.items(String(observed.prefix(4000))).prefix(500)))
            let matches = (try? Questions.similar(observedInput, in: kb))?.value.matches ?? []
            body += "<section class=\"results\" aria-label=\"Similar groups\"><h2>Who does this look like</h2>"
            body += "<p class=\"meta\">A lead, not attribution: groups share tools and tradecraft, and ATT&amp;CK holds only what was published.</p><ol>"
            for m in matches {
                body += "<li><a href=\"\(esc(state.link(groups: [m.object.attackID])))\">\(esc(m.object.attackID)) \(esc(m.object.name))</a> "
                    + "<span class=\"meta\">score \(String(format: "%.3f", m.score)), \(m.sharedTechniques.count) shared</span></li>"
            }
            if matches.isEmpty { body += "<li class=\"none\">No group shares these techniques.</li>" }
            body += "</ol></section>"
        }
        var study: ThreatCoverage?
        if let snapshot = state.snapshot, !state.groups.isEmpty {
            study = try AnalysisRoutes.Study(result: snapshot, kb: kb, criterion: .named(state.groups.map(\.attackID))).threats
        }
        body += WebPage.summary(view: view, state: state, study: study)
        body += view.html()
        body += WebPage.panel
        return Self.html(WebPage.shell(title: "ttpkit · \(kb.title)", body: body, state: state))
    }

    // MARK: State

    /// What a request asks to see: release, groups, coverage snapshot.
    func state(_ request: Request) async throws -> WebState {
        let q = try Query(request)
        let release = try APIRoutes.release(q, in: data)
        let kb = release.knowledgeBase
        var groups: [AttackObject] = []
        for name in ObservedInput.commaSeparated(q["groups"] ?? q["group"] ?? "").prefix(10) {
            groups.append(try APIRoutes.resolve(name, .group, kb).object)
        }
        var snapshot: CoverageResult?
        var snapshotID: Int64?
        var labels: SnapshotLabels?
        if let text = q["coverage"], !text.isEmpty {
            guard let id = Int64(text), let store else { throw APIError.badRequest("coverage: expected a stored snapshot id") }
            guard let stored = try await store.snapshot(id: id) else { throw APIError.notFound("no coverage snapshot \(id)") }
            do throws(CoverageInputError) {
                snapshot = try CoverageDocument.parse(Data(stored.document.utf8), source: "snapshot \(id)", knowledgeBase: nil).aligned(to: kb)
            } catch {
                throw APIError.badRequest(error.description)
            }
            snapshotID = id
            labels = stored.summary.labels
        }
        return WebState(release: release, groups: groups, snapshot: snapshot, snapshotID: snapshotID, snapshotLabels: labels)
    }

    private func layer(_ request: Request) async throws -> Layer {
        let state = try await self.state(request)
        guard !state.groups.isEmpty else { throw APIError.badRequest("groups: choose one or more groups for the layer") }
        let generator = LayerGenerator(kb: state.release.knowledgeBase)
        do {
            return (state.groups.count == 1 ? try generator.group(state.groups[0]) : try generator.overlap(state.groups)).layer
        } catch {
            throw APIError.badRequest(error.description)
        }
    }

    // MARK: Responses

    static let securityHeaders: HTTPFields = [
        .contentSecurityPolicy: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        .xContentTypeOptions: "nosniff",
        .referrerPolicy: "no-referrer",
    ]

    /// An HTML page under the app's policy; `style`: the page's inline stylesheet, admitted by
    /// its hash (and nothing else inline).
    static func html(_ text: String, status: HTTPResponse.Status = .ok, style: String? = nil) -> Response {
        var headers = securityHeaders
        if let style { headers[.contentSecurityPolicy] = policy(styleHash: HTMLPage.hashSource(style)) }
        headers[.contentType] = "text/html; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// The app's policy with one inline stylesheet allowed by hash: nothing by default, the
    /// app's own script, stylesheet, icon and fetches.
    static func policy(styleHash: String) -> String {
        "default-src 'none'; script-src 'self'; style-src 'self' \(styleHash); img-src 'self' data:; connect-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    static func asset(_ text: String, type: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = type
        headers[.cacheControl] = "public, max-age=3600"
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func download(_ data: Data, type: String, name: String) -> Response {
        var headers = securityHeaders
        headers[.contentType] = type
        headers[.contentDisposition] = "attachment; filename=\"\(name)\""
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// The choices a page was asked for, and links that keep them.
struct WebState {
    let release: LoadedRelease
    let groups: [AttackObject]
    let snapshot: CoverageResult?
    let snapshotID: Int64?
    /// The shown snapshot's repository, branch and commit.
    var snapshotLabels: SnapshotLabels? = nil

    /// The page URL with the same release and coverage and other groups.
    func link(groups names: [String]? = nil, path: String = "/") -> String {
        var items = [("domain", release.domain.shortName), ("version", release.version)]
        let chosen = names ?? groups.map(\.attackID)
        if !chosen.isEmpty { items.append(("groups", chosen.joined(separator: ","))) }
        if let snapshotID { items.append(("coverage", String(snapshotID))) }
        var components = URLComponents()
        components.path = path
        components.queryItems = items.map { URLQueryItem(name: $0.0, value: $0.1) }
        return components.string ?? path
    }
}

// A constant, valid header token.
extension HTTPField.Name {
    static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
