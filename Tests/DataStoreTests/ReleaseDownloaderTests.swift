import Foundation
import Testing
@testable import DataStore
import TestSupport

@Suite struct ReleaseDownloaderTests {
    /// A loopback server with an index listing Enterprise 9.0 and 18.1 and ICS 18.1.
    static func server() throws -> LoopbackHTTPServer {
        let server = try LoopbackHTTPServer()
        let index = Fixture.index(base: server.baseURL, enterprise: ["9.0", "18.1"], ics: ["18.1"])
        server.route("/index.json") { _ in .json(index) }
        return server
    }

    static func downloader(_ server: LoopbackHTTPServer, _ cache: TemporaryDirectory) -> ReleaseDownloader {
        ReleaseDownloader(cache: CacheDirectory(url: cache.url), indexURL: server.url("/index.json"),
                          environment: [:], timeout: 300, stallTimeout: 60)
    }

    @Test func downloadsChunkedBundleVerifiesAndPlacesIt() async throws {
        let server = try Self.server()
        let cache = try TemporaryDirectory()
        let body = Data(Fixture.bundle(padding: 600_000).utf8)
        server.route("/enterprise-attack/enterprise-attack-18.1.json") { _ in .init(body: .chunked(body.pieces(7))) }
        let log = Fixture.ProgressLog()

        let results = try await Self.downloader(server, cache).update(domains: [.enterprise], progress: log.handler)

        #expect(results.count == 1)
        let result = try #require(results.first)
        #expect(result.bundle.version.text == "18.1")
        #expect(!result.wasAlreadyCached)
        #expect(result.bundle.url.lastPathComponent == "enterprise-attack-18.1.json")
        #expect(try Data(contentsOf: result.bundle.url) == body)
        #expect(cache.names() == ["enterprise-attack-18.1.json", "index.json"], "no temporary file is left")
        let events = log.events
        #expect(events.contains(.downloadStarted(domain: .enterprise, version: "18.1",
                                                 url: server.url("/enterprise-attack/enterprise-attack-18.1.json"))))
        #expect(events.contains { if case .bytesReceived(_, let received, nil) = $0 { received > 0 } else { false } })
        #expect(events.last == .installed(domain: .enterprise, version: "18.1", file: result.bundle.url,
                                          bytes: Int64(body.count)))
    }

    @Test func connectionClosedMidBodyLeavesNoFileAndSaysTruncated() async throws {
        let server = try Self.server()
        let cache = try TemporaryDirectory()
        let body = Data(Fixture.bundle(padding: 200_000).utf8)
        let half = body.prefix(body.count / 2)
        server.route("/enterprise-attack/enterprise-attack-18.1.json") { _ in
            .init(body: .truncated(half, declaredLength: body.count))
        }
        do {
            try await Self.downloader(server, cache).update(domains: [.enterprise])
            Issue.record("a truncated download must fail")
        } catch let error as DownloadError {
            let url = server.url("/enterprise-attack/enterprise-attack-18.1.json")
            switch error {
            case .truncated(let failed, let received, let expected):
                #expect(failed == url)
                #expect(received < expected)
                #expect(expected == Int64(body.count))
            case .transport(let failed, _):
                #expect(failed == url)  // some URLSession builds report the lost connection first
            default:
                Issue.record("unexpected error: \(error)")
            }
            #expect(String(describing: error).contains(url.absoluteString))
        }
        #expect(cache.names() == ["index.json"], "no partial bundle is left in the cache")
    }

    @Test func chunkedBodyCutOffLeavesNoFile() async throws {
        let server = try Self.server()
        let cache = try TemporaryDirectory()
        let body = Data(Fixture.bundle(padding: 100_000).utf8)
        server.route("/enterprise-attack/enterprise-attack-18.1.json") { _ in
            .init(body: .chunkedTruncated(Array(body.pieces(4).prefix(2))))
        }
        await #expect(throws: DownloadError.self) {
            try await Self.downloader(server, cache).update(domains: [.enterprise])
        }
        #expect(cache.names() == ["index.json"])
    }

    @Test func unframedBodyCutOffIsCaughtByVerification() async throws {
        let server = try Self.server()
        let cache = try TemporaryDirectory()
        let body = Data(Fixture.bundle().utf8)
        server.route("/enterprise-attack/enterprise-attack-18.1.json") { _ in
            .init(body: .untilClose(body.prefix(body.count - 40)))
        }
        do {
            try await Self.downloader(server, cache).update(domains: [.enterprise])
            Issue.record("an incomplete bundle must be rejected")
        } catch let DownloadError.notABundle(url, problem) {
            #expect(url.lastPathComponent == "enterprise-attack-18.1.json")
            guard case .invalidBundle(let path, _, let detail) = problem else {
                Issue.record("expected an invalid bundle, got \(problem)")
                return
            }
            #expect(path == url.absoluteString)
            #expect(detail.source == url.absoluteString, "the error names the URL, not the temporary file")
            #expect(detail.offset != nil)
        }
        #expect(cache.names() == ["index.json"])
    }

    @Test func bundleWithoutMatrixIsRejected() async throws {
        let server = try Self.server()
        let cache = try TemporaryDirectory()
        server.route("/enterprise-attack/enterprise-attack-18.1.json") { _ in .json(Fixture.bundleWithoutMatrix) }
        do {
            try await Self.downloader(server, cache).update()
            Issue.record("a bundle without x-mitre-matrix must be rejected")
        } catch let DownloadError.notABundle(_, problem) {
            guard case .noMatrix(_, let count) = problem else {
                Issue.record("expected noMatrix, got \(problem)")
                return
            }
            #expect(count == 1)
            #expect(String(describing: DownloadError.notABundle(url: server.baseURL, problem: problem))
                .contains("expected an ATT&CK bundle with an x-mitre-matrix object"))
        }
        #expect(cache.names() == ["index.json"])
    }

    @Test func httpErrorStatusIsReportedWithTheURL() async throws {
        let server = try Self.server()  // no route for the bundle: 404
        let cache = try TemporaryDirectory()
        let url = server.url("/enterprise-attack/enterprise-attack-18.1.json")
        await #expect(throws: DownloadError.httpStatus(url: url, status: 404)) {
            try await Self.downloader(server, cache).update()
        }
        #expect(cache.names() == ["index.json"])
    }

    @Test func skipsCachedReleasesUnlessForced() async throws {
        let server = try Self.server()
        let cache = try TemporaryDirectory()
        let bundlePath = "/ics-attack/ics-attack-18.1.json"
        let body = Fixture.bundle(domain: .ics)
        server.route(bundlePath) { _ in .json(body) }
        let downloader = Self.downloader(server, cache)

        _ = try await downloader.update(domains: [.ics])
        let again = try await downloader.update(domains: [.ics])
        #expect(again.first?.wasAlreadyCached == true)
        #expect(server.requests.filter { $0.path == bundlePath }.count == 1)

        let forced = try await downloader.update(domains: [.ics], force: true)
        #expect(forced.first?.wasAlreadyCached == false)
        #expect(server.requests.filter { $0.path == bundlePath }.count == 2)
    }

    @Test func downloadsTheRequestedVersionAndKeepsTheIndex() async throws {
        let server = try Self.server()
        let cache = try TemporaryDirectory()
        server.route("/enterprise-attack/enterprise-attack-9.0.json") { _ in .json(Fixture.bundle(version: "9.0")) }
        let downloader = Self.downloader(server, cache)

        let results = try await downloader.update(domains: [.enterprise], version: "9")
        #expect(results.map(\.bundle.url.lastPathComponent) == ["enterprise-attack-9.0.json"])
        let saved = try #require(try downloader.cachedIndex())
        #expect(saved.releases(.enterprise).map(\.version.text) == ["18.1", "9.0"])
        await #expect(throws: ReleaseIndexError.self) {
            try await downloader.update(domains: [.enterprise], version: "4.2")
        }
    }

    @Test func unreachableIndexIsATransportError() async throws {
        // Port 9 (discard) is privileged and below the ephemeral range: nothing listens there,
        // and no test server can be given it (a stopped server's port could be reused by another).
        let url = try #require(URL(string: "http://127.0.0.1:9/index.json"))
        let cache = try TemporaryDirectory()
        let downloader = ReleaseDownloader(cache: CacheDirectory(url: cache.url), indexURL: url, environment: [:])
        do {
            _ = try await downloader.fetchIndex()
            Issue.record("fetching from a closed port must fail")
        } catch let DownloadError.transport(failed, reason) {
            #expect(failed == url)
            #expect(!reason.isEmpty)
        }
        #expect(cache.names().isEmpty)
    }
}
