import ATTACK
import Foundation
import Testing
@testable import DataStore
import TestSupport

/// Reproducers of issue 10 items 1, 2 and 6: servers and indexes that lie, stall or never stop.
/// Each is refused with what happened and the cache is left as it was.
@Suite struct HostileServerTests {
    static let enterpriseObjects = "/api/v21/collections/\(AttackDomain.enterprise.collectionID)/objects/"

    /// A TAXII server whose Enterprise collection answers `objects` (one page).
    static func taxii(_ objects: String, collection: String = AttackDomain.enterprise.collectionID) throws -> LoopbackHTTPServer {
        let server = try LoopbackHTTPServer()
        server.route("/api/v21/collections/\(collection)/objects/") { _ in .json(#"{"more": false, "objects": [\#(objects)]}"#) }
        return server
    }

    /// The objects of `Fixture.bundle` (without the bundle around them).
    static func objects(version: String = "18.1", domain: AttackDomain = .enterprise) throws -> String {
        let bundle = Fixture.bundle(version: version, domain: domain)
        let start = try #require(bundle.range(of: "["))
        let end = try #require(bundle.range(of: "]}", options: .backwards))
        return String(bundle[start.upperBound..<end.lowerBound])
    }

    static func cacheWithRelease() throws -> (TemporaryDirectory, CacheDirectory, URL, Data) {
        let root = try TemporaryDirectory()
        let cache = CacheDirectory(url: root.url)
        let good = Data(Fixture.bundle().utf8)
        let file = try root.write("enterprise-attack-18.1.json", Fixture.bundle())
        return (root, cache, file, good)
    }

    @Test(arguments: ["18.1", "99.9"])
    func aTAXIIAnswerOfOneCollectionObjectNeitherReplacesNorAddsARelease(version: String) async throws {
        let (root, cache, file, good) = try Self.cacheWithRelease()
        let server = try Self.taxii(#"{"type": "x-mitre-collection", "id": "\#(AttackDomain.enterprise.collectionID)", "x_mitre_version": "\#(version)"}"#)
        let error = await #expect(throws: TAXIIError.self) {
            try await TAXIIClient().fetchCollectionAsBundle(apiRoot: server.url("/api/v21/"),
                                                            collectionID: AttackDomain.enterprise.collectionID, cache: cache)
        }
        guard case .notARelease(.noMatrix)? = error else { Issue.record("expected notARelease(noMatrix), got \(String(describing: error))"); return }
        #expect(try Data(contentsOf: file) == good)
        #expect(root.names() == ["enterprise-attack-18.1.json"], "no new release and no partial file")
    }

    @Test func aCachedReleaseIsReplacedOnlyWithForce() async throws {
        let (root, cache, file, good) = try Self.cacheWithRelease()
        let server = try Self.taxii(try Self.objects())
        let apiRoot = server.url("/api/v21/")
        await #expect(throws: TAXIIError.wouldReplace(path: file.path)) {
            try await TAXIIClient().fetchCollectionAsBundle(apiRoot: apiRoot, collectionID: AttackDomain.enterprise.collectionID, cache: cache)
        }
        #expect(try Data(contentsOf: file) == good)
        let saved = try await TAXIIClient().fetchCollectionAsBundle(apiRoot: apiRoot, collectionID: AttackDomain.enterprise.collectionID,
                                                                    cache: cache, force: true)
        #expect(saved.file == file && saved.isRelease)
        #expect(try Data(contentsOf: file) != good)
        #expect(root.names() == ["enterprise-attack-18.1.json"])
    }

    @Test(arguments: ["/../../x.json", "../x.json", "a/b.json", ".hidden.json", "x.txt", ""])
    func anOutputNameOutsideTheCacheIsRefused(name: String) async throws {
        let root = try TemporaryDirectory()
        let server = try Self.taxii(try Self.objects())
        await #expect(throws: TAXIIError.invalidFileName(name)) {
            try await TAXIIClient().fetchCollectionAsBundle(apiRoot: server.url("/api/v21/"), collectionID: AttackDomain.enterprise.collectionID,
                                                            cache: CacheDirectory(url: root.url.appendingPathComponent("cache")),
                                                            fileName: name)
        }
        #expect(root.names() == [])
        #expect(server.requests.isEmpty, "nothing is fetched for a name that cannot be written")
    }

