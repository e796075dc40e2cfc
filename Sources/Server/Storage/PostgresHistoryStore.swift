import Foundation
import Logging
import PostgresNIO

/// Coverage history in PostgreSQL: the way to run several `ttpkit serve` processes on the same
/// data. Migrations take an advisory lock, so servers starting together apply each once.
public final class PostgresHistoryStore: CoverageHistoryStore {
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger

    private init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
        runner = Task { await client.run() }
    }

    /// Connects to `postgres://user:password@host:port/database` (TLS off: use a loopback or
    /// private network, or a socket); a connection attempt gives up after `connectTimeout`.
    public static func connect(url: String, logger: Logger, connectTimeout: Duration = .seconds(5)) throws -> PostgresHistoryStore {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty else {
            throw HistoryStoreError("\(redacted(url)): expected postgres://user:password@host:port/database")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: components.user ?? "postgres",
            password: components.password, database: database.isEmpty ? nil : database, tls: .disable)
        configuration.options.connectTimeout = connectTimeout
        return PostgresHistoryStore(client: PostgresClient(configuration: configuration, backgroundLogger: logger), logger: logger)
    }

    /// The URL without its password, for messages.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://…"
    }

    public func migrate() async throws -> Int {
        let logger = self.logger
        return try await Self.reachable { try await self.client.withTransaction(logger: logger) { conn in
            try await conn.query("SELECT pg_advisory_xact_lock(727274)", logger: logger)
            try await conn.query(PostgresQuery(unsafeSQL: HistorySchema.migrationsTable), logger: logger)
            var applied = Set<Int>()
            for try await version in try await conn.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            var version = applied.max() ?? 0
            for (number, statements) in HistorySchema.migrations(postgres: true) where !applied.contains(number) {
                for statement in statements { try await conn.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                let now = ISO8601DateFormatter().string(from: Date())
                try await conn.query("INSERT INTO schema_migrations (version, applied_at) VALUES (\(number), \(now))", logger: logger)
                version = max(version, number)
            }
            return version
        } }
    }

    public func store(_ snapshot: NewSnapshot) async throws -> Int64 {
        try snapshot.validate()
        let logger = self.logger
        return try await Self.reachable { try await self.client.withTransaction(logger: logger) { conn in
            let l = snapshot.labels
            let rows = try await conn.query(
                """
                INSERT INTO coverage_snapshots (repository, branch, commit_sha, received_at, domain, attack_version, document)
                VALUES (\(l.repository), \(l.branch), \(l.commit), \(snapshot.receivedAt), \(snapshot.domain), \(snapshot.attackVersion), \(snapshot.document))
                RETURNING id
                """, logger: logger)
            var id: Int64?
            for try await value in rows.decode(Int64.self) { id = value }
            guard let id else { throw HistoryStoreError("the database returned no id for the new snapshot") }
            for (position, t) in snapshot.tactics.enumerated() {
                try await conn.query(
                    """
                    INSERT INTO coverage_tactics (snapshot_id, position, tactic, detected, logged, blind)
                    VALUES (\(id), \(position), \(t.tactic), \(t.detected), \(t.logged), \(t.blind))
                    """, logger: logger)
            }
            return id
        } }
    }

    public func history(repository: String?, branch: String?, limit: Int) async throws -> [SnapshotSummary] {
        try await Self.reachable { try await self.readHistory(repository: repository, branch: branch, limit: limit) }
    }

    private func readHistory(repository: String?, branch: String?, limit: Int) async throws -> [SnapshotSummary] {
        let rows = try await client.query(
            """
            SELECT id, repository, branch, commit_sha, received_at, domain, attack_version FROM coverage_snapshots
            WHERE (\(repository)::text IS NULL OR repository = \(repository)) AND (\(branch)::text IS NULL OR branch = \(branch))
            ORDER BY id DESC LIMIT \(limit)
            """, logger: logger)
        var summaries: [SnapshotSummary] = []
        for try await (id, repo, br, commit, received, domain, version) in rows.decode((Int64, String, String, String, String, String, String).self) {
            summaries.append(SnapshotSummary(
                id: id, labels: SnapshotLabels(repository: repo, branch: br, commit: commit), receivedAt: received,
                domain: domain, attackVersion: version, tactics: []))
        }
        var result: [SnapshotSummary] = []
        for var s in summaries.reversed() {
            s.tactics = try await tactics(of: s.id)
            result.append(s)
        }
        return result
    }

    public func snapshot(id: Int64) async throws -> StoredSnapshot? {
        try await Self.reachable { try await self.readSnapshot(id: id) }
    }

    private func readSnapshot(id: Int64) async throws -> StoredSnapshot? {
        let rows = try await client.query(
            "SELECT repository, branch, commit_sha, received_at, domain, attack_version, document FROM coverage_snapshots WHERE id = \(id)",
            logger: logger)
        for try await (repo, br, commit, received, domain, version, document) in rows.decode((String, String, String, String, String, String, String).self) {
            return StoredSnapshot(
                summary: SnapshotSummary(
                    id: id, labels: SnapshotLabels(repository: repo, branch: br, commit: commit), receivedAt: received,
                    domain: domain, attackVersion: version, tactics: try await tactics(of: id)),
                document: document)
        }
        return nil
    }

    public func ping() async throws {
        try await Self.reachable { _ = try await self.client.query("SELECT 1", logger: self.logger) }
    }

    public func shutdown() async {
        runner.cancel()
        _ = await runner.value
    }

    /// Runs `body`, turning the errors of a database that cannot be reached (connection
    /// refused, closed, shut down: every error but a server's SQL error outside SQLSTATE
    /// classes 08 and 57) into ``HistoryStoreError`` of kind `unavailable`.
    private static func reachable<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as PSQLError {
            if error.code == .server, let state = error.serverInfo?[.sqlState], !state.hasPrefix("08"), !state.hasPrefix("57") {
                throw HistoryStoreError("the coverage history database refused a statement (SQLSTATE \(state))")
            }
            let state = error.serverInfo?[.sqlState].map { ", SQLSTATE \($0)" } ?? ""
            throw HistoryStoreError("the coverage history database cannot be reached (\(error.code)\(state))", kind: .unavailable)
        } catch let error as HistoryStoreError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw HistoryStoreError("the coverage history database cannot be reached (\(error))", kind: .unavailable)
        }
    }

    private func tactics(of id: Int64) async throws -> [TacticCounts] {
        let rows = try await client.query(
            "SELECT tactic, detected, logged, blind FROM coverage_tactics WHERE snapshot_id = \(id) ORDER BY position", logger: logger)
        var result: [TacticCounts] = []
        for try await (tactic, detected, logged, blind) in rows.decode((String, Int, Int, Int).self) {
            result.append(TacticCounts(tactic: tactic, detected: detected, logged: logged, blind: blind))
        }
        return result
    }
}
