import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
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
        router(data: data, options: options, store: store, connections: nil)
    }

    /// The router, with the registry of the connections it answers on (nil in process: no
    /// client can go away).
    static func router(data: ServerData, options: ServerOptions, store: (any CoverageHistoryStore)?,
                       connections: ConnectionRegistry?) -> Router<BasicRequestContext> {
        let store = store.map { $0 as? GuardedHistoryStore ?? GuardedHistoryStore($0, timeout: .seconds(options.databaseTimeout)) }
        let access = AccessPolicy(options: options)
        let compute = RequestCompute(pool: ComputePool(threads: options.computeThreads, queueLimit: options.computeQueue),
                                     connections: connections)
        let router = Router(context: BasicRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: NoSniffMiddleware())
        router.add(middleware: ErrorBodyMiddleware())
        router.add(middleware: BodyLimitMiddleware(limit: options.bodyLimit))
        router.add(middleware: AccessMiddleware(policy: access))
        HealthRoutes(data: data, store: store, compute: compute.pool).register(on: router)
        TAXIIRoutes(data: data, access: access, trustedProxy: options.trustedProxy, maxContentLength: options.bodyLimit)
            .register(on: router)
        APIRoutes(data: data).register(on: router)
        let analysis = AnalysisRoutes(data: data, store: store, bodyLimit: options.bodyLimit, compute: compute)
        analysis.register(on: router)
        LayerRoutes(data: data, analysis: analysis).register(on: router)
        WebRoutes(data: data, store: store, bodyLimit: options.bodyLimit).register(on: router)
        if let store {
            CoverageRoutes(data: data, store: store, bodyLimit: options.bodyLimit).register(on: router)
        }
        return router
    }

    /// The application, bound to `options.host:options.port`: at most `options.maxConnections`
    /// connections (the one idle longest is closed to make room for a new one), each with
    /// `options.headerTimeout` seconds to send its first request head. After `EMFILE` (no file
    /// descriptor left) NIO's accept back-off waits a second before accepting again.
    public static func application(data: ServerData, options: ServerOptions, store: (any CoverageHistoryStore)?,
                                   logger: Logger) -> some ApplicationProtocol {
        let connections = ConnectionRegistry(maxConnections: options.maxConnections)
        let headerTimeout = TimeAmount.seconds(Int64(max(1, options.headerTimeout)))
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [ConnectionGuard(registry: connections, headerTimeout: headerTimeout)],
            idleTimeout: .seconds(Int64(options.idleTimeout)))
        return Application(
            router: router(data: data, options: options, store: store, connections: connections),
            server: .http1(configuration: http),
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "ttpkit",
                                 availableConnectionsDelegate: MaximumAvailableConnections(max(1, options.maxConnections), logger: logger)),
            logger: logger)
    }
}
