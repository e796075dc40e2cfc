import Foundation
import STIX
import TestSupport
import Testing

/// `ttpkit data ...` and the first-run download, against a loopback server this test starts.
@Suite("Data commands and first run")
struct DataCommandTests {
    let server: LoopbackHTTPServer
    let cache: URL

    init() throws {
        server = try LoopbackHTTPServer()
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-cache-\(UUID().uuidString)")
        var fixture = FixtureBundle.sample()
        fixture.collection(id: "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019", version: "18.1")
        let bundle = fixture.json()
        let index = """
            {"id": "x", "name": "MITRE ATT&CK", "collections": [
              {"id": "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019", "name": "Enterprise ATT&CK",
               "versions": [{"version": "18.1", "url": "\(server.url("/enterprise-attack-18.1.json"))", "modified": "2025-11-13T14:00:00.188Z"}]}
            ]}
            """
        server.route("/index.json") { _ in .json(index) }
        server.route("/enterprise-attack-18.1.json") { _ in .json(bundle) }
    }

    var environment: [String: String] {
        ["TTPKIT_CACHE": cache.path, "TTPKIT_INDEX_URL": server.url("/index.json").absoluteString, "TTPKIT_OFFLINE": ""]
    }

    @Test func firstCommandDownloadsTheCurrentReleaseAndSaysSo() throws {
        let r = try CommandRunner.run(["groups", "--format", "csv"], environment: environment)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("no ATT&CK data configured; downloading Enterprise ATT&CK 18.1"))
        #expect(r.stdout.contains("G0001,APT Test"))
        #expect(FileManager.default.fileExists(atPath: cache.appendingPathComponent("enterprise-attack-18.1.json").path))
        let again = try CommandRunner.run(["groups"], environment: environment)
        #expect(again.status == 0)
        #expect(!again.stderr.contains("downloading"), "the cache was not used")
    }

    @Test func updateListAndPath() throws {
        let update = try CommandRunner.run(["data", "update"], environment: environment)
        #expect(update.status == 0, "\(update.stderr)")
        #expect(update.stdout.contains("Enterprise ATT&CK 18.1\tdownloaded"))
        let list = try CommandRunner.run(["data", "list", "--format", "json"], environment: environment)
        let j = try JSONValue.parse(Array(list.stdout.utf8))
        #expect(j[0]?["version"]?.stringValue == "18.1")
        #expect(j[0]?["cached"]?.boolValue == true)
        let path = try CommandRunner.run(["data", "path"], environment: environment)
        #expect(path.stdout == cache.path + "\n")
    }

    @Test func offlineFirstRunNamesEveryWayToGetData() throws {
        var env = environment
        env["TTPKIT_INDEX_URL"] = "http://127.0.0.1:9/index.json"
        let r = try CommandRunner.run(["groups"], environment: env)
        #expect(r.status == 3)
        #expect(r.stderr.split(separator: "\n").last?.hasPrefix("ttpkit: error:") == true)
        #expect(r.stderr.contains("--data"))
        #expect(r.stderr.contains("TTPKIT_DATA"))
        #expect(r.stderr.contains("ttpkit data update"))
    }

    @Test func aTruncatedDownloadLeavesNothingBehind() throws {
        server.route("/enterprise-attack-18.1.json") { _ in .json(String(FixtureBundle.sample().json().prefix(500))) }
        let r = try CommandRunner.run(["data", "update"], environment: environment)
        #expect(r.status != 0)
        let left = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
        #expect(!left.contains("enterprise-attack-18.1.json"))
        #expect(!left.contains { $0.hasSuffix(".partial") })
    }
}
