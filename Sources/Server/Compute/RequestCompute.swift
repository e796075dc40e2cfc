import Hummingbird

/// A request's CPU-heavy work, run on the ``ComputePool``: dropped if its client goes away
/// while it waits, and answered 503 with `Retry-After` when too many wait.
struct RequestCompute: Sendable {
    let pool: ComputePool
    /// The connections requests arrive on (nil when the router is driven in process).
    let connections: ConnectionRegistry?

    /// Seconds a refused client is asked to wait.
    static let retryAfter = 5

    /// Runs `work` for `request` (nil: work shared by several requests, such as training a
    /// classifier, which no single client's leaving cancels).
    func run<T: Sendable>(for request: Request?, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await pool.run(for: request.flatMap { connections?.connection(for: $0) }, work)
        } catch let busy as ComputePool.Busy {
            throw APIError.unavailable("the server is busy: \(busy.waiting) analyses are waiting; try again in a few seconds",
                                       retryAfter: Self.retryAfter)
        }
    }
}
