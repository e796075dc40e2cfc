import Hummingbird
import Logging
import STIX

/// The `ttpkit serve` application: TAXII 2.1, the JSON API, the web app and coverage history
/// over data loaded once at startup.
///
/// ```swift
/// let data = try await ServerData.load(files: files)
/// let app = TTPKitServer.application(data: data, options: ServerOptions(port: 8080), logger: logger)
/// try await app.runService()   // until SIGINT/SIGTERM, then drains open requests
/// ```
public enum TTPKitServer {
    /// The router with every route and middleware; tests drive it in process.
    /// - Parameter store: coverage history; without one the `/api/coverage` routes are absent.
    public static func router(data: ServerData, options: ServerOptions,
                              store: (any CoverageHistoryStore)? = nil) -> Router<BasicRequestContext> {
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ErrorBodyMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: options.bodyLimit))
        router.get("/healthz") { _, _ in
            let body = JSONValue.object(JSONObject([
                ("status", "ok"),
                ("releases", .array(data.releases.map { .string("\($0.domain.shortName) \($0.version)") })),
            ])).serialized(pretty: false)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
        }
        TAXIIRoutes(data: data, password: options.taxiiAuthentication ? options.token : nil, maxContentLength: options.bodyLimit)
            .register(on: router)
        APIRoutes(data: data).register(on: router)
        let analysis = AnalysisRoutes(data: data, store: store, bodyLimit: options.bodyLimit)
        analysis.register(on: router)
        LayerRoutes(data: data, analysis: analysis).register(on: router)
        WebRoutes(data: data, store: store, bodyLimit: options.bodyLimit).register(on: router)
        if let store {
            CoverageRoutes(data: data, store: store, token: options.token, bodyLimit: options.bodyLimit).register(on: router)
        }
        return router
    }

    /// The application, bound to `options.host:options.port`.
    public static func application(data: ServerData, options: ServerOptions, store: (any CoverageHistoryStore)?,
                                   logger: Logger) -> some ApplicationProtocol {
        Application(
            router: router(data: data, options: options, store: store),
            server: .http1(configuration: .init(idleTimeout: .seconds(Int64(options.idleTimeout)))),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "ttpkit"),
            logger: logger)
    }
}
