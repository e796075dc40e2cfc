import Foundation

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
    /// Asks the database something trivial: throws when it cannot be reached.
    func ping() async throws
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

    /// The most Unicode scalars in a label (so at most 800 bytes of UTF-8).
    public static let maxScalars = 200

    /// Why `value` cannot be a label, or nil: 1–200 Unicode scalars (not characters: one
    /// character can hold thousands of combining marks), without control characters (NUL,
    /// line breaks, escapes: C0, DEL, C1) or bidirectional formatting characters (which can
    /// make a label read as another). Both stores refuse the same labels.
    public static func problem(_ value: String) -> String? {
        if value.isEmpty { return "expected a label (1–\(maxScalars) characters)" }
        if value.unicodeScalars.count > maxScalars { return "expected a label of at most \(maxScalars) characters" }
        if let bad = value.unicodeScalars.first(where: { isControl($0) || isBidiControl($0) }) {
            return "expected a label without control or bidirectional formatting characters (found U+\(String(format: "%04X", bad.value)))"
        }
        return nil
    }

    /// Throws ``HistoryStoreError`` (invalid) naming the first label that is not valid.
    func validate() throws {
        for (name, value) in [("repository", repository), ("branch", branch), ("commit", commit)] {
            if let problem = Self.problem(value) { throw HistoryStoreError("\(name): \(problem)", kind: .invalid) }
        }
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value)
    }

    private static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }
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

    /// Throws ``HistoryStoreError`` (invalid) when a label is not valid
    /// (``SnapshotLabels/problem(_:)``) or the document holds a NUL character (which
    /// PostgreSQL text cannot store), so that both stores refuse the same snapshots.
    public func validate() throws {
        try labels.validate()
        if document.utf8.contains(0) { throw HistoryStoreError("document: expected text without NUL characters", kind: .invalid) }
    }
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
    /// What went wrong, which decides the answer's status.
    public enum Kind: Sendable {
        /// What was asked to be stored is not valid (400).
        case invalid
        /// The database cannot be reached or did not answer in time (503, try again later).
        case unavailable
        /// Anything else (500).
        case failed
    }

    public let description: String
    public let kind: Kind

    public init(_ description: String, kind: Kind = .failed) {
        self.description = description
        self.kind = kind
    }
}
