import HTTPTypes
import Hummingbird

/// Who may read and write, from the tokens `ttpkit serve` was started with.
///
/// - **Writes** (storing a coverage snapshot) need the write token as
///   `Authorization: Bearer TOKEN` — never HTTP basic, which a browser caches and replays on
///   its own — with a JSON body (`application/json` or ``coverageMediaType``: a cross-site
///   HTML form cannot send either without a CORS preflight this server never grants), and are
///   refused when the browser says the request is cross-site (`Sec-Fetch-Site`).
/// - **Coverage reads** (history, snapshots, diffs, anything asked with `coverage=ID`, the
///   history pages) need the read or the write token, as bearer or HTTP basic (so a browser
///   can ask for it), whenever a token is configured, unless ``ServerOptions/publicReads``.
/// - **TAXII** needs the read or the write token with ``ServerOptions/taxiiAuthentication``.
/// - Everything else (ATT&CK itself, the analyses of a posted file) is public.
struct AccessPolicy: Sendable {
    /// The token writes need; nil: the server is read-only.
    let writeToken: String?
    /// Tokens that read: the read token and the write token.
    let readTokens: [String]
    let publicReads: Bool
    let taxiiAuthentication: Bool

    /// The media type of a coverage file, accepted beside `application/json` on a push.
    static let coverageMediaType = "application/vnd.ttpkit.coverage+json"

    init(options: ServerOptions) {
        writeToken = options.token
        readTokens = [options.token, options.readToken].compactMap { $0 }
        publicReads = options.publicReads
        taxiiAuthentication = options.taxiiAuthentication
    }

    /// Whether coverage data needs a token to be read.
    var protectsCoverageReads: Bool { !publicReads && !readTokens.isEmpty }

    /// Whether TAXII needs a token.
    var protectsTAXII: Bool { taxiiAuthentication && !readTokens.isEmpty }

    /// Whether a request presents a token that reads (bearer or basic).
    func presentsReadToken(_ request: Request) -> Bool {
        Credentials.matches(request.headers[.authorization], anyOf: readTokens, schemes: [.bearer, .basic])
    }

    /// Refuses a write that is not the write token's, not JSON, or cross-site.
    func checkWrite(_ request: Request) throws {
        guard let writeToken else {
            throw APIError(status: .forbidden, message: "this server is read-only: start it with --token-file to accept coverage pushes")
        }
        if request.headers[.secFetchSite]?.lowercased() == "cross-site" {
            throw APIError(status: .forbidden, message: "a cross-site request cannot write to this server")
        }
        guard Credentials.matches(request.headers[.authorization], anyOf: [writeToken], schemes: [.bearer]) else {
            throw APIError(status: .unauthorized, message: "a coverage push needs `Authorization: Bearer TOKEN` (the write token)")
        }
        let type = request.headers[.contentType]?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased()
        guard type == "application/json" || type == Self.coverageMediaType else {
            throw APIError(status: .unsupportedMediaType,
                           message: "a coverage push needs `Content-Type: application/json` (got \(type.map { "`\($0.prefix(100))`" } ?? "none"))")
        }
    }

    /// Refuses a read of coverage data without a token that reads, when one is needed.
    func checkCoverageRead(_ request: Request) throws {
        guard protectsCoverageReads, !presentsReadToken(request) else { return }
        throw APIError(status: .unauthorized, message: "coverage data on this server needs a token: `Authorization: Bearer TOKEN` (or HTTP basic, any user, the token as password)",
                       challenges: ["Basic realm=\"ttpkit\", charset=\"UTF-8\"", "Bearer realm=\"ttpkit\""])
    }

    /// Whether a request reads stored coverage data: the history API, the history pages, or
    /// any read naming a stored snapshot (`coverage=ID`: gaps, reports, layers, the web app).
    static func readsCoverage(_ request: Request) -> Bool {
        guard request.method == .get || request.method == .head else { return false }
        let path = request.uri.path
        if path.hasPrefix("/api/coverage/") || path == "/api/coverage" || path.hasPrefix("/ui/history") { return true }
        // Read the query the way the routes do (``Query``: escapes in keys, repeated keys), and
        // protect a query that does not decode: the route refuses it, but not before this check.
        guard let query = try? Query(request) else { return true }
        if let id = query["coverage"], !id.isEmpty { return true }
        return false
    }

    /// Whether a request stores coverage (`POST /api/coverage`).
    static func writesCoverage(_ request: Request) -> Bool {
        request.method == .post && (request.uri.path == "/api/coverage" || request.uri.path == "/api/coverage/")
    }
}

/// Applies the ``AccessPolicy`` before any route runs, so that no coverage route can forget it.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: AccessPolicy

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if AccessPolicy.writesCoverage(request) {
            try policy.checkWrite(request)
        } else if AccessPolicy.readsCoverage(request) {
            try policy.checkCoverageRead(request)
        }
        return try await next(request, context)
    }
}

// Constant, valid header names.
extension HTTPField.Name {
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
