import Hummingbird
import STIX

/// `/healthz` (liveness: always 200 while the process answers, with the state of the database
/// and of the compute queue) and `/readyz` (readiness: 200 only when the coverage history
/// database answers now, else 503, so a load balancer sends requests elsewhere).
struct HealthRoutes: Sendable {
    let data: ServerData
    let store: GuardedHistoryStore?
    let compute: ComputePool

    /// How old the database state `/healthz` reports may be before it is checked again (in the
    /// background: `/healthz` never waits for the database).
    static let staleAfter = Duration.seconds(5)

    func register(on router: Router<BasicRequestContext>) {
        router.get("/healthz") { _, _ in
            var database: JSONValue = "none"
            var status = "ok"
            if let store {
                let (state, _) = store.state
                store.refresh(ifOlderThan: Self.staleAfter)
                switch state {
                case .unknown: database = "unknown"
                case .available: database = "ok"
                case .unavailable(let why):
                    database = .string("unavailable: \(why)")
                    status = "degraded"
                }
            }
            let stats = compute.statistics
            return APIRoutes.json(.object(JSONObject([
                ("status", .string(status)),
                ("releases", .array(data.releases.map { .string("\($0.domain.shortName) \($0.version)") })),
                ("database", database),
                ("compute", .object(JSONObject([("running", .number(Double(stats.running))), ("waiting", .number(Double(stats.waiting)))]))),
            ])))
        }
        router.get("/readyz") { _, _ in
            if let store {
                do {
                    try await store.ping()
                } catch {
                    throw APIError.unavailable("not ready: \(error)", retryAfter: RequestCompute.retryAfter)
                }
            }
            return APIRoutes.json(.object(JSONObject([("status", "ready")])))
        }
    }
}
