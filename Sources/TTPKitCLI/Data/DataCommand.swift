import Output
import ATTACK
import ArgumentParser
import DataStore
import Foundation
import STIX

/// `ttpkit data ...`: the data folder — ATT&CK releases and the corpora answers depend on.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "Download, import, list and locate ATT&CK releases and corpora (MITRE's STIX bundles, TAXII 2.1, TRAM, AnnoCTR, MISP).",
        discussion: """
            The data folder is $TTPKIT_CACHE, else $XDG_CACHE_HOME/ttpkit, else ~/.cache/ttpkit \
            (~/Library/Caches/ttpkit on macOS).

            Examples:
              ttpkit data update                          # current Enterprise release
              ttpkit data update --domain all --version 17.1
              ttpkit data import tram ../shared/corpora/tram
              ttpkit data update --corpora                # the MISP galaxy from MISP (and a mirror's corpora)
              ttpkit data list
              ttpkit data path
              ttpkit data taxii --domain mobile           # from MITRE's TAXII 2.1 server
              ttpkit data snapshot                        # compile the snapshots commands read
            """,
        subcommands: [DataUpdateCommand.self, DataImportCommand.self, DataListCommand.self, DataPathCommand.self, DataTAXIICommand.self, DataSnapshotCommand.self]
    )
}

/// Checks `--timeout SECONDS` (the network commands' bound on the whole operation).
enum TimeoutArgument {
    static func validate(_ seconds: Double) throws {
        guard seconds.isFinite, seconds > 0, seconds <= 86_400 else { throw CLIError("--timeout must be between 1 and 86400 seconds") }
    }
}

/// Parses `--domain enterprise|mobile|ics|all`.
enum DomainArgument {
    static func parse(_ text: String) throws -> [AttackDomain] {
        if text.lowercased() == "all" { return AttackDomain.allCases }
        guard let d = AttackDomain(argument: text) else { throw CLIError("unknown domain '\(text)'; expected enterprise, mobile, ics or all") }
        return [d]
    }
}

struct DataUpdateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Download ATT&CK bundles listed in MITRE's release index (or, with --corpora, the corpora) into the data folder, verified and atomically.",
        discussion: """
            The index is mitre-attack/attack-stix-data's index.json (override with \
            TTPKIT_INDEX_URL). A download is written beside the cache and checked to be the \
            release the index names (a complete bundle of that domain whose x-mitre-collection \
            says that version) before it is moved in; a failed or substituted one leaves the \
            cache as it was. Only http(s) URLs are fetched; --timeout bounds the whole run.

            --corpora fetches the corpora instead: each is size-capped, parsed as what it claims \
            to be, and stored with its SHA-256 only then (a bad download never replaces a good \
            copy). The MISP threat-actor galaxy comes from MISP/misp-galaxy on GitHub. TRAM and \
            AnnoCTR publish per-report files that ttpkit reads converted, so they are fetched \
            only from a mirror of a corpora folder (--corpora-url or $TTPKIT_CORPORA_URL: \
            URL/tram/reports-dev.json, URL/annoctr/annoctr-train.json, \
            URL/misp-galaxy/clusters/threat-actor.json, licence files beside them); otherwise \
            `ttpkit data import` them.

            Examples:
              ttpkit data update
              ttpkit data update --domain all
              ttpkit data update --domain enterprise --version 16.1
              ttpkit data update --corpora
              ttpkit data update --corpora --corpora-url https://mirror.example/corpora/
            """)
    @Option(help: "enterprise, mobile, ics or all.") var domain: String = "enterprise"
    @Option(help: "The release, e.g. 18.1 (default: the newest).") var version: String?
    @Flag(help: "Download again even if cached.") var force = false
    @Option(help: "Seconds the whole update may take.") var timeout: Double = ReleaseDownloader.defaultTimeout
    @Flag(help: "Fetch the corpora (TRAM, AnnoCTR, the MISP threat-actor galaxy) instead of ATT&CK releases.") var corpora = false
    @Option(name: .customLong("corpus"), help: ArgumentHelp("With --corpora: only this corpus (repeatable): tram, annoctr or misp-galaxy.", valueName: "name"))
    var corpus: [String] = []
    @Option(name: .customLong("corpora-url"), help: ArgumentHelp("With --corpora: a mirror of a corpora folder (default: $TTPKIT_CORPORA_URL).", valueName: "url"))
    var corporaURL: String?

    func validate() throws {
        if !corpora && (!corpus.isEmpty || corporaURL != nil) { throw ValidationError("--corpus and --corpora-url go with --corpora") }
    }

    func run() throws {
        try TimeoutArgument.validate(timeout)
        if corpora { return try CorpusArgument.update(corpus, mirror: corporaURL, timeout: timeout) }
        let domains = try DomainArgument.parse(domain)
        let environment = CommandContext.current.environment
        let downloader = ReleaseDownloader(cache: CacheDirectory.resolve(environment: environment), environment: environment, timeout: timeout)
        let version = self.version
        let force = self.force
        let results = try Blocking.run {
            try await downloader.update(domains: domains, version: version, force: force, progress: ProgressPrinter.handler)
        }
        for r in results {
            Terminal.standardOutput.message("\(r.bundle.domain.collectionName) \(r.bundle.version.text)\t\(r.wasAlreadyCached ? "already cached" : "downloaded")\t\(r.bundle.url.path)\n")
        }
        // Compile each new release's snapshot now, so the first command after an update answers at once.
        let snapshots = SnapshotStore(cache: CacheDirectory.resolve(environment: environment))
        for r in results where !r.wasAlreadyCached { _ = try? snapshots.knowledgeBase(bundle: r.bundle.url) { _ in } }
    }
}

