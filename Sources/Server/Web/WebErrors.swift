import ATTACK
import HTTPTypes
import Hummingbird

/// Turns the errors of the web app's pages (a form asking for an unknown group, a snapshot that
/// does not exist, a page that needs a token) into an HTML page inside the app's shell: what
/// went wrong in a sentence and where to go from there, with the error's status and headers
/// (a 401 keeps its basic challenge, so the browser asks for the token). The JSON API, TAXII,
/// the health checks and the script's own JSON requests keep their JSON errors.
struct WebErrorPages<Context: RequestContext>: RouterMiddleware {
    let data: ServerData

    /// Whether a path is one of the app's pages (not the API, TAXII, health or a script call).
    static func isPage(_ path: String) -> Bool {
        for prefix in ["/api/", "/taxii2", "/healthz", "/readyz", "/ui/layer-techniques", "/ui/panel/", "/ui/app."] where path.hasPrefix(prefix) {
            return false
        }
        return path != "/api"
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as APIError where Self.isPage(request.uri.path) {
            guard let release = (try? Query(request)).flatMap({ try? APIRoutes.release($0, in: data) }) ?? (try? data.release(nil, version: nil)) else {
                throw error
            }
            var response = WebRoutes.html(Self.page(error, state: WebState(release: release, groups: [], snapshot: nil, snapshotID: nil), data: data),
                                          status: error.status)
            for field in error.headers where field.name != .contentType { response.headers[field.name] = field.value }
            if error.status == .unauthorized {
                for challenge in error.challenges.isEmpty ? ["Bearer realm=\"ttpkit\""] : error.challenges {
                    response.headers.append(HTTPField(name: .wwwAuthenticate, value: challenge))
                }
            }
            return response
        }
    }

    /// The page: a heading naming the kind of problem, the server's message, and next steps.
    static func page(_ error: APIError, state: WebState, data: ServerData) -> String {
        let (title, advice): (String, String) = switch error.status {
        case .badRequest: ("That request could not be answered", "Check what the form asked for: a group by name, alias or ID (APT29, G0016), a snapshot by its number.")
        case .notFound: ("Not found", "It may be in another release or domain, or the snapshot may not exist: the history lists the stored ones.")
        case .unauthorized: ("A token is needed", "Coverage data on this server is read with a token: reload and give the read token as the password (any user name).")
        case .forbidden: ("Not allowed", "This server does not allow that.")
        case .serviceUnavailable: ("Busy or unavailable", "The server or its database could not answer now; try again in a few seconds.")
        default: ("Something went wrong", "The server could not answer this request.")
        }
        var body = WebPage.header(data: data, state: state)
        body += "<section class=\"error\" aria-labelledby=\"error-title\"><h2 id=\"error-title\">\(esc(title))</h2>"
        body += "<p class=\"message\" id=\"error-message\">\(esc(error.message))</p><p>\(esc(advice))</p>"
        body += "<p><a href=\"\(esc(state.link()))\">Back to the matrix</a> · <a href=\"\(esc(state.link(path: "/ui/history")))\">Coverage history</a></p>"
        body += "<p class=\"meta\">HTTP \(error.status.code) \(esc(error.status.reasonPhrase))</p></section>"
        return WebPage.shell(title: "ttpkit · \(title)", body: body, state: state, footer: false)
    }
}
