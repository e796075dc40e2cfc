import Foundation
import STIX
import TestSupport
import Testing

@Suite("Layer and compare commands on a fixture bundle")
struct LayerCommandTests {
    let bundle: URL
    let dir: URL

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        dir = bundle.deletingLastPathComponent()
    }

    func ttpkit(_ args: String...) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path])
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    @Test func groupLayerIsExplicit45() throws {
        let r = try ttpkit("layer", "group", "APT Test")
        #expect(r.status == 0, "\(r.stderr)")
        let layer = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(layer["versions"]?["layer"]?.stringValue == "4.5")
        #expect(layer["versions"]?["attack"]?.stringValue == "18.1")
        #expect(layer["domain"]?.stringValue == "enterprise-attack")
        let entries = layer["techniques"]?.arrayValue ?? []
        #expect(Set(entries.compactMap { $0["techniqueID"]?.stringValue }) == ["T1027", "T1059", "T1059.001"])
        #expect(entries.allSatisfy { $0["tactic"]?.stringValue != nil })
    }

    @Test func writesAtomicallyAndCombines() throws {
        #expect(try ttpkit("layer", "group", "G0001", "-o", path("g1.json")).status == 0)
        #expect(try ttpkit("layer", "group", "G0001", "G0002", "-o", path("both.json")).status == 0)
        let r = try ttpkit("layer", "combine", path("g1.json"), path("both.json"), "--expr", "a+b", "-o", path("sum.json"))
        #expect(r.status == 0, "\(r.stderr)")
        let sum = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: path("sum.json"))))
        let scores = Dictionary((sum["techniques"]?.arrayValue ?? []).compactMap { e in e["techniqueID"]?.stringValue.map { ($0, e["score"]?.doubleValue ?? -1) } }, uniquingKeysWith: max)
        #expect(scores["T1059.001"] == 3, "1 (APT Test) + 2 (both groups)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).allSatisfy { !$0.hasPrefix(".") }, "a temporary file was left behind")
    }

    @Test func renderWritesEachFormat() throws {
        #expect(try ttpkit("layer", "group", "G0001", "-o", path("g.json")).status == 0)
        for ext in ["svg", "html", "xlsx", "csv", "md"] {
            let r = try ttpkit("layer", "render", path("g.json"), "-o", path("g.\(ext)"))
            #expect(r.status == 0, "\(ext): \(r.stderr)")
            let data = try Data(contentsOf: URL(fileURLWithPath: path("g.\(ext)")))
            #expect(data.count > 100, "\(ext)")
        }
        let svg = try String(contentsOfFile: path("g.svg"), encoding: .utf8)
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
        #expect(svg.contains("Execution"))
    }

    @Test func validateReportsFindingsWithPathsAndExitsOne() throws {
        let layer = try CommandRunner.temporaryFile("bad-layer.json", #"""
            {"name": "x", "domain": "enterprise-attack", "versions": {"layer": "4.5", "navigator": "5.1.0"},
             "techniques": [{"techniqueID": "T1086", "score": 1}, {"techniqueID": "T9999", "score": 1}]}
            """#)
        let r = try InProcess.run(["layer", "validate", layer.path, "--data", bundle.path])
        #expect(r.status == 1)
        #expect(r.stdout.contains("techniques[0]"))
        #expect(r.stdout.contains("T1059.001"), "the replacement of the revoked ID is named")
        #expect(r.stdout.contains("techniques[1]"))
        #expect(r.stderr.contains("ttpkit migrate"), "a revoked ID points at the command that fixes it")
    }

    @Test func validateGoesOnPastAMissingFileAndExitsTwo() throws {
        let layer = try CommandRunner.temporaryFile("revoked-layer.json", #"""
            {"name": "x", "domain": "enterprise-attack", "techniques": [{"techniqueID": "T1086", "score": 1}]}
            """#)
        let missing = path("no-such-layer.json")
        let r = try InProcess.run(["layer", "validate", missing, layer.path, "--data", bundle.path])
        #expect(r.status == 2)
        #expect(r.stdout.contains("techniques[0]"), "the readable file after the missing one is still validated")
        #expect(r.stderr.contains("no-such-layer.json"))
        #expect(r.stderr.contains("1 unreadable"))
    }

    @Test func badLayerInputIsOneLineAndWritesNothing() throws {
        let notJSON = try CommandRunner.temporaryFile("broken.json", "{\"name\": ")
        let out = path("never.svg")
        let r = try ttpkit("layer", "render", notJSON.path, "-o", out)
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        let scoreless = try CommandRunner.temporaryFile("s.json", #"{"name":"x","domain":"enterprise-attack","techniques":[{"techniqueID":"T1027","score":"high"}]}"#)
        let r2 = try ttpkit("layer", "combine", scoreless.path, "--expr", "a+z")
        #expect(r2.status == 2)
        #expect(r2.stderr.hasPrefix("ttpkit: error: "))
        let mobile = try CommandRunner.temporaryFile("m.json", #"{"name":"x","domain":"mobile-attack","techniques":[]}"#)
        let r3 = try ttpkit("layer", "render", mobile.path, "-o", path("m.svg"))
        #expect(r3.status != 0)
        #expect(r3.stderr.contains("mobile"))
    }

    @Test func compareGivesCommonUniqueAndJaccard() throws {
        let r = try ttpkit("compare", "G0001", "G0002", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(j["common"]?.stringArray == ["T1059.001"])
        #expect(j["unique"]?["G0001"]?.stringArray == ["T1027"])
        #expect(j["jaccard"] != nil)
    }
}
