import Foundation
import STIX
import Testing
@testable import DataStore
import TestSupport

/// The corpora in the data folder: stored verified and recorded, fetched within bounds, and
/// never replaced by something that failed.
@Suite struct CorpusStoreTests {
    /// Accepts an object with a "reports" list (the real parsers live in Intel and Coverage).
    static let verify: CorpusVerifier = { (_: Corpus, data: Data, source: String) throws(CorpusError) -> String in
        guard let reports = (try? JSONValue.parse(data))?["reports"]?.arrayValue else { throw .invalid("\(source):1: expected reports") }
        return "\(reports.count) reports"
    }

    static let good = #"{"reports": [{"text": "a"}]}"#

    @Test func storesRecordsAndReadsBackCheckingTheDigest() throws {
        let dir = try TemporaryDirectory()
        let store = CorpusStore(cache: CacheDirectory(url: dir.url.appendingPathComponent("data")))
        let source = try dir.write("src/tram/reports-dev.json", Self.good)
        try dir.write("src/tram/LICENSE.txt", "licence")
        let stored = try store.importCopy(.tram, from: source.deletingLastPathComponent().path, verify: Self.verify)
        #expect(stored.entry.sha256 == STIXBundle.sha256(Data(Self.good.utf8)) && stored.entry.summary == "1 reports" && !stored.unchanged)
        #expect(stored.entry.origin == source.path && stored.entry.licenceFiles.map(\.lastPathComponent) == ["LICENSE.txt"])
        #expect(try store.entries() == [stored.entry])
        #expect(try store.read(stored.entry) == Data(Self.good.utf8))
        #expect(dir.names(in: store.folder.appendingPathComponent("tram")) == ["LICENSE.txt", "reports-dev.json"], "no temporary file left")

        // Another copy under another name replaces the first and its licence: one copy per corpus.
        let other = try dir.write("elsewhere/my-tram.json", #"{"reports": []}"#)
        let again = try store.importCopy(.tram, from: other.path, verify: Self.verify)
        #expect(dir.names(in: store.folder.appendingPathComponent("tram")) == ["my-tram.json"])
        #expect(try store.entries().map(\.file) == [again.entry.file] && again.notes.count == 1)

        try Data("changed".utf8).write(to: again.entry.file)
        #expect(throws: CorpusError.changed(path: again.entry.file.path, recorded: again.entry.sha256, found: STIXBundle.sha256(Data("changed".utf8)))) {
            try store.read(again.entry)
        }
    }

    @Test func aFileThatFailsVerificationChangesNothing() throws {
        let dir = try TemporaryDirectory()
        let store = CorpusStore(cache: CacheDirectory(url: dir.url.appendingPathComponent("data")))
        let good = try dir.write("good.json", Self.good)
        _ = try store.importCopy(.annoctr, from: good.path, verify: Self.verify)
        let manifest = try Data(contentsOf: store.manifestFile)
        let bad = try dir.write("bad.json", "[]")
        #expect(throws: CorpusError.invalid("\(bad.path):1: expected reports")) { try store.importCopy(.annoctr, from: bad.path, verify: Self.verify) }
        #expect(throws: CorpusError.notFound(path: dir.url.appendingPathComponent("none.json").path)) {
            try store.importCopy(.annoctr, from: dir.url.appendingPathComponent("none.json").path, verify: Self.verify)
        }
        #expect(try Data(contentsOf: store.manifestFile) == manifest)
    }

    @Test func aDamagedManifestSaysWhere() throws {
        let dir = try TemporaryDirectory()
        let store = CorpusStore(cache: CacheDirectory(url: dir.url))
        try dir.write("corpora/manifest.json", #"{"format": "ttpkit-corpora", "corpora": [{"name": "tram", "file": "../../etc/passwd", "sha256": "x", "origin": "o", "date": "d"}]}"#)
        #expect(throws: CorpusError.manifest(path: store.manifestFile.path, line: 1, reason: #"corpora[0]: expected a file of tram/, found "../../etc/passwd""#)) {
            try store.entries()
        }
    }

    /// From a mirror: an oversized file is cut off and nothing is saved; a good one is stored
    /// with its licence; one that fails verification leaves the good copy.
    @Test func downloadsWithinTheCapAndNeverReplacesAGoodCopy() async throws {
        let dir = try TemporaryDirectory()
        let store = CorpusStore(cache: CacheDirectory(url: dir.url))
        let server = try LoopbackHTTPServer()
        let big = #"{"reports": [{"text": ""# + String(repeating: "x", count: 5_000) + #""}]}"#
        server.route("/c/tram/reports-dev.json") { _ in .json(big) }
        let small = CorpusDownloader(store: store, base: server.url("/c/"), environment: [:], timeout: 60, maxBytes: 4_096)
        let oversized = await small.update([.tram], verify: Self.verify)
        guard case .failed(.tram, .download(let message))? = oversized.first else {
            Issue.record("expected a failed download, got \(oversized)")
            return
        }
        #expect(message.contains("the answer went past") && message.hasSuffix("nothing was saved"), "\(message)")
        #expect(try store.entries().isEmpty)

        server.route("/c/tram/reports-dev.json") { _ in .json(Self.good) }
        server.route("/c/tram/NOTICE.txt") { _ in .init(body: .complete(Data("notice".utf8))) }
        let downloader = CorpusDownloader(store: store, base: server.url("/c/"), environment: [:], timeout: 60)
        guard case .stored(let stored, let url)? = await downloader.update([.tram], verify: Self.verify).first else {
            Issue.record("expected the corpus stored")
            return
        }
        #expect(url == server.url("/c/tram/reports-dev.json") && stored.entry.origin == url.absoluteString)
        #expect(stored.entry.licenceFiles.map(\.lastPathComponent) == ["NOTICE.txt"])

        server.route("/c/tram/reports-dev.json") { _ in .json("[1, 2]") }
        let failed = await downloader.update([.tram], verify: Self.verify)
        guard case .failed(.tram, .invalid(let why))? = failed.first else {
            Issue.record("expected a failed verification, got \(failed)")
            return
        }
        #expect(why == server.url("/c/tram/reports-dev.json").absoluteString + ":1: expected reports; nothing was saved")
        #expect(try store.entries() == [stored.entry] && (try store.read(stored.entry)) == Data(Self.good.utf8))
    }

    @Test func withoutAMirrorOnlyTheGalaxyHasAPublisherURL() {
        let downloader = CorpusDownloader(store: CorpusStore(cache: CacheDirectory(url: URL(fileURLWithPath: "/tmp/x"))), environment: [:])
        #expect(downloader.folder(of: .tram) == nil && downloader.folder(of: .annoctr) == nil)
        #expect(downloader.folder(of: .mispGalaxy)?.absoluteString == "https://raw.githubusercontent.com/MISP/misp-galaxy/main/")
        let mirrored = CorpusDownloader(store: downloader.store, environment: ["TTPKIT_CORPORA_URL": "http://mirror.example/corpora"])
        #expect(mirrored.folder(of: .mispGalaxy)?.absoluteString == "http://mirror.example/corpora/misp-galaxy/")
    }
}
