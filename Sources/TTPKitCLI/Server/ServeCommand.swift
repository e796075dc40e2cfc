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
            writes (coverage pushes) must send as `Authorization: Bearer TOKEN` with a JSON body. \
            With a token configured (--token-file, --read-token-file), reading coverage history, \
            snapshots and diffs needs one too (bearer, or HTTP basic with the token as password, \
            which browsers ask for), unless --public-reads. Token files must not be writable by \
            other users (a warning when readable by them). Stops cleanly on SIGINT/SIGTERM, \
            finishing open requests.

            Limits: at most --max-connections connections (the one idle longest makes room for a \
            new one; never more than the open-file limit allows), --header-timeout seconds to \
            send a request head, extraction and training on --compute-threads threads with at \
            most --compute-queue waiting (more get 503 with Retry-After), --db-timeout seconds \
            per database call (then 503; at start-up, exit 3 when the database cannot be \
            reached). /healthz reports the database; /readyz answers 503 while it is down.

            Endpoints: /healthz; TAXII 2.1 at /taxii2/ and /api/v21/ (the paths of MITRE's \
            server: point a client at http://HOST:PORT/api/v21/); the JSON API under /api/ \
            (described at /api/openapi.json); coverage history at /api/coverage (push with \
            `ttpkit coverage push`). Several servers can share one PostgreSQL database. \
            /api/extract's classifier learns from the same annotated reports as `ttpkit extract` \
            ($TTPKIT_TRAINING_REPORTS, empty for none, else the corpora imported into the data \
            folder), and --sector in /api/gaps and /api/report reads the same MISP galaxy \
            ($TTPKIT_MISP_GALAXY, else the imported copy): answers and their provenance are the \
            CLI's for the same data.

            Examples:
              ttpkit serve --data ~/attack-data
              ttpkit serve --host 0.0.0.0 --port 9000 --token-file /etc/ttpkit/token
              ttpkit serve --token-file token --taxii-auth       # TAXII needs basic auth too
              ttpkit serve --token-file write-token --read-token-file read-token
              ttpkit serve --host 127.0.0.1 --trusted-proxy      # behind nginx: X-Forwarded-Host names the server
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

    @Option(name: .customLong("read-token-file"), help: ArgumentHelp("A file holding a token that reads coverage data (and TAXII with --taxii-auth) but cannot write.", valueName: "file"))
    var readTokenFile: String?

    @Flag(name: .customLong("public-reads"), help: "Let anyone read coverage history, snapshots and diffs even when a token is configured.")
    var publicReads = false

    @Flag(name: .customLong("taxii-auth"), help: "Require a token for TAXII too (HTTP basic: any user, the token as password).")
    var taxiiAuth = false

    @Flag(name: .customLong("trusted-proxy"), help: "Trust X-Forwarded-Host and X-Forwarded-Proto (set them in the reverse proxy in front).")
    var trustedProxy = false

    @Option(name: .customLong("max-connections"), help: "The most connections open at once (capped by the open-file limit).")
    var maxConnections = 1000

    @Option(name: .customLong("header-timeout"), help: ArgumentHelp("Seconds a new connection has to send its request head.", valueName: "seconds"))
    var headerTimeout = 10

    @Option(name: .customLong("compute-threads"), help: "Threads for extraction and classifier training (default: cores - 1).")
    var computeThreads = ServerOptions.defaultComputeThreads

    @Option(name: .customLong("compute-queue"), help: "Extractions that may wait for a compute thread; more get 503.")
    var computeQueue = 16

    @Option(name: .customLong("db-timeout"), help: ArgumentHelp("Seconds a coverage-history database call (or connecting at start-up) may take.", valueName: "seconds"))
    var dbTimeout = 5.0

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
        if taxiiAuth && tokenFile == nil && readTokenFile == nil { throw ValidationError("--taxii-auth needs --token-file or --read-token-file") }
        guard (1...1_000_000).contains(maxConnections) else { throw ValidationError("--max-connections: expected 1–1000000, got \(maxConnections)") }
        guard (1...3600).contains(headerTimeout) else { throw ValidationError("--header-timeout: expected 1–3600 seconds, got \(headerTimeout)") }
        guard (1...256).contains(computeThreads) else { throw ValidationError("--compute-threads: expected 1–256, got \(computeThreads)") }
        guard (0...10_000).contains(computeQueue) else { throw ValidationError("--compute-queue: expected 0–10000, got \(computeQueue)") }
        guard dbTimeout >= 0.1, dbTimeout <= 600 else { throw ValidationError("--db-timeout: expected 0.1–600 seconds, got \(dbTimeout)") }
    }

    func run() throws {
        let token = try tokenFile.map(Self.readToken)
        let readToken = try readTokenFile.map(Self.readToken)
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
        let connectionLimit = FileDescriptorLimit.connections(wanted: maxConnections)
        if connectionLimit < maxConnections {
            logger.warning("fewer connections than --max-connections: the open-file limit leaves room for fewer", metadata: [
                "connections": .stringConvertible(connectionLimit)])
        }
        let options = ServerOptions(
            host: host, port: port, bodyLimit: maxBody * 1024 * 1024, token: token, readToken: readToken,
            publicReads: publicReads, taxiiAuthentication: taxiiAuth, trustedProxy: trustedProxy,
            headerTimeout: headerTimeout, maxConnections: connectionLimit, computeThreads: computeThreads,
            computeQueue: computeQueue, databaseTimeout: dbTimeout)
        let started = Date()
        let serverData: ServerData
        let training = try CorpusFiles.trainingReports([])
        let galaxy = try CorpusFiles.galaxy(nil)
        do {
            let snapshots = noSnapshot ? nil : SnapshotStore(cache: CacheDirectory.resolve(environment: environment))
            serverData = try Blocking.run {
                try await ServerData.load(files: files, trainingReports: training, galaxy: galaxy, snapshots: snapshots) { note in
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
            "coverage reads": .string(publicReads || (token == nil && readToken == nil) ? "public" : "token"),
            "extract training reports": .array(training.map { .string("\($0.source) sha256:\($0.sha256.prefix(12))") }),
            "galaxy": .string(galaxy.map { "\($0.source) sha256:\($0.sha256.prefix(12))" } ?? "none"),
        ])
        let cacheFolder = CacheDirectory.resolve(environment: environment).url
        if db == nil { try? FileManager.default.createDirectory(at: cacheFolder, withIntermediateDirectories: true) }
        let location = db ?? "sqlite:" + cacheFolder.appendingPathComponent("history.sqlite").path
        let store: any CoverageHistoryStore
        do {
            store = try Blocking.run { try await HistoryDatabase.open(location, logger: logger, timeout: .seconds(dbTimeout)) }
        } catch let error as HistoryStoreError {
            // A database that cannot be reached is missing reference data: exit 3, as for ATT&CK data.
            throw CLIError(error.description, exitCode: error.kind == .unavailable ? .badReferenceData : .badInput)
        }
        defer { _ = try? Blocking.run { await store.shutdown() } }
        try Blocking.run {
            try await TTPKitServer.application(data: serverData, options: options, store: store, logger: logger).runService()
        }
    }

    /// The token in a file: refused when other users can write the file, with a warning when
    /// they can read it.
    static func readToken(_ path: String) throws -> String {
        if let mode = (try? FileManager.default.attributesOfItem(atPath: path))?[.posixPermissions] as? Int {
            if mode & 0o022 != 0 {
                throw CLIError("\(path): other users can change this token file (mode \(String(mode & 0o777, radix: 8))); run chmod 600 \(path)")
            }
            if mode & 0o044 != 0 {
                Terminal.standardError.write("ttpkit: warning: \(path): other users can read this token file (mode \(String(mode & 0o777, radix: 8))); run chmod 600 \(path)\n")
            }
        }
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
