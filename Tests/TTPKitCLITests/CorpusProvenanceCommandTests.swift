import Foundation
import STIX
import TestSupport
import Testing

@Suite("data update --corpora, against a loopback mirror")
struct CorpusUpdateCommandTests {
    /// A mirror of a corpora folder: `/corpora/<name>/<layout path>` and licence files.
    static func mirror(tram: String = CorpusFixture.tram) throws -> LoopbackHTTPServer {
        let server = try LoopbackHTTPServer()
        server.route("/corpora/tram/reports-dev.json") { _ in .json(tram) }
        server.route("/corpora/tram/LICENSE.txt") { _ in .init(body: .complete(Data("Apache License 2.0".utf8))) }
        server.route("/corpora/annoctr/annoctr-train.json") { _ in .json(CorpusFixture.annoctr) }
        server.route("/corpora/annoctr/LICENSE.txt") { _ in .init(body: .complete(Data("CC-BY-SA 4.0".utf8))) }
        server.route("/corpora/misp-galaxy/clusters/threat-actor.json") { _ in .json(CorpusFixture.galaxy) }
        return server
    }

    @Test func fetchesVerifiesAndRecordsAndABadDownloadNeverReplacesAGoodCopy() throws {
        let f = try CorpusFixture()
        defer { f.remove() }
        let server = try Self.mirror()
        let base = server.url("/corpora/").absoluteString
        let r = try f.ttpkit(["data", "update", "--corpora", "--corpora-url", base])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").map { $0.split(separator: "\t").prefix(2).joined(separator: " ") }
                == ["tram downloaded", "annoctr downloaded", "misp-galaxy downloaded"])
        let entries = try f.manifest()["corpora"]?.arrayValue ?? []
        #expect(entries.map { $0["origin"]?.stringValue ?? "" } == [
            base + "tram/reports-dev.json", base + "annoctr/annoctr-train.json", base + "misp-galaxy/clusters/threat-actor.json",
        ])
        #expect(entries[0]["sha256"]?.stringValue == STIXBundle.sha256(Data(CorpusFixture.tram.utf8)))
        #expect(entries[1]["licence_files"]?.stringArray == ["annoctr/LICENSE.txt"])
        #expect(r.stderr.contains("no licence text found for misp-galaxy"))

        // The mirror now serves something that is not TRAM: exit 3, the good copy stays, the others update.
        let bad = try Self.mirror(tram: #"{"labels": ["T1059.001"], "reports": "none"}"#)
        let b = try f.ttpkit(["data", "update", "--corpora", "--corpora-url", bad.url("/corpora/").absoluteString])
        #expect(b.status == 3)
        #expect(b.stderr.contains("tram/reports-dev.json:1: expected an object with \"reports\"") && b.stderr.contains("nothing was saved"), "\(b.stderr)")
        #expect(b.stdout.contains("annoctr\tunchanged") && !b.stdout.contains("tram\t"))
        let kept = try f.manifest()["corpora"]?[0]
        #expect(kept?["sha256"]?.stringValue == STIXBundle.sha256(Data(CorpusFixture.tram.utf8)) && kept?["origin"]?.stringValue == base + "tram/reports-dev.json")
        #expect(try Data(contentsOf: f.cache.appendingPathComponent("corpora/tram/reports-dev.json")) == Data(CorpusFixture.tram.utf8))

        // A corpus asked for by name that the publisher does not serve in ttpkit's format: said, exit 3.
        let unavailable = try f.ttpkit(["data", "update", "--corpora", "--corpus", "annoctr"])
        #expect(unavailable.status == 3 && unavailable.stderr.contains("annoctr: not fetched: AnnoCTR publishes"), "\(unavailable.stderr)")
        #expect(try f.ttpkit(["data", "update", "--corpus", "tram"]).status == 2, "--corpus goes with --corpora")
    }

    @Test func aMissingFileOrAnHTTPErrorSavesNothing() throws {
        let f = try CorpusFixture()
        defer { f.remove() }
        let server = try LoopbackHTTPServer()
        server.route("/corpora/misp-galaxy/clusters/threat-actor.json") { _ in .json("{}", status: 500) }
        let base = server.url("/corpora/").absoluteString
        let r = try f.ttpkit(["data", "update", "--corpora", "--corpus", "misp-galaxy", "--corpus", "tram", "--corpora-url", base])
        #expect(r.status == 3)
        #expect(r.stderr.contains("threat-actor.json: expected HTTP 200, the server answered 500"), "\(r.stderr)")
        #expect(r.stderr.contains("tram/reports-dev.json: expected HTTP 200, the server answered 404"))
        #expect(!FileManager.default.fileExists(atPath: f.cache.appendingPathComponent("corpora/manifest.json").path))
    }
}

