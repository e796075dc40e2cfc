import Foundation
import STIX
import TestSupport
import Testing

/// A data folder with corpora in it, for the corpus tests: the sample bundle, folders of the
/// usual layout to import from, and the environment pointing ttpkit at the data folder.
struct CorpusFixture {
    let dir: URL
    let cache: URL
    let bundle: URL

    static let tram = """
        {"source": "fixture", "labels": ["T1059.001"], "reports": [{"name": "r", "text": "Intro. The actor launched PowerShell to stage tools.",
         "techniques": {"T1059.001": [{"start": 7, "end": 52}]}}]}
        """
    static let annoctr = """
        {"labels": null, "reports": [{"name": "a", "text": "They packed the payload with UPX before sending it.", "techniques": {"T1027": [{"start": 5, "end": 11}]}}]}
        """
    static let galaxy = #"{"type": "threat-actor", "values": [{"value": "Test Bear", "meta": {"targeted-sector": ["Finance"]}}]}"#

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-corpora-\(UUID().uuidString)")
        cache = dir.appendingPathComponent("data")
        bundle = dir.appendingPathComponent("enterprise-attack-18.1.json")
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data(FixtureBundle.sample().json().utf8).write(to: bundle)
        try write("src/tram/reports-dev.json", Self.tram)
        try write("src/tram/LICENSE.txt", "Apache License 2.0")
        try write("src/tram/NOTICE.txt", "Copyright MITRE")
        try write("src/annoctr/annoctr-train.json", Self.annoctr)
        try write("src/misp-galaxy/clusters/threat-actor.json", Self.galaxy)
        try write("src/misp-galaxy/LICENSE.md", "CC0 or BSD-2-Clause")
    }

    var environment: [String: String] { ["TTPKIT_CACHE": cache.path] }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String {
        let url = dir.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func path(_ relative: String) -> String { dir.appendingPathComponent(relative).path }

    /// Runs a command in process against this data folder.
    func ttpkit(_ args: [String], stdin: String? = nil) throws -> CommandRunner.Result {
        try InProcess.run(args, environment: environment, stdin: stdin)
    }

    /// The manifest the data folder holds.
    func manifest() throws -> JSONValue {
        try JSONValue.parse(Data(contentsOf: cache.appendingPathComponent("corpora/manifest.json")))
    }

    func remove() { try? FileManager.default.removeItem(at: dir) }
}

@Suite("data import, data list, data path: corpora in the data folder")
struct CorpusImportCommandTests {
    @Test func importsAFolderOfTheUsualLayoutWithItsLicenceAndRecordsIt() throws {
        let f = try CorpusFixture()
        defer { f.remove() }
        let r = try f.ttpkit(["data", "import", "tram", f.path("src/tram")])
        #expect(r.status == 0, "\(r.stderr)")
        let sha = STIXBundle.sha256(Data(CorpusFixture.tram.utf8))
        let stored = f.cache.appendingPathComponent("corpora/tram/reports-dev.json").path
        #expect(r.stdout == "tram\timported\t1 report, 1 label\tsha256:\(sha.prefix(12))\t\(stored)\n")
        #expect(try String(contentsOfFile: f.cache.appendingPathComponent("corpora/tram/LICENSE.txt").path, encoding: .utf8) == "Apache License 2.0")
        let entry = try #require(try f.manifest()["corpora"]?[0])
        #expect(entry["name"]?.stringValue == "tram" && entry["sha256"]?.stringValue == sha && entry["file"]?.stringValue == "tram/reports-dev.json")
        #expect(entry["origin"]?.stringValue == f.path("src/tram/reports-dev.json") && entry["licence"]?.stringValue == "Apache-2.0")
        #expect(entry["licence_files"]?.stringArray == ["tram/LICENSE.txt", "tram/NOTICE.txt"])
        #expect(entry["date"]?.stringValue?.hasSuffix("Z") == true && entry["bytes"]?.doubleValue == Double(CorpusFixture.tram.utf8.count))

        // A file alone (AnnoCTR: null labels), and the galaxy's folder layout.
        let anno = try f.ttpkit(["data", "import", "annoctr", f.path("src/annoctr/annoctr-train.json")])
        #expect(anno.status == 0 && anno.stdout.contains("annoctr\timported\t1 report, every technique annotated"), "\(anno.stderr)")
        #expect(anno.stderr.contains("no licence text found for annoctr") && anno.stderr.contains("CC-BY-SA-4.0"), "the licence is said when its text is missing")
        let galaxy = try f.ttpkit(["data", "import", "misp-galaxy", f.path("src/misp-galaxy")])
        #expect(galaxy.status == 0 && galaxy.stdout.hasPrefix("misp-galaxy\timported\t1 threat actor\t"), "\(galaxy.stderr)")
        #expect(FileManager.default.fileExists(atPath: f.cache.appendingPathComponent("corpora/misp-galaxy/LICENSE.md").path))

        let list = try f.ttpkit(["data", "list", "--format", "json"])
        let listed = (try JSONValue.parse(Array(list.stdout.utf8)).arrayValue ?? []).compactMap { $0["corpus"]?.stringValue }
        #expect(listed == ["tram", "annoctr", "misp-galaxy"])
        let table = try f.ttpkit(["data", "list"])
        #expect(table.stdout.contains("tram         reports-dev.json    sha256:\(sha.prefix(12))"), "\(table.stdout)")
        let path = try f.ttpkit(["data", "path"])
        #expect(path.stderr.contains("ttpkit: corpus tram: \(stored) (sha256:\(sha.prefix(12)), from \(f.path("src/tram/reports-dev.json")))"))
        // The same bytes again: recorded, said to be unchanged.
        #expect(try f.ttpkit(["data", "import", "tram", f.path("src/tram/reports-dev.json")]).stdout.hasPrefix("tram\tunchanged\t"))
    }

