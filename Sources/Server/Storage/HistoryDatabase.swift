import Logging

/// Opens the coverage history named by `--db`: `sqlite:PATH` (or a bare path) or
/// `postgres://user:password@host:port/database`, and applies the migrations.
public enum HistoryDatabase {
    /// The store at `location`, migrated, every call bounded by `timeout`.
    /// - Throws: ``HistoryStoreError``: a location that is not one, or a database that cannot
    ///   be reached or prepared within `timeout` (kind `unavailable`: start-up fails rather
    ///   than waiting forever).
    public static func open(_ location: String, logger: Logger, timeout: Duration = .seconds(10)) async throws -> GuardedHistoryStore {
        let base: any CoverageHistoryStore
        let postgres = location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
        if postgres {
            base = try PostgresHistoryStore.connect(url: location, logger: logger, connectTimeout: timeout)
        } else {
            let path = location.hasPrefix("sqlite:") ? String(location.dropFirst("sqlite:".count)) : location
            guard !path.isEmpty else { throw HistoryStoreError("\(location): expected sqlite:PATH or postgres://…") }
            base = try await SQLiteHistoryStore.open(path: path, logger: logger)
        }
        let store = GuardedHistoryStore(base, timeout: timeout)
        do {
            _ = try await store.migrate()
        } catch {
            // Bounded too: a client still trying to connect may be slow to stop.
            _ = try? await Deadline.run(within: timeout) { await store.shutdown() }
            let name = postgres ? PostgresHistoryStore.redacted(location) : location
            if let error = error as? HistoryStoreError, error.kind == .unavailable {
                throw HistoryStoreError("\(name): \(error.description)", kind: .unavailable)
            }
            throw HistoryStoreError("\(name): cannot prepare the coverage history database: \(String(reflecting: error))")
        }
        return store
    }
}