@Suite("Extract and --sector name their model and data files", .serialized)
struct CorpusProvenanceCommandTests {
    @Test func extractNamesItsModelAndTrainingFilesInJSONTableAndLayer() throws {
        let f = try CorpusFixture()
        defer { f.remove() }
        #expect(try f.ttpkit(["data", "import", "tram", f.path("src/tram")]).status == 0)
        let report = "The crew launched PowerShell to stage its tools."
        let json = try f.ttpkit(["extract", "-", "--format", "json", "--data", f.bundle.path], stdin: report)
        #expect(json.status == 0, "\(json.stderr)")
        let answer = try JSONValue.parse(Array(json.stdout.utf8))
        let provenance = try #require(answer["provenance"])
        let tramSHA = STIXBundle.sha256(Data(CorpusFixture.tram.utf8))
        #expect(provenance["release"]?.stringValue == "18.1" && provenance["domain"]?.stringValue == "enterprise-attack")
        #expect(provenance["files"]?[0]?["name"]?.stringValue == "enterprise-attack-18.1.json")
        #expect(provenance["files"]?[0]?["sha256"]?.stringValue == STIXBundle.sha256(try Data(contentsOf: f.bundle)))
        let model = try #require(provenance["model"])
        #expect(model["files"] == [["role": "training", "name": "reports-dev.json", "sha256": .string(tramSHA)]])
        #expect(model["trained_on"]?.stringValue == "Enterprise ATT&CK 18.1 + 1 annotated reports")
        let id = try #require(model["id"]?.stringValue)
        #expect(json.stderr.contains("trained the technique classifier \(id) on Enterprise ATT&CK 18.1 and 1 annotated passages"))
        #expect(provenance["options"] == ["min_confidence": "0.5"])
        #expect(answer["findings"]?.arrayValue?.isEmpty == false)

        let table = try f.ttpkit(["extract", "-", "--data", f.bundle.path], stdin: report)
        let last = try #require(table.stdout.split(separator: "\n").last)
        #expect(last.hasPrefix("answered from Enterprise ATT&CK 18.1 · enterprise-attack-18.1.json sha256:"))
        #expect(last.contains("model \(id) (Enterprise ATT&CK 18.1 + 1 annotated reports; reports-dev.json sha256:\(tramSHA.prefix(12)))"))
        #expect(last.hasSuffix("· min_confidence=0.5"))

        let alone = try JSONValue.parse(Array(try f.ttpkit(["extract", "-", "--format", "json", "--release-only", "--data", f.bundle.path], stdin: report).stdout.utf8))
        #expect(alone["provenance"]?["model"]?["files"] == [] && alone["provenance"]?["model"]?["id"]?.stringValue != id)
        #expect(alone["provenance"]?["options"] == ["min_confidence": "0.5", "release_only": "true"])
        let explicit = try f.ttpkit(["extract", "-", "--format", "json", "--training-reports", f.path("src/tram/reports-dev.json"), "--data", f.bundle.path], stdin: report)
        #expect(try JSONValue.parse(Array(explicit.stdout.utf8))["provenance"] == provenance, "the same file given explicitly: the same provenance")

        let layerFile = f.path("layer.json")
        #expect(try f.ttpkit(["extract", "-", "--format", "layer", "-o", layerFile, "--data", f.bundle.path], stdin: report).status == 0)
        let metadata = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: layerFile)))["metadata"]?.arrayValue ?? []
        #expect(metadata.contains { $0["name"]?.stringValue == "model" && $0["value"]?.stringValue == id })
    }

    /// The same command from the repository root (where `../shared` is) and from an empty
    /// folder prints the same answer, provenance included: nothing is found by where it runs.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func theSameCommandAnswersTheSameFromAnyFolder() throws {
        let f = try CorpusFixture()
        defer { f.remove() }
        #expect(try f.ttpkit(["data", "import", "tram", f.path("src/tram")]).status == 0)
        #expect(try f.ttpkit(["data", "import", "misp-galaxy", f.path("src/misp-galaxy")]).status == 0)
        let report = try f.write("report.txt", "The crew launched PowerShell to stage its tools, then packed them.")
        let coverage = try f.write("coverage.json", """
            {"format": "ttpkit-coverage", "attack_version": "18.1", "domain": "enterprise-attack", "techniques": [{"id": "T1027", "state": "detected"}]}
            """)
        let empty = f.dir.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let data = ["--data", f.bundle.path]
        #expect(try CommandRunner.run(["extract", report] + data, environment: f.environment).status == 0, "trains and caches the model")
        for command in [["extract", report], ["extract", report, "--format", "json"], ["gaps", "--coverage", coverage, "--sector", "Financial"]] {
            let fromRoot = try CommandRunner.run(command + data, environment: f.environment, in: SharedData.packageRoot)
            let fromEmpty = try CommandRunner.run(command + data, environment: f.environment, in: empty)
            #expect(fromRoot.status == 0, "\(command): \(fromRoot.stderr)")
            #expect(fromRoot.stdout == fromEmpty.stdout, "\(command)")
            #expect(fromRoot.stderr == fromEmpty.stderr, "\(command)")
        }
        let extract = try CommandRunner.run(["extract", report] + data, environment: f.environment, in: SharedData.packageRoot)
        let tramSHA = STIXBundle.sha256(Data(CorpusFixture.tram.utf8))
        #expect(extract.stdout.contains("reports-dev.json sha256:\(tramSHA.prefix(12))"), "the imported corpus, not ../shared's: \(extract.stdout)")
        let gaps = try CommandRunner.run(["gaps", "--coverage", coverage, "--sector", "Financial"] + data, environment: f.environment, in: empty)
        let galaxySHA = STIXBundle.sha256(Data(CorpusFixture.galaxy.utf8))
        #expect(gaps.stderr.contains("1 from the MISP threat-actor galaxy (threat-actor.json sha256:\(galaxySHA.prefix(12)))"), "\(gaps.stderr)")
    }

    /// `serve` learns from the same data-folder corpora, and its `/api/extract` answer —
    /// provenance included — is the CLI's `--format json` answer.
    @Test func serveAnswersExtractAsTheCLIDoes() throws {
        let f = try CorpusFixture()
        defer { f.remove() }
        #expect(try f.ttpkit(["data", "import", "tram", f.path("src/tram")]).status == 0)
        let report = try f.write("report.txt", "The crew launched PowerShell to stage its tools.")
        let cli = try CommandRunner.run(["extract", report, "--format", "json", "--data", f.bundle.path], environment: f.environment)
        #expect(cli.status == 0, "\(cli.stderr)")
        let probe = try LoopbackHTTPServer()
        let port = probe.port
        probe.stop()
        let server = try Subprocess.start(CommandRunner.executable.path,
                                          ["serve", "--data", f.bundle.path, "--port", String(port), "--db", "sqlite:" + f.path("history.sqlite")],
                                          environment: CommandRunner.testEnvironment(f.environment))
        defer { Subprocess.stop(server.pid) }
        // Read its log until it listens (or ends): no sleeping.
        var seen = ""
        while !seen.contains("Server started and listening") {
            let chunk = server.log.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
        }
        #expect(seen.contains("Server started and listening"), "\(seen)")
        let curl = try Subprocess.run("/usr/bin/curl", ["-fsS", "--data-binary", "@" + report, "http://127.0.0.1:\(port)/api/extract"])
        #expect(curl.status == 0, "\(curl.stderr)")
        let answer = Array(curl.stdout.utf8)
        let api = try JSONValue.parse(answer)
        #expect(api["provenance"]?["model"]?["files"]?[0]?["name"]?.stringValue == "reports-dev.json")
        #expect(api == (try JSONValue.parse(Array(cli.stdout.utf8))), "the API's answer is the CLI's")
    }
}