    /// A file that is not the corpus it claims to be is one line with FILE:LINE, exit 2, and the
    /// good copy already imported stays.
    @Test func aBadFileIsRefusedWithFileAndLineAndTheGoodCopyStays() throws {
        let f = try CorpusFixture()
        defer { f.remove() }
        #expect(try f.ttpkit(["data", "import", "tram", f.path("src/tram")]).status == 0)
        let before = try f.manifest()
        let syntax = try f.write("bad/syntax.json", "{\n  \"reports\": [\n}")
        let r = try f.ttpkit(["data", "import", "tram", syntax])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("ttpkit: error: \(syntax):3: column 1: expected") && r.stderr.filter { $0 == "\n" }.count == 1, "\(r.stderr)")
        let shape = try f.write("bad/shape.json", #"{"labels": ["T1059.001"], "reports": [{"text": 5, "techniques": {}}]}"#)
        let s = try f.ttpkit(["data", "import", "tram", shape])
        #expect(s.status == 2)
        #expect(s.stderr == "ttpkit: error: \(shape):1: report 0 (\"report 0\"): expected \"text\", the report as a string\n")
        let notGalaxy = try f.write("bad/clusters/threat-actor.json", #"{"type": "mitre-attack-pattern", "values": [{"value": "x"}]}"#)
        let g = try f.ttpkit(["data", "import", "misp-galaxy", notGalaxy])
        #expect(g.status == 2 && g.stderr.contains("\(notGalaxy):1: expected MISP's threat-actor cluster"), "\(g.stderr)")
        let empty = try f.write("empty/keep.txt", "")
        let folder = try f.ttpkit(["data", "import", "annoctr", URL(fileURLWithPath: empty).deletingLastPathComponent().path])
        #expect(folder.status == 2 && folder.stderr.contains("annoctr-train.json: not found: expected the annoctr layout"), "\(folder.stderr)")
        let unknown = try f.ttpkit(["data", "import", "tramm", f.path("src/tram")])
        #expect(unknown.status == 2 && unknown.stderr.contains("unknown corpus 'tramm'; expected tram, annoctr, misp-galaxy"))
        #expect(try f.manifest() == before, "nothing changed")
        let kept = try Data(contentsOf: f.cache.appendingPathComponent("corpora/tram/reports-dev.json"))
        #expect(kept == Data(CorpusFixture.tram.utf8))
    }

    /// A stored corpus changed behind the manifest's back is not used.
    @Test func aStoredCorpusThatChangedIsRefused() throws {
        let f = try CorpusFixture()
        defer { f.remove() }
        #expect(try f.ttpkit(["data", "import", "tram", f.path("src/tram")]).status == 0)
        let stored = f.cache.appendingPathComponent("corpora/tram/reports-dev.json")
        try Data(CorpusFixture.tram.replacingOccurrences(of: "tools", with: "tooks").utf8).write(to: stored)
        let r = try f.ttpkit(["extract", "-", "--data", f.bundle.path], stdin: "The crew launched PowerShell.")
        #expect(r.status == 2)
        #expect(r.stderr.contains("\(stored.path): changed since it was stored") && r.stderr.contains("import the corpus again"), "\(r.stderr)")
    }
}
