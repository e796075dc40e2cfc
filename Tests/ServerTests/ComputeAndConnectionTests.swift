import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import NIOEmbedded
import NIOHTTPTypes
@testable import Server
import Testing

/// CPU work off the request threads, bounded and dropped when its client leaves; connections
/// bounded, each with a deadline for its request head.
@Suite struct ComputeAndConnectionTests {
    /// A compute job that holds its thread until the test lets it go.
    final class Gate: @unchecked Sendable {
        private let semaphore = DispatchSemaphore(value: 0)
        func wait() { semaphore.wait() }
        func open() { semaphore.signal() }
    }

    /// Waits (without sleeping) until the pool's counters satisfy `condition`.
    static func until(_ pool: ComputePool, _ condition: @escaping @Sendable (ComputePool.Statistics) -> Bool) async {
        let (stream, continuation) = AsyncStream.makeStream(of: ComputePool.Statistics.self)
        let key = pool.observe { continuation.yield($0) }
        defer { pool.removeObserver(key) }
        for await stats in stream where condition(stats) { return }
    }

    @Test func aFullQueueRefusesAndAnswers503WithRetryAfter() async throws {
        let pool = ComputePool(threads: 1, queueLimit: 1)
        let gate = Gate()
        async let first: Int = pool.run { gate.wait(); return 1 }
        await Self.until(pool) { $0.running == 1 }
        async let second: Int = pool.run { 2 }
        await Self.until(pool) { $0.waiting == 1 }
        await #expect(throws: ComputePool.Busy.self) { _ = try await pool.run { 3 } }
        let compute = RequestCompute(pool: pool, connections: nil)
        do {
            _ = try await compute.run(for: nil) { 4 }
            Issue.record("a full queue took the job")
        } catch let error as APIError {
            #expect(error.status == .serviceUnavailable)
            #expect(error.headers[.retryAfter] == String(RequestCompute.retryAfter))
        }
        gate.open()
        #expect(try await first == 1)
        #expect(try await second == 2)
        await Self.until(pool) { $0.finished == 2 }
        #expect(pool.statistics.refused == 2)
    }

    @Test func aWaitingJobIsDroppedWhenItsClientLeaves() async throws {
        let pool = ComputePool(threads: 1, queueLimit: 4)
        let gate = Gate()
        async let blocker: Int = pool.run { gate.wait(); return 1 }
        await Self.until(pool) { $0.running == 1 }
        let client = ClientConnection()
        let waiting = Task { try await pool.run(for: client) { 2 } }
        await Self.until(pool) { $0.waiting == 1 }
        client.disconnected()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        #expect(pool.statistics.dropped == 1 && pool.statistics.waiting == 0)
        gate.open()
        #expect(try await blocker == 1)
        // A client already gone never queues.
        await #expect(throws: CancellationError.self) { _ = try await pool.run(for: client) { 3 } }
        await Self.until(pool) { $0.finished == 1 }
        #expect(pool.statistics.dropped == 1)
    }

    @Test func computeRunsOffTheCooperativePool() async throws {
        let pool = ComputePool(threads: 2, queueLimit: 4)
        let name = try await pool.run { ComputePool.currentThreadName }
        #expect(name == "ttpkit-compute")
    }

    // MARK: Connections

    static func connect(_ registry: ConnectionRegistry, headerTimeout: TimeAmount = .seconds(10)) throws -> EmbeddedChannel {
        let channel = EmbeddedChannel(handler: ConnectionGuard(registry: registry, headerTimeout: headerTimeout))
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return channel
    }

    static func head(_ extra: HTTPFields = [:]) -> HTTPRequestPart {
        .head(HTTPRequest(method: .get, scheme: "http", authority: "x", path: "/healthz", headerFields: extra))
    }

    @Test func aConnectionWithoutARequestHeadIsClosedAtTheDeadline() throws {
        let registry = ConnectionRegistry(maxConnections: 10)
        let slow = try Self.connect(registry, headerTimeout: .seconds(2))
        let prompt = try Self.connect(registry, headerTimeout: .seconds(2))
        try prompt.writeInbound(Self.head())
        slow.embeddedEventLoop.advanceTime(by: .seconds(3))
        prompt.embeddedEventLoop.advanceTime(by: .seconds(3))
        #expect(!slow.isActive)
        #expect(prompt.isActive)
        _ = try? prompt.finish()
    }

    @Test func reachingTheLimitClosesTheConnectionWaitingLongest() throws {
        let registry = ConnectionRegistry(maxConnections: 3)
        let busy = try Self.connect(registry)
        try busy.writeInbound(Self.head())           // a request under way: never chosen
        let idle = try Self.connect(registry)         // connected first, sent nothing
        let newer = try Self.connect(registry)        // the third reaches the limit
        #expect(!idle.isActive)
        #expect(busy.isActive && newer.isActive)
        #expect(registry.evicted == 1)
        #expect(registry.count == 2)
        for channel in [busy, newer] { _ = try? channel.finish() }
    }

    @Test func requestsCarryTheirConnectionAndItsDeparture() throws {
        let registry = ConnectionRegistry(maxConnections: 10)
        let channel = try Self.connect(registry)
        try channel.writeInbound(Self.head([ConnectionRegistry.header: "999"]))   // a client's own value is replaced
        guard case .head(let head)? = try channel.readInbound(as: HTTPRequestPart.self) else {
            Issue.record("no request head passed through")
            return
        }
        let request = Request(head: head, body: .init(buffer: ByteBuffer()))
        let connection = try #require(registry.connection(for: request))
        #expect(head.headerFields[ConnectionRegistry.header] != "999")
        #expect(!connection.isGone)
        channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        #expect(connection.isGone)
        _ = try? channel.finish()
        #expect(registry.count == 0)
    }
}
