import Foundation
import Testing
@testable import DataStore
import TestSupport

@Suite struct DataLocatorTests {
    /// A cache with Enterprise 17.1 and 18.1 and Mobile 18.1, a --data file and a TTPKIT_DATA folder.
    struct Setup {
        let root: TemporaryDirectory
        let cache: CacheDirectory
        let option: URL
        let environmentFolder: URL

        init() throws {
            root = try TemporaryDirectory()
            let cacheFolder = try root.folder("cache")
            for name in ["enterprise-attack-17.1.json", "enterprise-attack-18.1.json", "mobile-attack-18.1.json",
                         "index.json"] {
                try root.write("cache/\(name)", Fixture.bundle())
            }
            cache = CacheDirectory(url: cacheFolder)
            option = try root.write("option/my-bundle.json", Fixture.bundle())
            environmentFolder = try root.folder("env")
            try root.write("env/ics-attack-18.1.json", Fixture.bundle())
            try root.write("env/enterprise-attack-18.1.json", Fixture.bundle())
            try root.write("env/index.json", "{}")
            try root.write("env/README.md", "not a bundle")
        }
    }

    @Test func explicitPathWinsOverEnvironmentAndCache() throws {
        let setup = try Setup()
        let locator = DataLocator(cache: setup.cache, environment: ["TTPKIT_DATA": setup.environmentFolder.path])
        let selection = try #require(try locator.locate(explicitPath: setup.option.path))
        #expect(selection.files == [setup.option])
        #expect(selection.origin == .option(setup.option.path))
    }

    @Test func environmentFolderWinsOverCacheAndSkipsIndexAndNonJSON() throws {
        let setup = try Setup()
        let locator = DataLocator(cache: setup.cache, environment: ["TTPKIT_DATA": setup.environmentFolder.path])
        let selection = try #require(try locator.locate())
        #expect(selection.files.map(\.lastPathComponent) == ["enterprise-attack-18.1.json", "ics-attack-18.1.json"])
        #expect(selection.origin == .environment(setup.environmentFolder.path))
        let icsOnly = try #require(try locator.locate(domain: .ics))
        #expect(icsOnly.files.map(\.lastPathComponent) == ["ics-attack-18.1.json"])
    }

    @Test func aFolderGivesTheNewestReleaseOfEachDomainUnlessAVersionIsAsked() throws {
        let root = try TemporaryDirectory()
        let folder = try root.folder("releases")
        for name in ["enterprise-attack-9.0.json", "enterprise-attack-18.1.json", "enterprise-attack-14.0.json",
                     "mobile-attack-17.1.json", "custom.json"] {
            try root.write("releases/\(name)", Fixture.bundle())
        }
        let locator = DataLocator(cache: CacheDirectory(url: try root.folder("cache")), environment: [:])
        let newest = try #require(try locator.locate(explicitPath: folder.path))
        #expect(newest.files.map(\.lastPathComponent) == ["enterprise-attack-18.1.json", "mobile-attack-17.1.json", "custom.json"])
        let pinned = try #require(try locator.locate(explicitPath: folder.path, version: "14.0"))
        #expect(pinned.files.map(\.lastPathComponent) == ["enterprise-attack-14.0.json"])
    }

    @Test func cacheGivesNewestVersionOfEachDomain() throws {
        let setup = try Setup()
        let locator = DataLocator(cache: setup.cache, environment: ["TTPKIT_DATA": ""])
        let selection = try #require(try locator.locate())
        #expect(selection.files.map(\.lastPathComponent) == ["enterprise-attack-18.1.json", "mobile-attack-18.1.json"])
        #expect(selection.origin == .cache(setup.cache.url))
    }