struct DataListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "Show the cached releases, the published ones from the last fetched index, and the imported corpora.",
        discussion: "Example:\n  ttpkit data list --format json")
    @OptionGroup var output: OutputOptions

    func run() throws {
        let cache = CacheDirectory.resolve(environment: CommandContext.current.environment)
        let cached: [CachedBundle]
        do { cached = try cache.cachedBundles() } catch { throw CLIError("\(error)") }
        let index = try? ReleaseDownloader(cache: cache, environment: CommandContext.current.environment).cachedIndex()
        var rows: [[String]] = []
        var json: [JSONValue] = []
        for domain in AttackDomain.allCases {
            let mine = cached.filter { $0.domain == domain }
            let published = index?.releases(domain) ?? []
            for c in mine {
                rows.append([domain.shortName, c.version.text, "cached", String(format: "%.1f MB", Double(c.size) / 1e6), c.url.path])
                json.append(["domain": .string(domain.shortName), "version": .string(c.version.text), "cached": true, "path": .string(c.url.path), "bytes": .number(Double(c.size))])
            }
            for r in published where !mine.contains(where: { $0.version == r.version }) {
                rows.append([domain.shortName, r.version.text, "published", "", r.url.absoluteString])
                json.append(["domain": .string(domain.shortName), "version": .string(r.version.text), "cached": false, "url": .string(r.url.absoluteString)])
            }
        }
        let corpora = CorpusArgument.listed(try CorpusStore(cache: cache).entries())
        if rows.isEmpty && corpora.rows.isEmpty && output.format == .table {
            Terminal.standardOutput.message("Nothing cached in \(cache.displayPath). Run `ttpkit data update` to download the current release.\n")
            return
        }
        let releases = Table(columns: ["domain", "version", "state", "size", "location"], rows: rows)
        let corpusTable = Table(columns: ["corpus", "file", "sha256", "holds", "origin"], rows: corpora.rows)
        let width = Terminal.standardOutput.tableWidth
        CommandOutput(json: .array(json + corpora.json), csv: releases) {
            [rows.isEmpty ? nil : releases.text(width: width), corpora.rows.isEmpty ? nil : corpusTable.text(width: width)]
                .compactMap { $0 }.joined(separator: "\n")
        }.print(output.format)
    }
}

