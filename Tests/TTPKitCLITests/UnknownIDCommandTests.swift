import Foundation
import STIX
import TestSupport
import Testing

/// Input from a newer release (T1564.013, T1027.013) or with a bad line: a warning naming it,
/// the rest used; an error only when nothing usable is left.
@Suite("Unknown IDs and names: similar, layer techniques, iocs, extract")
struct UnknownIDCommandTests {
    let bundle: URL

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
    }

    func ttpkit(_ args: [String], stdin: String? = nil) throws -> CommandRunner.Result {
        try CommandRunner.run(args + ["--data", bundle.path], stdin: stdin)
    }

    @Test func similarWarnsAndGoesOn() throws {
        let r = try ttpkit(["similar", "--techniques", "T1027,T1564.013,T1027.013", "--software", "EvilTool,NoSuchTool", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("ttpkit: warning: skipped T1564.013"))
        #expect(r.stderr.contains("T1027.013 is not in"))
        #expect(r.stderr.contains("counted as its parent T1027"))
        #expect(r.stderr.contains("ttpkit: warning: skipped software NoSuchTool"))
        #expect(try JSONValue.parse(Array(r.stdout.utf8))["matches"]?[0]?["id"]?.stringValue == "G0001")
        let none = try ttpkit(["similar", "--techniques", "T1564.013", "--software", "NoSuchTool"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("ttpkit: error: nothing observed"))
    }

    @Test func layerTechniquesWarnsPerLineAndAcceptsPlurals() throws {
        let list = try CommandRunner.temporaryFile("list.txt", "T1027\nNo Such Thing\nT1564.013\nT1027.013\nsystem binary proxy executions\n")
        let out = list.deletingLastPathComponent().appendingPathComponent("list-layer.json")
        let r = try ttpkit(["layer", "techniques", list.path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("ttpkit: warning: \(list.path):2:"))
        #expect(r.stderr.contains("ttpkit: warning: \(list.path):3:") && r.stderr.contains("T1564.013"))
        #expect(r.stderr.contains("\(list.path):4: T1027.013 is not in"))
        let ids = Set((try JSONValue.parse(Array(try Data(contentsOf: out)))["techniques"]?.arrayValue ?? []).compactMap { $0["techniqueID"]?.stringValue })
        #expect(ids.contains("T1027") && ids.contains("T1218"))
        #expect(!ids.contains("T1564.013"))
        let bad = try CommandRunner.temporaryFile("bad.txt", "T1564.013\nNo Such Thing\n")
        let none = try ttpkit(["layer", "techniques", bad.path, "-o", out.path + ".2"])
        #expect(none.status == 2)
        #expect(none.stderr.contains("none of the 2 listed techniques"))
    }

    @Test func iocsWarnAndLinkNewSubtechniquesToTheirParent() throws {
        let event = try CommandRunner.temporaryFile("event.json", #"{"Event": {"Attribute": [{"type": "ip-dst", "value": "203.0.113.9", "Tag": [{"name": "misp-galaxy:mitre-attack-pattern=\"Hidden - T1564.013\""}, {"name": "misp-galaxy:mitre-attack-pattern=\"Obfuscation - T1027.013\""}]}]}}"#)
        let r = try ttpkit(["iocs", event.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("ttpkit: warning: \(event.path): T1564.013 is not in the loaded ATT&CK data"))
        #expect(r.stderr.contains("T1027.013 is not in"))
        #expect(try JSONValue.parse(Array(r.stdout.utf8))[0]?["attack"]?[0]?["id"]?.stringValue == "T1027")
    }

    @Test func extractWarnsAndKeepsTheRest() throws {
        let r = try ttpkit(["extract", "-", "--format", "json"], stdin: "APT Test used T1564.013, T1027.013 and EvilTool.")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("ttpkit: warning: T1564.013 is not in"))
        #expect(r.stderr.contains("T1027.013 is not in") && r.stderr.contains("counted as its parent T1027"))
        let ids = Set((try JSONValue.parse(Array(r.stdout.utf8))["findings"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue })
        #expect(ids.isSuperset(of: ["T1027", "G0001", "S0001"]))
        #expect(!ids.contains("T1564.013"))
    }
}
