import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs CPU-heavy work (extraction, classifier training) on a few threads of its own, never on
/// the cooperative threads that answer requests: while every compute thread is busy,
/// `/healthz` and every other route still answer at once.
///
/// At most `threads` jobs run at a time (each may use more cores inside, as the classifier
/// does); at most `queueLimit` wait. A job that finds the queue full is refused with
/// ``ComputePool/Busy`` (the routes answer 503 with `Retry-After`). A waiting job is dropped
/// when its task is cancelled or its client goes away (``cancel``): it never starts. The
/// threads run at a lower scheduling priority than the request threads, and exit when there
/// is nothing to do.
///
/// ```swift
/// let pool = ComputePool(threads: 1, queueLimit: 16)
/// let result = try await pool.run { extractor.extract(report) }
/// ```
public final class ComputePool: @unchecked Sendable {
    /// The queue is full; try again later.
    public struct Busy: Error, Sendable {
        /// Jobs waiting when this one was refused.
        public let waiting: Int
    }

    /// What a pool has done, for health answers and tests.
    public struct Statistics: Sendable, Equatable {
        /// Jobs running now.
        public var running = 0
        /// Jobs waiting for a thread.
        public var waiting = 0
        /// Jobs finished (returned or threw).
        public var finished = 0
        /// Jobs refused because the queue was full.
        public var refused = 0
        /// Waiting jobs dropped because their request was cancelled or their client left.
        public var dropped = 0
    }

    /// The most jobs running at once.
    public let threads: Int
    /// The most jobs waiting.
    public let queueLimit: Int

    // Everything below is read and written under `lock` only.
    private let lock = NSLock()
    private var queue: [Job] = []
    private var liveThreads = 0
    private var stats = Statistics()
    private var nextID: UInt64 = 0
    private var observers: [UInt64: @Sendable (Statistics) -> Void] = [:]

    private final class Job: @unchecked Sendable {
        let id: UInt64
        /// Runs the work and resumes the caller; set once, called once.
        let run: () -> Void
        /// Resumes the caller with an error without running (dropped).
        let drop: (any Error) -> Void
        init(id: UInt64, run: @escaping () -> Void, drop: @escaping (any Error) -> Void) {
            self.id = id
            self.run = run
            self.drop = drop
        }
    }

    public init(threads: Int, queueLimit: Int) {
        self.threads = max(1, threads)
        self.queueLimit = max(0, queueLimit)
    }

    /// The pool's counters now.
    public var statistics: Statistics { lock.withLock { stats } }

    /// Runs `work` on a compute thread and returns its result.
    /// - Parameter client: the connection of the request the job answers; the job is dropped
    ///   while it waits if the client goes away.
    /// - Throws: ``Busy`` when the queue is full; `CancellationError` when the job was dropped;
    ///   whatever `work` throws.
    public func run<T: Sendable>(for client: ClientConnection? = nil, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        try Task.checkCancellation()
        if client?.isGone == true { throw CancellationError() }
        let id: UInt64 = lock.withLock { nextID += 1; return nextID }
        let disconnectToken = client?.onDisconnect { [weak self] in self?.dropWaiting(id) }
        defer { if let disconnectToken { client?.removeAction(disconnectToken) } }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let job = Job(
                    id: id,
                    run: { continuation.resume(with: Result(catching: work)) },
                    drop: { continuation.resume(throwing: $0) })
                if let refusal = self.enqueue(job) { continuation.resume(throwing: refusal) }
            }
        } onCancel: {
            self.dropWaiting(id)
        }
    }

    /// Calls `observer` with the counters after every change (tests wait on it instead of sleeping).
    @discardableResult
    public func observe(_ observer: @escaping @Sendable (Statistics) -> Void) -> UInt64 {
        let (key, now) = lock.withLock { () -> (UInt64, Statistics) in
            nextID += 1
            observers[nextID] = observer
            return (nextID, stats)
        }
        observer(now)
        return key
    }

    /// Stops calling an observer.
    public func removeObserver(_ key: UInt64) {
        _ = lock.withLock { observers.removeValue(forKey: key) }
    }

    // MARK: Queue

    private func enqueue(_ job: Job) -> Busy? {
        var startThread = false
        let refusal: Busy? = lock.withLock {
            guard queue.count < queueLimit || (liveThreads < threads && queue.isEmpty) else {
                stats.refused += 1
                return Busy(waiting: queue.count)
            }
            queue.append(job)
            stats.waiting = queue.count
            if liveThreads < threads {
                liveThreads += 1
                startThread = true
            }
            return nil
        }
        notify()
        if startThread {
            let thread = Thread { [self] in work() }
            thread.stackSize = 8 << 20
            thread.start()
        }
        return refusal
    }

    private func dropWaiting(_ id: UInt64) {
        let job: Job? = lock.withLock {
            guard let index = queue.firstIndex(where: { $0.id == id }) else { return nil }
            stats.dropped += 1
            let job = queue.remove(at: index)
            stats.waiting = queue.count
            return job
        }
        guard let job else { return }
        notify()
        job.drop(CancellationError())
    }

    /// A compute thread: takes jobs until none wait, then exits.
    private func work() {
        Self.nameThread()
        Self.lowerPriority()
        while true {
            let job: Job? = lock.withLock {
                guard !queue.isEmpty else {
                    liveThreads -= 1
                    return nil
                }
                stats.running += 1
                let job = queue.removeFirst()
                stats.waiting = queue.count
                return job
            }
            guard let job else { return }
            notify()
            job.run()
            lock.withLock {
                stats.running -= 1
                stats.finished += 1
            }
            notify()
        }
    }

    private func notify() {
        let (now, list) = lock.withLock { (stats, Array(observers.values)) }
        for observer in list { observer(now) }
    }

    /// The calling thread's name as the kernel knows it (`top -H`, `ps -L`).
    public static var currentThreadName: String {
        #if os(Linux)
        guard let data = FileManager.default.contents(atPath: "/proc/thread-self/comm") else { return "" }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .newlines)
        #else
        return Thread.current.name ?? ""
        #endif
    }

    /// Names the calling compute thread `ttpkit-compute`. On Linux through `/proc` (a thread
    /// otherwise keeps the name of the thread that made it: a dispatch worker's).
    private static func nameThread() {
        #if os(Linux)
        let fd = open("/proc/thread-self/comm", O_WRONLY)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let name = Array("ttpkit-compute".utf8)
        _ = name.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        #else
        Thread.current.name = "ttpkit-compute"
        #endif
    }

    /// Lowers the calling thread's scheduling priority (Linux `nice` is per thread), so the
    /// threads answering requests win the CPU when both want it.
    private static func lowerPriority() {
        #if canImport(Glibc)
        _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }
}