    @Test func aReleaseNameGivenByHandMustHoldThatRelease() async throws {
        let root = try TemporaryDirectory()
        let server = try Self.taxii(try Self.objects(domain: .mobile), collection: "mirror")
        let error = await #expect(throws: TAXIIError.self) {
            try await TAXIIClient().fetchCollectionAsBundle(apiRoot: server.url("/api/v21/"), collectionID: "mirror",
                                                            cache: CacheDirectory(url: root.url), fileName: "enterprise-attack-18.1.json")
        }
        #expect("\(String(describing: error))".contains("expected Enterprise ATT&CK 18.1, found Mobile ATT&CK 18.1"))
        #expect(root.names() == [])
    }

    @Test func aMirrorWithoutMITREsCollectionIDIsNamedFromItsObjects() async throws {
        // Issue 12 item 12: a copy on another server is found by later commands.
        let root = try TemporaryDirectory()
        let server = try Self.taxii(try Self.objects(version: "17.1", domain: .ics), collection: "91a7b528-80eb-42ed-a74d-c6fbd5a26116")
        let saved = try await TAXIIClient().fetchCollectionAsBundle(
            apiRoot: server.url("/api/v21/"), collectionID: "91a7b528-80eb-42ed-a74d-c6fbd5a26116", cache: CacheDirectory(url: root.url))
        #expect(saved.file.lastPathComponent == "ics-attack-17.1.json")
        #expect(saved.isRelease && saved.domain == .ics && saved.version?.text == "17.1")
        #expect(try DataLocator(cache: CacheDirectory(url: root.url), environment: [:]).locate(domain: .ics)?.files == [saved.file])
    }

    @Test func aCollectionThatClaimsNothingKeepsItsOwnNameAndIsNotARelease() async throws {
        let root = try TemporaryDirectory()
        let server = try Self.taxii(#"{"type": "indicator", "id": "indicator--1"}"#, collection: "feed")
        let saved = try await TAXIIClient().fetchCollectionAsBundle(apiRoot: server.url("/api/v21/"), collectionID: "feed",
                                                                    cache: CacheDirectory(url: root.url))
        #expect(saved.file.lastPathComponent == "taxii-feed.json" && !saved.isRelease)
    }

    @Test func theMobileBundleServedAsEnterpriseIsRefused() async throws {
        let server = try ReleaseDownloaderTests.server()
        let cache = try TemporaryDirectory()
        server.route("/enterprise-attack/enterprise-attack-18.1.json") { _ in .json(Fixture.bundle(domain: .mobile)) }
        let error = await #expect(throws: DownloadError.self) { try await ReleaseDownloaderTests.downloader(server, cache).update() }
        guard case .notABundle(_, .notTheRelease(_, "Enterprise ATT&CK 18.1", "Mobile ATT&CK 18.1"))? = error else {
            Issue.record("expected notTheRelease, got \(String(describing: error))")
            return
        }
        #expect(cache.names() == ["index.json"])
    }

    @Test func anOlderReleaseServedAsTheNewOneIsRefused() async throws {
        let server = try ReleaseDownloaderTests.server()
        let cache = try TemporaryDirectory()
        server.route("/enterprise-attack/enterprise-attack-18.1.json") { _ in .json(Fixture.bundle(version: "9.0")) }
        await #expect(throws: DownloadError.self) { try await ReleaseDownloaderTests.downloader(server, cache).update() }
        #expect(cache.names() == ["index.json"])
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://example.org/x.json", "/etc/passwd", "https:///no-host.json"])
    func anIndexNamingAnythingButAWebURLIsRefused(url: String) {
        let index = #"{"collections": [{"id": "\#(AttackDomain.enterprise.collectionID)", "versions": [{"version": "18.1", "url": "\#(url)"}]}]}"#
        #expect(throws: ReleaseIndexError.unexpected(source: "i.json", path: "$.collections[0].versions[0].url",
                                                     expected: "an http or https URL")) {
            try ReleaseIndex(data: Data(index.utf8), source: "i.json")
        }
    }

    @Test func anEndlessBodyStopsAtTheCapWithAClearError() async throws {
        let server = try ReleaseDownloaderTests.server()
        let cache = try TemporaryDirectory()
        server.route("/enterprise-attack/enterprise-attack-18.1.json") { _ in
            .init(body: .untilClose(Data(repeating: 0x20, count: 3_000_000)))
        }
        let downloader = ReleaseDownloader(cache: CacheDirectory(url: cache.url), indexURL: server.url("/index.json"),
                                           environment: [:], timeout: 300, maxBundleBytes: 1_000_000)
        let error = await #expect(throws: DownloadError.self) { try await downloader.update() }
        #expect("\(String(describing: error))".contains("the answer went past 1.0 MB, the most accepted; stopped"))
        #expect(cache.names() == ["index.json"], "the partial file is removed")
    }

    @Test(.timeLimit(.minutes(5)))
    func aStalledServerIsCutOffAfterTheStallTime() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        server.route("/index.json") { _ in .init(body: .stalled(Data("{\"collections\": [".utf8), declaredLength: 1_000_000)) }
        let downloader = ReleaseDownloader(cache: CacheDirectory(url: cache.url), indexURL: server.url("/index.json"),
                                           environment: [:], timeout: 300, stallTimeout: 1)
        let error = await #expect(throws: DownloadError.self) { try await downloader.update() }
        #expect("\(String(describing: error))".contains("download failed: no data for 1 s; stopped"), "\(String(describing: error))")
        #expect(cache.names() == [])
    }

    @Test(.timeLimit(.minutes(5)))
    func theWholeOperationStopsAtItsDeadline() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let cache = try TemporaryDirectory()
        server.route("/index.json") { _ in .init(body: .stalled(Data("{".utf8), declaredLength: 1_000_000)) }
        let downloader = ReleaseDownloader(cache: CacheDirectory(url: cache.url), indexURL: server.url("/index.json"),
                                           environment: [:], timeout: 1.5, stallTimeout: 300)
        let error = await #expect(throws: DownloadError.self) { try await downloader.update() }
        #expect("\(String(describing: error))".contains("not finished in the time allowed"), "\(String(describing: error))")
    }

    @Test func stalePartialFilesAreRemovedAndFreshOnesKept() throws {
        let root = try TemporaryDirectory()
        let cache = CacheDirectory(url: root.url)
        let old = try root.write(".enterprise-attack-18.1.json.1.partial", "x")
        try root.write(".enterprise-attack-18.1.json.2.partial", "x")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -7200)], ofItemAtPath: old.path)
        cache.removeStalePartialFiles()
        #expect(root.names() == [".enterprise-attack-18.1.json.2.partial"])
    }
}