    @Test func cacheHonoursRequestedDomainAndVersion() throws {
        let setup = try Setup()
        let locator = DataLocator(cache: setup.cache, environment: [:])
        let old = try #require(try locator.locate(domain: .enterprise, version: "17.1"))
        #expect(old.files.map(\.lastPathComponent) == ["enterprise-attack-17.1.json"])
        let mobile = try #require(try locator.locate(domain: .mobile))
        #expect(mobile.files.map(\.lastPathComponent) == ["mobile-attack-18.1.json"])
        #expect(try locator.locate(domain: .ics) == nil)
        do {
            _ = try locator.locate(domain: .enterprise, version: "16.1")
            Issue.record("an uncached version must be an error")
        } catch let error as DataLocatorError {
            #expect(error == .versionNotCached(domain: .enterprise, version: "16.1", cache: setup.cache.displayPath,
                                               cached: ["18.1", "17.1"]))
            #expect(String(describing: error).contains("Enterprise ATT&CK 16.1 is not cached"))
            #expect(!String(describing: error).contains("--"), "library messages name no CLI options")
        }
    }

    @Test func missingExplicitPathIsAnErrorNamingIt() throws {
        let setup = try Setup()
        let locator = DataLocator(cache: setup.cache, environment: [:])
        let missing = setup.root.url.appendingPathComponent("nope.json").path
        #expect(throws: DataLocatorError.pathNotFound(path: missing, origin: .option(missing))) {
            try locator.locate(explicitPath: missing)
        }
        #expect(String(describing: DataLocatorError.pathNotFound(path: missing, origin: .option(missing)))
            == "\(missing): no such file or folder", "the library names no CLI option; the CLI adds it")
    }

    @Test func missingEnvironmentPathIsAnErrorNotAFallThrough() throws {
        let setup = try Setup()
        let locator = DataLocator(cache: setup.cache, environment: ["TTPKIT_DATA": "/no/such/bundle.json"])
        #expect(throws: DataLocatorError.pathNotFound(path: "/no/such/bundle.json", origin: .environment("/no/such/bundle.json"))) {
            try locator.locate()
        }
        #expect(String(describing: DataLocatorError.pathNotFound(path: "/no/such/bundle.json", origin: .environment("/no/such/bundle.json")))
            == "/no/such/bundle.json: no such file or folder (given by TTPKIT_DATA)")
    }

    @Test func folderWithoutBundlesIsAnError() throws {
        let setup = try Setup()
        let empty = try setup.root.folder("empty")
        try setup.root.write("empty/index.json", "{}")
        let locator = DataLocator(cache: setup.cache, environment: [:])
        #expect(throws: DataLocatorError.noBundles(path: empty.path, origin: .option(empty.path), filter: nil)) {
            try locator.locate(explicitPath: empty.path)
        }
    }

    @Test func nothingConfiguredGivesNil() throws {
        let root = try TemporaryDirectory()
        let locator = DataLocator(cache: CacheDirectory(url: root.url.appendingPathComponent("cache")), environment: [:])
        #expect(try locator.locate() == nil)
    }

    @Test func bootstrapFailureNamesEveryWayToProvideData() async throws {
        let server = try LoopbackHTTPServer()  // no routes: the index is 404
        let root = try TemporaryDirectory()
        let cache = CacheDirectory(url: root.url.appendingPathComponent("cache"))
        let locator = DataLocator(cache: cache, environment: [:])
        let downloader = ReleaseDownloader(cache: cache, indexURL: server.url("/index.json"), environment: [:])
        do {
            _ = try await locator.bootstrap(downloader: downloader)
            Issue.record("bootstrap must fail when the index cannot be fetched")
        } catch let error as DataLocatorError {
            let text = String(describing: error)
            guard case .noDataConfigured = error else { Issue.record("\(error)"); return }
            #expect(text.contains("404"))
            #expect(!text.contains("--data"), "the CLI adds the options to use")
        }
        #expect(try cache.cachedBundles().isEmpty)
    }

    @Test func bootstrapDownloadsLatestEnterpriseWithOneNotice() async throws {
        let server = try LoopbackHTTPServer()
        let index = Fixture.index(base: server.baseURL, enterprise: ["17.1", "18.1"])
        server.route("/index.json") { _ in .json(index) }
        server.route("/enterprise-attack/enterprise-attack-18.1.json") { _ in .json(Fixture.bundle()) }
        let root = try TemporaryDirectory()
        let cache = CacheDirectory(url: root.url.appendingPathComponent("cache"), homeDirectory: root.url)
        let locator = DataLocator(cache: cache, environment: [:])
        let downloader = ReleaseDownloader(cache: cache, indexURL: server.url("/index.json"), environment: [:])
        let log = Fixture.ProgressLog()

        #expect(try locator.locate() == nil)
        let selection = try await locator.bootstrap(downloader: downloader, progress: log.handler)

        #expect(selection.files.map(\.lastPathComponent) == ["enterprise-attack-18.1.json"])
        let notices = log.events.compactMap { if case .notice(let text) = $0 { text } else { nil } }
        #expect(notices == ["no ATT&CK data configured; downloading Enterprise ATT&CK 18.1 into ~/cache …"])
        #expect(try locator.locate()?.files == selection.files)
    }
}
