import ATTACK
import ArgumentParser
import DataStore
import Foundation
import Logging
import Server
import STIX

/// `ttpkit serve`: the team server (TAXII 2.1, JSON API, web app, coverage history).
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve ATT&CK over TAXII 2.1, a JSON API and a web app, with coverage history.",
        discussion: """
            Loads every release in --data (a bundle file or a folder; default $TTPKIT_DATA, then \
            the cache): all domains, several releases side by side. Binds loopback unless --host \
            says otherwise. Read-only unless --token-file names a file holding the token that \
            writes (coverage pushes) must send as `Authorization: Bearer TOKEN`. Stops cleanly on \
            SIGINT/SIGTERM, finishing open requests.

            Endpoints: /healthz; TAXII 2.1 at /taxii2/ and /api/v21/ (the paths of MITRE's \
            server: point a client at http://HOST:PORT/api/v21/); the JSON API under /api/ \
            (described at /api/openapi.json); coverage history at /api/coverage (push with \
            `ttpkit coverage push`). Several servers can share one PostgreSQL database. \
            /api/extract's classifier learns from the same annotated reports as `ttpkit extract` \
            ($TTPKIT_TRAINING_REPORTS, else the shared folder's TRAM file; empty: none).

            Examples:
              ttpkit serve --data ~/attack-data
              ttpkit serve --host 0.0.0.0 --port 9000 --token-file /etc/ttpkit/token
              ttpkit serve --token-file token --taxii-auth       # TAXII needs basic auth too
              ttpkit serve --db postgres://ttpkit:secret@db.internal/ttpkit --token-file token
              curl -H 'Accept: application/taxii+json;version=2.1' http://127.0.0.1:8080/api/v21/collections/
            """)

    @Option(name: .long, help: ArgumentHelp("An ATT&CK bundle or folder of bundles (default: $TTPKIT_DATA, then the cache).", valueName: "path"))
    var data: String?

    @Option(name: .long, help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The TCP port to listen on.")
    var port = 8080

    @Option(name: .customLong("token-file"), help: ArgumentHelp("A file holding the token writes need (without one the server is read-only).", valueName: "file"))
    var tokenFile: String?

    @Flag(name: .customLong("taxii-auth"), help: "Require the token for TAXII too (HTTP basic: any user, the token as password).")
    var taxiiAuth = false

    @Option(name: .long, help: ArgumentHelp("Coverage history: sqlite:PATH or postgres://user:password@host:port/db (default: sqlite in the cache folder).", valueName: "url"))
    var db: String?

    @Option(name: .customLong("max-body"), help: ArgumentHelp("The largest request body in MiB; larger uploads get 413.", valueName: "MiB"))
    var maxBody = 32

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning or error.")
    var logLevel = "info"

    @Flag(name: .customLong("no-snapshot"), help: "Parse the bundles instead of reading their compiled snapshots from the cache (none is written).")
    var noSnapshot = false

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("--port: expected 1–65535, got \(port)") }
        guard (1...4096).contains(maxBody) else { throw ValidationError("--max-body: expected 1–4096 MiB, got \(maxBody)") }
        guard Logger.Level(rawValue: logLevel) != nil else { throw ValidationError("--log-level: expected trace, debug, info, notice, warning or error") }
        if taxiiAuth && tokenFile == nil { throw ValidationError("--taxii-auth needs --token-file") }
    }

    func run() throws {
        let token = try tokenFile.map(Self.readToken)
        let environment = CommandContext.current.environment
        let locator = DataLocator(cache: CacheDirectory.resolve(environment: environment), environment: environment)
        let files = try locator.locateEveryRelease(explicitPath: data)?.files
            ?? CacheBootstrap.fetchCurrentRelease(locator: locator, domain: nil, version: nil, environment: environment)
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "ttpkit.serve")
        let options = ServerOptions(host: host, port: port, bodyLimit: maxBody * 1024 * 1024, token: token,
                                    taxiiAuthentication: taxiiAuth)
        let started = Date()
        let serverData: ServerData
        let training = try SharedCorpus.annotatedReports(nil)
        do {
            let snapshots = noSnapshot ? nil : SnapshotStore(cache: CacheDirectory.resolve(environment: environment))
            serverData = try Blocking.run {
                try await ServerData.load(files: files, trainingReports: training?.reports, snapshots: snapshots) { note in
                    logger.notice("\(note)")
                }
            }
        } catch let error as LoadError {
            throw CLIError.load(error)
        }
        for duplicate in serverData.duplicates {
            logger.warning("skipped a second copy of a loaded release", metadata: ["file": .string(duplicate)])
        }
        logger.info("loaded ATT&CK", metadata: [
            "releases": .array(serverData.releases.map { .string("\($0.domain.shortName) \($0.version)") }),
            "seconds": .string(String(format: "%.1f", Date().timeIntervalSince(started))),
            "writes": .string(token == nil ? "off (no --token-file)" : "token"),
            "extract training reports": .string(training?.path ?? "none"),
        ])
        let cacheFolder = CacheDirectory.resolve(environment: environment).url
        if db == nil { try? FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true) }
        let location = db ?? "sqlite:" + cacheFolder.appendingPathComponent("history.sqlite").path
        let store: any CoverageHistoryStore
        do {
            store = try Blocking.run { try await HistoryDatabase.open(location, logger: logger) }
        } catch let error as HistoryStoreError {
            throw CLIError(error.description)
        }
        defer { _ = try? Blocking.run { await store.shutdown() } }
        try Blocking.run {
            try await TTPKitServer.application(data: serverData, options: options, store: store, logger: logger).runService()
        }
    }

    static func readToken(_ path: String) throws -> String {
        guard let data = try? FileBytes.read(path: path, limit: 4096), let text = String(data: data, encoding: .utf8) else {
            throw CLIError("\(path): cannot read the token file (at most 4 KiB of UTF-8 text)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard token.count >= 16, !token.contains(where: \.isWhitespace) else {
            throw CLIError("\(path): the token must be at least 16 characters without spaces")
        }
        return token
    }
}
