import Foundation

/// Answers computed once per key and kept while they fit a budget: encoded JSON bytes (a
/// group's profile), or a release's trained extraction model.
///
/// The data a server holds never changes, so such an answer depends only on its key (release,
/// domain, object, options). The first request for a key starts the
/// computation; requests arriving meanwhile await that same computation, and later ones get
/// the stored value. When the stored answers' cost exceeds the budget, the least recently used are
/// dropped (they are computed again if asked for). A computation that throws is not kept.
///
/// ```swift
/// let cache = AnswerCache<ByteBuffer>(budget: 64 << 20, cost: \.readableBytes)
/// let bytes = try await cache.answer("enterprise 18.1 group 42") { ByteBuffer(string: profileJSON()) }
/// ```
final class AnswerCache<Value: Sendable>: @unchecked Sendable {
    /// The most cost (bytes, for encoded answers) of finished answers kept at once.
    let budget: Int
    /// A finished answer's cost (at least 1 is counted).
    let cost: @Sendable (Value) -> Int
    // Everything below is read and written under `lock` only.
    private let lock = NSLock()
    private var entries: [String: Entry] = [:]
    private var storedBytes = 0
    private var clock: UInt64 = 0

    private struct Entry {
        let task: Task<Value, any Error>
        /// The answer's cost once finished (0 while computing).
        var size = 0
        var lastUse: UInt64
    }

    init(budget: Int, cost: @escaping @Sendable (Value) -> Int) {
        self.budget = max(0, budget)
        self.cost = cost
    }

    /// The answer for `key`: stored, under way, or computed now by `compute`.
    func answer(_ key: String, compute: @escaping @Sendable () async throws -> Value) async throws -> Value {
        let task: Task<Value, any Error> = lock.withLock {
            clock &+= 1
            if var entry = entries[key] {
                entry.lastUse = clock
                entries[key] = entry
                return entry.task
            }
            let task = Task<Value, any Error> { try await compute() }
            entries[key] = Entry(task: task, lastUse: clock)
            return task
        }
        do {
            let value = try await task.value
            finished(key, task: task, size: max(1, cost(value)))
            return value
        } catch {
            lock.withLock {
                if let entry = entries[key], entry.task == task { entries[key] = nil }
            }
            throw error
        }
    }

    /// How many answers are stored and their cost (answers still computing cost nothing yet).
    var usage: (answers: Int, cost: Int) {
        lock.withLock { (entries.count, storedBytes) }
    }

    /// Records a finished answer's cost once, then drops the least recently used finished
    /// answers until the stored cost fits the budget again.
    private func finished(_ key: String, task: Task<Value, any Error>, size: Int) {
        lock.withLock {
            guard var entry = entries[key], entry.task == task, entry.size == 0 else { return }
            entry.size = size
            entries[key] = entry
            storedBytes += size
            guard storedBytes > budget else { return }
            let byAge = entries.filter { $0.value.size > 0 }.sorted { $0.value.lastUse < $1.value.lastUse }
            for (oldKey, old) in byAge where storedBytes > budget {
                entries[oldKey] = nil
                storedBytes -= old.size
            }
        }
    }
}
