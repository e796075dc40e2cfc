import Foundation
import Logging
@testable import Server
import TestSupport
import Testing

/// The same checks on every backend: SQLite always, PostgreSQL when `TTPKIT_TEST_POSTGRES_URL`
/// names a reachable server (`.ci/run` starts one).
@Suite(.serialized) struct HistoryStoreTests {
    static let postgresURL = ProcessInfo.processInfo.environment["TTPKIT_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }

    static func sample(_ branch: String, detected: Int) -> NewSnapshot {
        NewSnapshot(
            labels: SnapshotLabels(repository: "detections", branch: branch, commit: "c\(detected)"),
            receivedAt: "2026-11-28T10:00:0\(detected % 10)Z", domain: "enterprise-attack", attackVersion: "18.1",
            tactics: [TacticCounts(tactic: "execution", detected: detected, logged: 2, blind: 3),
                      TacticCounts(tactic: "persistence", detected: 0, logged: 1, blind: 9)],
            document: "{\"techniques\": []}")
    }

    func exercise(_ store: any CoverageHistoryStore) async throws {
        #expect(try await store.migrate() == 2)
        #expect(try await store.migrate() == 2)  // idempotent
        let before = try await store.history(repository: "detections", branch: nil, limit: 1000).count
        let first = try await store.store(Self.sample("main", detected: 4))
        let second = try await store.store(Self.sample("main", detected: 6))
        _ = try await store.store(Self.sample("feature", detected: 1))
        #expect(second > first)
        let main = try await store.history(repository: "detections", branch: "main", limit: 2)
        #expect(main.map(\.id) == [first, second])
        #expect(main.last?.tactics == Self.sample("main", detected: 6).tactics)
        #expect(main.last?.labels.commit == "c6")
        let all = try await store.history(repository: "detections", branch: nil, limit: 1000)
        #expect(all.count == before + 3)
        let stored = try #require(try await store.snapshot(id: first))
        #expect(stored.document == "{\"techniques\": []}")
        #expect(stored.summary.tactics.first?.detected == 4)
        #expect(try await store.snapshot(id: 999_999_999) == nil)
        // Both stores refuse the same labels (PostgreSQL text cannot hold NUL: it was a 500 there).
        for bad in ["a\u{0}b", "rtl\u{202E}", String(repeating: "e\u{301}", count: 101)] {
            var snapshot = Self.sample("main", detected: 1)
            snapshot.labels.commit = bad
            do {
                _ = try await store.store(snapshot)
                Issue.record("stored the label \(bad.debugDescription)")
            } catch let error as HistoryStoreError {
                #expect(error.kind == .invalid)
            }
        }
        try await store.ping()
    }

    @Test func sqliteInMemory() async throws {
        let store = try await SQLiteHistoryStore.open(path: ":memory:", logger: Logger(label: "test"))
        try await exercise(store)
        await store.shutdown()
    }

    @Test func sqliteFileSharedByTwoConnections() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("history-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let a = try await HistoryDatabase.open("sqlite:" + path, logger: Logger(label: "a"), timeout: .seconds(300))
        let b = try await HistoryDatabase.open("sqlite:" + path, logger: Logger(label: "b"), timeout: .seconds(300))
        let id = try await a.store(Self.sample("main", detected: 5))
        #expect(try await b.snapshot(id: id)?.summary.labels.commit == "c5")
        await a.shutdown()
        await b.shutdown()
    }

    @Test(.enabled(if: postgresURL != nil, "TTPKIT_TEST_POSTGRES_URL is not set: PostgreSQL history tests skipped"))
    func postgres() async throws {
        let url = try #require(Self.postgresURL)
        let store = try await HistoryDatabase.open(url, logger: Logger(label: "test"), timeout: .seconds(300))
        try await exercise(store)
        // A second server process on the same database sees the same data.
        let other = try await HistoryDatabase.open(url, logger: Logger(label: "other"), timeout: .seconds(300))
        let id = try await store.store(Self.sample("shared", detected: 7))
        #expect(try await other.snapshot(id: id)?.summary.labels.branch == "shared")
        await other.shutdown()
        await store.shutdown()
    }

    /// The PostgreSQL server stops and starts again under a running store: calls fail within the
    /// bound with `unavailable` meanwhile, and succeed again afterwards without reopening.
    @Test(.enabled(if: postgresURL != nil, "TTPKIT_TEST_POSTGRES_URL is not set: PostgreSQL outage test skipped"))
    func postgresOutageAndRecovery() async throws {
        let script = SharedData.packageRoot.appendingPathComponent("tools/server/postgres.sh").path
        let url = try Self.run(script, ["start"]).trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? Self.run(script, ["stop", url]) }
        let store = try await HistoryDatabase.open(url, logger: Logger(label: "outage"), timeout: .seconds(2))
        let id = try await store.store(Self.sample("before", detected: 3))
        _ = try Self.run(script, ["pause", url])
        let start = ContinuousClock.now
        do {
            _ = try await store.snapshot(id: id)
            Issue.record("read a snapshot from a stopped database")
        } catch let error as HistoryStoreError {
            #expect(error.kind == .unavailable, "\(error)")
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        if case .unavailable = store.state.state {} else { Issue.record("the store did not notice the outage: \(store.state.state)") }
        _ = try Self.run(script, ["resume", url])
        // The client reconnects on its own: a few bounded attempts while it does.
        var recovered: StoredSnapshot?
        for _ in 0..<10 where recovered == nil { recovered = try? await store.snapshot(id: id) }
        #expect(recovered?.summary.labels.branch == "before")
        #expect(store.state.state == .available)
        await store.shutdown()
    }

    /// Runs a program, returning its standard output; throws when it fails (``Subprocess``:
    /// output through files, as the PostgreSQL server it starts lives on).
    static func run(_ program: String, _ arguments: [String]) throws -> String {
        let r = try Subprocess.run("/bin/bash", [program] + arguments)
        guard r.status == 0 else { throw HistoryStoreError("\(program) \(arguments.first ?? ""): exit \(r.status)") }
        return r.stdout
    }

    @Test func badLocationsAreOneLineErrors() async throws {
        await #expect(throws: HistoryStoreError.self) {
            _ = try await HistoryDatabase.open("sqlite:", logger: Logger(label: "t"))
        }
        await #expect(throws: HistoryStoreError.self) {
            _ = try await HistoryDatabase.open("postgres://", logger: Logger(label: "t"))
        }
    }
}
