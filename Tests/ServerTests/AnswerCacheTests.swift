import Foundation
import Hummingbird
@testable import Server
import Testing

@Suite struct AnswerCacheTests {
    /// Counts computations from concurrent tasks.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func increment() { lock.withLock { value += 1 } }
        var count: Int { lock.withLock { value } }
    }

    struct Failure: Error {}

    @Test func concurrentRequestsForOneKeyComputeItOnce() async throws {
        let cache = AnswerCache<ByteBuffer>(budget: 1 << 20, cost: \.readableBytes)
        let counter = Counter()
        let answers = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    String(buffer: try await cache.answer("group 1") {
                        counter.increment()
                        return ByteBuffer(string: "{\"id\":\"G0001\"}")
                    })
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(counter.count == 1)
        #expect(answers.count == 64)
        #expect(Set(answers) == ["{\"id\":\"G0001\"}"])
    }

    @Test func theLeastRecentlyUsedAnswersLeaveWhenTheBudgetIsExceeded() async throws {
        let cache = AnswerCache<ByteBuffer>(budget: 250, cost: \.readableBytes)
        let counter = Counter()
        func ask(_ key: String) async throws {
            _ = try await cache.answer(key) {
                counter.increment()
                return ByteBuffer(string: String(repeating: "x", count: 100))
            }
        }
        try await ask("a")
        try await ask("b")
        try await ask("a")  // a is now more recently used than b
        try await ask("c")  // 300 bytes > 250: b goes
        #expect(cache.usage.cost <= 250)
        #expect(cache.usage.answers == 2)
        #expect(counter.count == 3)
        try await ask("a")
        #expect(counter.count == 3)
        try await ask("b")
        #expect(counter.count == 4)
    }

    @Test func aFailedComputationIsNotKept() async throws {
        let cache = AnswerCache<ByteBuffer>(budget: 1 << 20, cost: \.readableBytes)
        let counter = Counter()
        await #expect(throws: Failure.self) {
            _ = try await cache.answer("k") { counter.increment(); throw Failure() }
        }
        let bytes = try await cache.answer("k") { counter.increment(); return ByteBuffer(string: "ok") }
        #expect(String(buffer: bytes) == "ok")
        #expect(counter.count == 2)
    }
}
