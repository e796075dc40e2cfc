import Logging

/// Opens the coverage history named by `--db`: `sqlite:PATH` (or a bare path) or
/// `postgres://user:password@host:port/database`, and applies the migrations.
public enum HistoryDatabase {
    public static func open(_ location: String, logger: Logger) async throws -> any CoverageHistoryStore {
        let store: any CoverageHistoryStore
        if location.hasPrefix("postgres://") || location.hasPrefix("postgresql://") {
            store = try PostgresHistoryStore.connect(url: location, logger: logger)
        } else {
            let path = location.hasPrefix("sqlite:") ? String(location.dropFirst("sqlite:".count)) : location
            guard !path.isEmpty else { throw HistoryStoreError("\(location): expected sqlite:PATH or postgres://…") }
            store = try await SQLiteHistoryStore.open(path: path, logger: logger)
        }
        do {
            _ = try await store.migrate()
        } catch {
            await store.shutdown()
            let name = location.hasPrefix("postgres") ? PostgresHistoryStore.redacted(location) : location
            throw HistoryStoreError("\(name): cannot prepare the coverage history database: \(String(reflecting: error))")
        }
        return store
    }
}
