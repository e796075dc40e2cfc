import Foundation

/// Runs async library work from a synchronous command and waits for it.
///
/// The work runs with a task executor of its own, on Dispatch's global queues rather than the
/// cooperative thread pool: the command may itself be running on that pool (tests run commands
/// in process, several at once), and blocking its few threads while the work waits for one of
/// them would deadlock.
enum Blocking {
    static func run<T: Sendable>(_ work: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task(executorPreference: DispatchTaskExecutor.shared) {
            do { box.result = .success(try await work()) } catch { box.result = .failure(error) }
            done.signal()
        }
        done.wait()
        guard let result = box.result else { throw CLIError("internal error: async work finished without a result") }
        return try result.get()
    }

    private final class ResultBox<T>: @unchecked Sendable {
        var result: Result<T, Error>?
    }
}

/// Runs jobs on Dispatch's global concurrent queue.
final class DispatchTaskExecutor: TaskExecutor {
    static let shared = DispatchTaskExecutor()

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        DispatchQueue.global().async { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
