import Foundation

/// A history store whose every call is bounded in time, and which remembers whether the
/// database answered: the server's view of its database.
///
/// A call that does not finish within the timeout (a stopped or unreachable PostgreSQL makes
/// requests wait for a connection that never comes) fails with ``HistoryStoreError`` of kind
/// `unavailable`, which the routes answer with 503 and `Retry-After`; the call itself is
/// cancelled. Once the database answers again, so does the store: nothing needs a restart
/// (PostgreSQL's client reconnects on its own). ``state`` is what `/healthz` reports and
/// `/readyz` decides on.
public final class GuardedHistoryStore: CoverageHistoryStore, @unchecked Sendable {
    /// The database's state as last seen.
    public enum State: Sendable, Equatable {
        /// Not asked yet.
        case unknown
        /// The last call or ping succeeded.
        case available
        /// The last call or ping could not reach the database; why.
        case unavailable(String)
    }

    /// The store every call goes to.
    public let base: any CoverageHistoryStore
    /// How long one call may take.
    public let timeout: Duration
    // Read and written under `lock` only.
    private let lock = NSLock()
    private var current = State.unknown
    private var lastSeen: ContinuousClock.Instant?
    private var probing = false

    public init(_ base: any CoverageHistoryStore, timeout: Duration) {
        self.base = base
        self.timeout = timeout
    }

    /// The database's state as last seen, and how long ago (nil: never).
    public var state: (state: State, age: Duration?) {
        lock.withLock { (current, lastSeen.map { ContinuousClock.now - $0 }) }
    }

    /// Pings the database in the background when its state is unknown or older than `age`
    /// (one ping at a time): how `/healthz` keeps its answer fresh without waiting.
    public func refresh(ifOlderThan age: Duration) {
        let start = lock.withLock { () -> Bool in
            guard !probing, lastSeen.map({ ContinuousClock.now - $0 > age }) ?? true else { return false }
            probing = true
            return true
        }
        guard start else { return }
        Task {
            try? await self.ping()
            self.lock.withLock { self.probing = false }
        }
    }

    public func migrate() async throws -> Int { try await bounded("preparing the history") { try await self.base.migrate() } }

    public func store(_ snapshot: NewSnapshot) async throws -> Int64 {
        try await bounded("storing a snapshot") { try await self.base.store(snapshot) }
    }

    public func history(repository: String?, branch: String?, limit: Int) async throws -> [SnapshotSummary] {
        try await bounded("reading the history") { try await self.base.history(repository: repository, branch: branch, limit: limit) }
    }

    public func snapshot(id: Int64) async throws -> StoredSnapshot? {
        try await bounded("reading a snapshot") { try await self.base.snapshot(id: id) }
    }

    public func ping() async throws { try await bounded("checking the database") { try await self.base.ping() } }

    public func shutdown() async { await base.shutdown() }

    /// Runs `body` within the timeout, recording whether the database answered.
    private func bounded<T: Sendable>(_ what: String, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        do {
            let value = try await Deadline.run(within: timeout, body)
            record(.available)
            return value
        } catch is Deadline.Expired {
            let message = "the coverage history database did not answer within \(timeout) (\(what))"
            record(.unavailable(message))
            throw HistoryStoreError(message, kind: .unavailable)
        } catch let error as HistoryStoreError where error.kind == .unavailable {
            record(.unavailable(error.description))
            throw error
        }
    }

    private func record(_ state: State) {
        lock.withLock {
            current = state
            lastSeen = .now
        }
    }
}

/// Runs async work with a time limit that holds even when the work ignores cancellation.
enum Deadline {
    /// The time limit passed first.
    struct Expired: Error {}

    /// The result of `body`, or ``Expired`` once `limit` has passed (`body` is then cancelled
    /// and its result, whenever it comes, dropped).
    static func run<T: Sendable>(within limit: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
        let once = ResumeOnce<T>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                once.set(continuation)
                let work = Task {
                    let result = await Result { try await body() }
                    once.resume(with: result)
                }
                let timer = Task {
                    try await Task.sleep(for: limit)
                    once.resume(with: .failure(Expired()))
                    work.cancel()
                }
                once.onResume { timer.cancel(); work.cancel() }
            }
        } onCancel: {
            once.resume(with: .failure(CancellationError()))
        }
    }
}

/// Resumes a continuation once, whichever of several racers comes first.
private final class ResumeOnce<T: Sendable>: @unchecked Sendable {
    // Read and written under `lock` only.
    private let lock = NSLock()
    private var continuation: CheckedContinuation<T, any Error>?
    private var early: Result<T, any Error>?
    private var done = false
    private var cleanup: (@Sendable () -> Void)?

    func set(_ continuation: CheckedContinuation<T, any Error>) {
        let pending: Result<T, any Error>? = lock.withLock {
            if let early { return early }
            self.continuation = continuation
            return nil
        }
        if let pending { continuation.resume(with: pending) }
    }

    /// Runs `action` once the continuation is resumed (at once if it is).
    func onResume(_ action: @escaping @Sendable () -> Void) {
        let now: Bool = lock.withLock {
            if done { return true }
            cleanup = action
            return false
        }
        if now { action() }
    }

    func resume(with result: Result<T, any Error>) {
        let (target, action): (CheckedContinuation<T, any Error>?, (@Sendable () -> Void)?) = lock.withLock {
            guard !done else { return (nil, nil) }
            done = true
            defer { continuation = nil; cleanup = nil }
            if continuation == nil { early = result }
            return (continuation, cleanup)
        }
        target?.resume(with: result)
        action?()
    }
}

extension Result where Failure == any Error {
    /// The result of async throwing work.
    init(_ body: () async throws -> Success) async {
        do { self = .success(try await body()) } catch { self = .failure(error) }
    }
}