struct DataPathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "Print the data folder, and the bundle files and corpora a command would load.",
        discussion: "Example:\n  ttpkit data path")
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let cache = CacheDirectory.resolve(environment: CommandContext.current.environment)
        Terminal.standardOutput.write(cache.url.path + "\n")
        let env = CommandContext.current.environment
        var noFetch = env
        noFetch["TTPKIT_OFFLINE"] = "1"
        if let files = try? DataResolver.bundleFiles(explicit: dataOptions.data, domain: try dataOptions.requestedDomain(), version: dataOptions.attackVersion, environment: noFetch) {
            for f in files { Terminal.standardError.write("ttpkit: would load \(f.path)\n") }
        }
        for e in try CorpusStore(cache: cache).entries() {
            Terminal.standardError.write("ttpkit: corpus \(e.corpus.name): \(e.file.path) (sha256:\(e.sha256.prefix(12)), from \(e.origin))\n")
        }
    }
}

struct DataTAXIICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "taxii",
        abstract: "Fetch a collection from a TAXII 2.1 server into the cache as a STIX bundle.",
        discussion: """
            Defaults to MITRE's server (https://attack-taxii.mitre.org/api/v21/) and the \
            collection of --domain. Pages are followed; --added-after fetches only newer objects.

            Examples:
              ttpkit data taxii --domain enterprise
              ttpkit data taxii --api-root http://127.0.0.1:5000/api1/ --collection 91a7b528-80eb-42ed-a74d-c6fbd5a26116 -o local.json
            """)
    @Option(help: "enterprise, mobile or ics.") var domain: String = "enterprise"
    @Option(name: .customLong("api-root"), help: "TAXII 2.1 API root URL.") var apiRoot: String?
    @Option(help: "Collection id (default: MITRE's collection of --domain).") var collection: String?
    @Option(name: .customLong("added-after"), help: "Only objects added after this timestamp.") var addedAfter: String?
    @Option(help: "Basic-auth user (password from TTPKIT_TAXII_PASSWORD).") var user: String?
    @Option(name: .shortAndLong, help: "File name in the cache (default: <domain>-attack-<version>.json when the collection says its version).") var output: String?
    @Flag(help: "Replace a cached release of the same domain and version.") var force = false
    @Option(help: "Seconds the whole fetch may take.") var timeout: Double = ReleaseDownloader.defaultTimeout

    func run() throws {
        guard let domain = try DomainArgument.parse(self.domain).first, try DomainArgument.parse(self.domain).count == 1 else {
            throw CLIError("--domain must be one domain for a TAXII collection")
        }
        let root: URL
        if let apiRoot {
            guard let url = URL(string: apiRoot), url.scheme == "http" || url.scheme == "https" else { throw CLIError("--api-root '\(apiRoot)' is not an http(s) URL") }
            root = url
        } else {
            root = TAXIIClient.mitreAPIRoot
        }
        guard let collectionID = collection ?? TAXIIClient.mitreCollections[domain] else { throw CLIError("no collection for \(domain)") }
        let credentials = user.map { TAXIICredentials(username: $0, password: CommandContext.current.environment["TTPKIT_TAXII_PASSWORD"] ?? "") }
        try TimeoutArgument.validate(timeout)
        let client = TAXIIClient(credentials: credentials, timeout: timeout)
        let cache = CacheDirectory.resolve(environment: CommandContext.current.environment)
        let fileName = output
        let addedAfter = self.addedAfter
        let force = self.force
        let result: TAXIIBundleFile
        do {
            result = try Blocking.run {
                try await client.fetchCollectionAsBundle(apiRoot: root, collectionID: collectionID, cache: cache, fileName: fileName,
                                                         addedAfter: addedAfter, force: force, progress: ProgressPrinter.handler)
            }
        } catch TAXIIError.invalidFileName(let name) {
            throw CLIError("-o \(TAXIIError.invalidFileName(name))")
        } catch let error as TAXIIError {
            guard case .wouldReplace = error else { throw error }
            throw CLIError("\(error) (pass --force to replace it)", exitCode: .badReferenceData)
        }
        Terminal.standardOutput.message("\(result.objectCount) objects\t\(result.file.path)\n")
        if let domain = result.domain, let version = result.version, result.isRelease {
            Terminal.standardError.write("ttpkit: saved as \(domain.collectionName) \(version.text); commands load it from the cache (--domain \(domain.shortName) --attack-version \(version.text))\n")
        } else {
            Terminal.standardError.write("ttpkit: not an ATT&CK release; load it with --data \(result.file.path)\n")
        }
    }
}
