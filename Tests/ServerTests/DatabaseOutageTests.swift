import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
@testable import Server
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A database that stops answering: bounded waits, 503 with a reason, `/healthz` and `/readyz`
/// saying so, recovery without a restart, and a start-up that fails instead of hanging.
@Suite struct DatabaseOutageTests {
    /// A store whose calls wait while it is "down" (as calls to a stopped PostgreSQL wait for a
    /// connection), and answer again once it is back up.
    final class OutageStore: CoverageHistoryStore, @unchecked Sendable {
        private let lock = NSLock()
        private var down = true
        private var waiting: [CheckedContinuation<Void, Never>] = []

        func recover() {
            let resumed = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
                down = false
                defer { waiting = [] }
                return waiting
            }
            for continuation in resumed { continuation.resume() }
        }

        private func answer() async {
            await withCheckedContinuation { continuation in
                let now = lock.withLock { () -> Bool in
                    if down { waiting.append(continuation) }
                    return !down
                }
                if now { continuation.resume() }
            }
        }

        func migrate() async throws -> Int { await answer(); return 2 }
        func store(_ snapshot: NewSnapshot) async throws -> Int64 { await answer(); return 1 }
        func history(repository: String?, branch: String?, limit: Int) async throws -> [SnapshotSummary] { await answer(); return [] }
        func snapshot(id: Int64) async throws -> StoredSnapshot? { await answer(); return nil }
        func ping() async throws { await answer() }
        func shutdown() async {}
    }

    // The store never answers while it is down: without the guard these requests would wait
    // for ever, and the test would stop at its time limit. (No wall-clock bound here: under a
    // loaded test run the 300 ms guard can take longer to be scheduled.)
    @Test(.timeLimit(.minutes(2)))
    func anOutageIs503QuicklyAndRecoveryNeedsNoRestart() async throws {
        let outage = OutageStore()
        let store = GuardedHistoryStore(outage, timeout: .milliseconds(300))
        let app = Application(router: TTPKitServer.router(data: try ServerFixture.sampleData(), options: ServerOptions(), store: store),
                              logger: ServerFixture.quietLogger)
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/coverage/history", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.headers[.retryAfter] != nil)
                let message = (try ServerFixture.json(response.body)["error"] as? [String: Any])?["message"] as? String ?? ""
                #expect(message.contains("did not answer"), "\(message)")
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .serviceUnavailable)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)   // alive: restarting would not bring the database back
                let health = try ServerFixture.json(response.body)
                #expect(health["status"] as? String == "degraded")
                #expect((health["database"] as? String ?? "").hasPrefix("unavailable: "))
            }
            outage.recover()
            try await client.execute(uri: "/api/coverage/history", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/readyz", method: .get) { response in
                #expect(response.status == .ok)
            }
            try await client.execute(uri: "/healthz", method: .get) { response in
                let health = try ServerFixture.json(response.body)
                #expect(health["status"] as? String == "ok")
                #expect(health["database"] as? String == "ok")
            }
        }
    }

    /// A port nothing listens on, and one that accepts connections and never answers.
    static func closedPort() throws -> Int {
        let listener = try LoopbackListener()
        let port = listener.port
        listener.close()
        return port
    }

    // The silent port never answers: without the bound the open would wait for ever (the
    // test's time limit stops it).
    @Test(.timeLimit(.minutes(2)))
    func startUpFailsWithinTheBoundWhenTheDatabaseCannotBeReached() async throws {
        let silent = try LoopbackListener()   // completes the TCP handshake, then says nothing
        defer { silent.close() }
        for port in [try Self.closedPort(), silent.port] {
            do {
                _ = try await HistoryDatabase.open("postgres://ttpkit:secret@127.0.0.1:\(port)/ttpkit", logger: ServerFixture.quietLogger,
                                                   timeout: .seconds(1))
                Issue.record("opened a database that is not there (port \(port))")
            } catch let error as HistoryStoreError {
                #expect(error.kind == .unavailable)
                #expect(error.description.contains("***") && !error.description.contains("secret"), "\(error)")
            }
        }
    }
}

/// A loopback TCP socket that listens (the kernel completes handshakes into its backlog) and
/// never accepts or answers.
final class LoopbackListener: @unchecked Sendable {
    private var descriptor: Int32
    let port: Int

    init() throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, 16) == 0 else {
            if fd >= 0 { _ = Glibc.close(fd) }
            throw ServerFixture.FixtureError("cannot listen on loopback")
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        descriptor = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() {
        if descriptor >= 0 { _ = Glibc.close(descriptor) }
        descriptor = -1
    }

    deinit { close() }
}
