import Foundation
import Logging
import SQLiteNIO

/// Coverage history in an embedded SQLite file (write-ahead log, so readers never wait for a
/// push; a busy timeout, so several processes can share the file).
public final class SQLiteHistoryStore: CoverageHistoryStore {
    private let connection: SQLiteConnection
    private let lock = AsyncLock()

    private init(connection: SQLiteConnection) {
        self.connection = connection
    }

    /// Opens (creating) the database file at `path`, or an in-memory database for `:memory:`.
    public static func open(path: String, logger: Logger) async throws -> SQLiteHistoryStore {
        let storage: SQLiteConnection.Storage = path == ":memory:" ? .memory : .file(path: path)
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: storage, logger: logger)
        } catch {
            throw HistoryStoreError("\(path): cannot open the SQLite database: \(error)")
        }
        let store = SQLiteHistoryStore(connection: connection)
        _ = try await connection.query("PRAGMA busy_timeout = 5000", [])
        if path != ":memory:" { _ = try await connection.query("PRAGMA journal_mode = WAL", []) }
        _ = try await connection.query("PRAGMA foreign_keys = ON", [])
        return store
    }

    public func migrate() async throws -> Int {
        try await lock.withLock {
            _ = try await self.connection.query(HistorySchema.migrationsTable, [])
            return try await self.transaction {
                let applied = Set(try await self.connection.query("SELECT version FROM schema_migrations", [])
                    .compactMap { $0.column("version")?.integer })
                var version = applied.max() ?? 0
                for (number, statements) in HistorySchema.migrations(postgres: false) where !applied.contains(number) {
                    for statement in statements { _ = try await self.connection.query(statement, []) }
                    _ = try await self.connection.query(
                        "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)",
                        [.integer(number), .text(ISO8601DateFormatter().string(from: Date()))])
                    version = max(version, number)
                }
                return version
            }
        }
    }

    public func store(_ snapshot: NewSnapshot) async throws -> Int64 {
        try snapshot.validate()
        return try await lock.withLock {
            try await self.transaction {
                let l = snapshot.labels
                _ = try await self.connection.query(
                    """
                    INSERT INTO coverage_snapshots (repository, branch, commit_sha, received_at, domain, attack_version, document)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                    [.text(l.repository), .text(l.branch), .text(l.commit), .text(snapshot.receivedAt),
                     .text(snapshot.domain), .text(snapshot.attackVersion), .text(snapshot.document)])
                let id = try await self.connection.lastAutoincrementID()
                for (position, t) in snapshot.tactics.enumerated() {
                    _ = try await self.connection.query(
                        "INSERT INTO coverage_tactics (snapshot_id, position, tactic, detected, logged, blind) VALUES (?, ?, ?, ?, ?, ?)",
                        [.integer(id), .integer(position), .text(t.tactic), .integer(t.detected), .integer(t.logged), .integer(t.blind)])
                }
                return Int64(id)
            }
        }
    }

    public func history(repository: String?, branch: String?, limit: Int) async throws -> [SnapshotSummary] {
        try await lock.withLock {
            var sql = "SELECT id, repository, branch, commit_sha, received_at, domain, attack_version FROM coverage_snapshots"
            var binds: [SQLiteData] = []
            var conditions: [String] = []
            if let repository { conditions.append("repository = ?"); binds.append(.text(repository)) }
            if let branch { conditions.append("branch = ?"); binds.append(.text(branch)) }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY id DESC LIMIT ?"
            binds.append(.integer(limit))
            let rows = try await self.connection.query(sql, binds)
            var result: [SnapshotSummary] = []
            for row in rows.reversed() {
                guard let id = row.column("id")?.integer else { continue }
                result.append(Self.summary(row, id: id, tactics: try await self.tactics(of: id)))
            }
            return result
        }
    }

    public func snapshot(id: Int64) async throws -> StoredSnapshot? {
        let rows = try await lock.withLock {
            try await self.connection.query(
                "SELECT id, repository, branch, commit_sha, received_at, domain, attack_version, document FROM coverage_snapshots WHERE id = ?",
                [.integer(Int(id))])
        }
        guard let row = rows.first else { return nil }
        let tactics = try await lock.withLock { try await self.tactics(of: Int(id)) }
        return StoredSnapshot(summary: Self.summary(row, id: Int(id), tactics: tactics), document: row.column("document")?.string ?? "")
    }

    public func ping() async throws {
        _ = try await lock.withLock { try await self.connection.query("SELECT 1", []) }
    }

    public func shutdown() async {
        try? await connection.close()
    }

    private static func summary(_ row: SQLiteRow, id: Int, tactics: [TacticCounts]) -> SnapshotSummary {
        SnapshotSummary(
            id: Int64(id),
            labels: SnapshotLabels(repository: row.column("repository")?.string ?? "", branch: row.column("branch")?.string ?? "",
                                   commit: row.column("commit_sha")?.string ?? ""),
            receivedAt: row.column("received_at")?.string ?? "", domain: row.column("domain")?.string ?? "",
            attackVersion: row.column("attack_version")?.string ?? "", tactics: tactics)
    }

    // Callers hold the lock.
    private func tactics(of id: Int) async throws -> [TacticCounts] {
        try await connection.query(
            "SELECT tactic, detected, logged, blind FROM coverage_tactics WHERE snapshot_id = ? ORDER BY position", [.integer(id)]
        ).map { row in
            TacticCounts(tactic: row.column("tactic")?.string ?? "", detected: row.column("detected")?.integer ?? 0,
                         logged: row.column("logged")?.integer ?? 0, blind: row.column("blind")?.integer ?? 0)
        }
    }

    private func transaction<T: Sendable>(_ body: () async throws -> T) async throws -> T {
        _ = try await connection.query("BEGIN IMMEDIATE", [])
        do {
            let result = try await body()
            _ = try await connection.query("COMMIT", [])
            return result
        } catch {
            _ = try? await connection.query("ROLLBACK", [])
            throw error
        }
    }
}
