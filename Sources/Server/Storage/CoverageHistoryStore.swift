/// Where coverage snapshots and their history live: one protocol, implemented on embedded
/// SQLite (``SQLiteHistoryStore``) and on PostgreSQL (``PostgresHistoryStore``); the same
/// tests run on both.
public protocol CoverageHistoryStore: Sendable {
    /// Applies the schema migrations not yet applied; returns the schema version.
    func migrate() async throws -> Int
    /// Stores a snapshot and its per-tactic counts in one transaction (whole or not at all);
    /// returns its id.
    func store(_ snapshot: NewSnapshot) async throws -> Int64
    /// Snapshots, oldest first, optionally of one repository and branch; at most `limit` of the newest.
    func history(repository: String?, branch: String?, limit: Int) async throws -> [SnapshotSummary]
    /// One snapshot with its document, or nil.
    func snapshot(id: Int64) async throws -> StoredSnapshot?
    /// Closes connections.
    func shutdown() async
}

/// Where a snapshot came from.
public struct SnapshotLabels: Sendable, Hashable {
    /// The repository the coverage file was made from.
    public var repository: String
    /// Its branch.
    public var branch: String
    /// Its commit.
    public var commit: String
}

/// One tactic's Detected / Logged / Blind technique counts in a snapshot.
public struct TacticCounts: Sendable, Hashable {
    /// The tactic's shortname.
    public var tactic: String
    /// Techniques under it that are Detected.
    public var detected: Int
    /// Logged.
    public var logged: Int
    /// Blind.
    public var blind: Int
}

/// A snapshot to store.
public struct NewSnapshot: Sendable {
    /// Repository, branch and commit.
    public var labels: SnapshotLabels
    /// When the server received it (ISO 8601, UTC).
    public var receivedAt: String
    /// The ATT&CK domain of the coverage (`enterprise-attack`).
    public var domain: String
    /// The ATT&CK release the coverage was computed against (`18.1`).
    public var attackVersion: String
    /// Per tactic, in matrix order.
    public var tactics: [TacticCounts]
    /// The coverage file as uploaded.
    public var document: String
}

/// A stored snapshot without its document.
public struct SnapshotSummary: Sendable, Hashable {
    /// The id the store gave it.
    public var id: Int64
    /// As in ``NewSnapshot``.
    public var labels: SnapshotLabels
    /// As in ``NewSnapshot``.
    public var receivedAt: String
    /// As in ``NewSnapshot``.
    public var domain: String
    /// As in ``NewSnapshot``.
    public var attackVersion: String
    /// As in ``NewSnapshot``.
    public var tactics: [TacticCounts]
}

/// A stored snapshot with its document.
public struct StoredSnapshot: Sendable {
    /// Everything but the document.
    public var summary: SnapshotSummary
    /// The coverage file as uploaded.
    public var document: String
}

/// The schema, as numbered migrations; each store applies the ones its `schema_migrations`
/// table does not list, in order, each in a transaction.
enum HistorySchema {
    /// `(version, statements)`. `BIGSERIAL`/`INTEGER PRIMARY KEY` differ, so each statement is
    /// given for SQLite and PostgreSQL.
    static func migrations(postgres: Bool) -> [(Int, [String])] {
        let id = postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        return [
            (1, [
                """
                CREATE TABLE coverage_snapshots (
                    id \(id),
                    repository TEXT NOT NULL,
                    branch TEXT NOT NULL,
                    commit_sha TEXT NOT NULL,
                    received_at TEXT NOT NULL,
                    domain TEXT NOT NULL,
                    attack_version TEXT NOT NULL,
                    document TEXT NOT NULL
                )
                """,
                """
                CREATE TABLE coverage_tactics (
                    snapshot_id BIGINT NOT NULL REFERENCES coverage_snapshots(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    tactic TEXT NOT NULL,
                    detected INTEGER NOT NULL,
                    logged INTEGER NOT NULL,
                    blind INTEGER NOT NULL,
                    PRIMARY KEY (snapshot_id, position)
                )
                """,
            ]),
            (2, ["CREATE INDEX coverage_snapshots_by_branch ON coverage_snapshots (repository, branch, id)"]),
        ]
    }

    static let migrationsTable = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
}

/// Why the history database could not be used.
public struct HistoryStoreError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
