import Foundation
import STIX
import TestSupport
import Testing

@Suite("report group and iocs -o on the sample fixture")
struct IntelReportCommandTests {
    let bundle: URL
    let fixtures: CoverageFixtures
    let galaxy: String

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        fixtures = try CoverageFixtures()
        galaxy = try fixtures.write("galaxy.json", #"{"values": [{"value": "Test Bear", "meta": {"synonyms": ["Fancy Test"]}}]}"#)
    }

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path])
    }

    func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: fixtures.dir.path).sorted() }

    @Test func groupProfileAsHTMLWithExposure() throws {
        let rules = try fixtures.write("rules/obf.yml", CoverageFixtures.sigma("Packed", tags: ["attack.t1027"]))
        let coverage = fixtures.path("coverage.json")
        #expect(try ttpkit(["coverage", "--rules", rules, "-o", coverage]).status == 0)
        let out = fixtures.path("apt.html")
        let r = try ttpkit(["report", "group", "test bear", "-o", out, "--coverage", coverage, "--galaxy", galaxy])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("<h1>APT Test (G0001)</h1>"))
        #expect(html.contains("Fancy Test"))
        #expect(html.contains("<svg") && !html.contains("<script"))
        #expect(html.contains("Exposure") && html.contains("Undetected techniques (1)"))
        #expect(html.contains("https://example.com/b"))
        #expect(try listing().allSatisfy { !$0.hasPrefix(".") }, "no temporary files left")
    }

    @Test func groupProfileAsMarkdownWritesTheHeatmapBesideIt() throws {
        let out = fixtures.path("apt.md")
        let r = try ttpkit(["report", "group", "G0001", "-o", out, "--galaxy", galaxy])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOfFile: out, encoding: .utf8)
        #expect(md.hasPrefix("# APT Test (G0001)\n"))
        #expect(md.contains("## Techniques by tactic (2)"))
        #expect(md.contains("](apt-heatmap.svg)"))
        #expect(FileManager.default.fileExists(atPath: fixtures.path("apt-heatmap.svg")))
    }

    @Test func groupProfileBadInputIsOneLineAndWritesNothing() throws {
        let out = fixtures.path("never.html")
        let unknown = try ttpkit(["report", "group", "APT Tset", "-o", out, "--galaxy", galaxy])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.hasPrefix("ttpkit: error: no group 'APT Tset'; did you mean APT Test (G0001)"), "\(unknown.stderr)")
        #expect(unknown.stderr.split(separator: "\n").count == 1)
        let missing = try ttpkit(["report", "group", "G0001", "-o", out, "--coverage", fixtures.path("nope.json"), "--galaxy", galaxy])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("ttpkit: error: ") && missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
        let badGalaxy = try fixtures.write("bad-galaxy.json", "{\"x\": 1}")
        let g = try ttpkit(["report", "group", "G0001", "-o", out, "--galaxy", badGalaxy])
        #expect(g.status == 2)
        #expect(g.stderr == "ttpkit: error: \(badGalaxy):1: expected a MISP galaxy cluster (an object with a \"values\" list)\n", "\(g.stderr)")
        #expect(try ttpkit(["report", "group", "G0001", "-o", fixtures.path("x.pdf")]).status != 0)
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    static let event = #"{"Event": {"Attribute": [{"type": "ip-dst", "value": "203.0.113.9", "Tag": [{"name": "misp-galaxy:mitre-attack-pattern=\"PowerShell - T1059.001\""}, {"name": "misp-galaxy:threat-actor=\"Other Group\""}]}]}}"#

    @Test func iocReportInEveryFormatWithLayer() throws {
        let event = try fixtures.write("event.json", Self.event)
        let md = fixtures.path("iocs.md")
        let layer = fixtures.path("iocs-layer.json")
        let r = try ttpkit(["iocs", event, "-o", md, "--layer", layer])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: md, encoding: .utf8).replacingOccurrences(of: "\\", with: "")
        #expect(text.contains("203[.]0[.]113[.]9") && !text.contains("203.0.113.9"))
        for section in ["## IOCs", "## Actors", "## Hunt next", "## Detections", "## Mitigations"] {
            #expect(text.contains(section), "\(section)")
        }
        #expect(text.contains("DET0001 Detect PowerShell"))
        let l = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: layer))))
        #expect(l["techniques"]?.arrayValue?.contains { $0["techniqueID"]?.stringValue == "T1059.001" } == true)
        let html = fixtures.path("iocs.html")
        #expect(try ttpkit(["iocs", event, "-o", html]).status == 0)
        #expect(try String(contentsOfFile: html, encoding: .utf8).contains("<h1>IOC report</h1>"))
        let json = fixtures.path("iocs.json")
        #expect(try ttpkit(["iocs", event, "-o", json]).status == 0)
        let j = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: json))))
        #expect(j["iocs"]?[0]?["ioc"]?.stringValue == "203.0.113.9")
        #expect(j["actors"]?[0]?["id"]?.stringValue == "G0002")
        #expect(j["techniques"]?[0]?["id"]?.stringValue == "T1059.001")
    }

    @Test func iocReportBadInputWritesNothing() throws {
        let notEvent = try fixtures.write("not-event.json", #"{"values": []}"#)
        let out = fixtures.path("never.md")
        let r = try ttpkit(["iocs", notEvent, "-o", out])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try ttpkit(["iocs", notEvent, "-o", fixtures.path("r.pdf")]).status != 0)
        let noTechnique = try fixtures.write("soft.csv", "ioc,type,malware\nabc123,sha256,EvilTool\n")
        let layer = fixtures.path("never-layer.json")
        let l = try ttpkit(["iocs", noTechnique, "-o", out, "--layer", layer])
        #expect(l.status == 2)
        #expect(l.stderr.contains("no layer to write"), "\(l.stderr)")
        #expect(!FileManager.default.fileExists(atPath: out) && !FileManager.default.fileExists(atPath: layer))
    }

    @Test(arguments: [["report", "group"], ["iocs"]])
    func helpHasExamples(_ command: [String]) throws {
        let r = try InProcess.run(command + ["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:"))
    }
}
