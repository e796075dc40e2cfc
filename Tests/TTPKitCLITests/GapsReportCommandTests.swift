import Foundation
import STIX
import TestSupport
import Testing

@Suite("gaps and report coverage on a fixture coverage file")
struct GapsReportCommandTests {
    let bundle: URL
    let fixtures: CoverageFixtures
    let coverage: String

    /// Coverage where only T1027 is Detected: APT Test's gap is T1059.001 (used by both groups).
    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        fixtures = try CoverageFixtures()
        let rules = try fixtures.write("rules/obf.yml", CoverageFixtures.sigma("Packed", tags: ["attack.t1027"]))
        coverage = fixtures.path("coverage.json")
        let r = try InProcess.run(["coverage", "--rules", rules, "-o", coverage, "--data", bundle.path])
        guard r.status == 0 else { throw CoverageTestError(r.stderr) }
    }

    struct CoverageTestError: Error { let message: String; init(_ m: String) { message = m } }

    func ttpkit(_ args: [String], environment: [String: String] = [:]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path], environment: environment)
    }

    @Test func ranksGapsWithStateGroupsMitigationsAndRecommendations() throws {
        let r = try ttpkit(["gaps", "--coverage", coverage, "--groups", "APT Test,G0002"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("Gaps for APT Test, Other Group"))
        #expect(r.stdout.contains("1  T1059.001  PowerShell  blind  2"), "\(r.stdout)")
        #expect(r.stdout.contains("2: APT Test, Other Group"))
        #expect(r.stdout.contains("1. Process creation logging (Sysmon Event ID 1) — makes 1 of your adversaries' blind techniques visible, 1 in all (1 after this step)."), "\(r.stdout)")
        #expect(r.stdout.contains("APT Test (G0001)     2           1 (50%)   0 (0%)  1 (50%)"))
    }

    @Test func jsonAndCSV() throws {
        let r = try ttpkit(["gaps", "--coverage", coverage, "--all-groups", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(j["gaps"]?[0]?["id"]?.stringValue == "T1059.001")
        #expect(j["gaps"]?[0]?["groups"]?.stringArray == ["APT Test (G0001)", "Other Group (G0002)"])
        #expect(j["recommendations"]?[0]?["cumulative"]?.doubleValue == 1)
        #expect(j["exposure"]?.arrayValue?.count == 2)
        #expect(j["selection"]?.stringValue == "all 2 groups of ATT&CK")
        let c = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--format", "csv"])
        #expect(c.stdout.hasPrefix("rank,id,name,state,chosen_groups,chosen_group_count,groups_in_release,mitigations\r\n1,T1059.001,PowerShell,blind,APT Test (G0001),1,2,"))
    }

    @Test func sectorSaysWhichGroupsAndWhy() throws {
        let galaxy = try fixtures.write("galaxy.json", #"""
            {"values": [{"value": "Test Bear", "meta": {"targeted-sector": ["Finance"], "synonyms": []}},
                        {"value": "Unrelated", "meta": {"targeted-sector": ["Finance"]}}]}
            """#)
        let r = try ttpkit(["gaps", "--coverage", coverage, "--sector", "Financial", "--galaxy", galaxy])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("APT Test (G0001)  MISP threat-actor 'Test Bear' targets Finance"))
        #expect(r.stderr.contains("sector Financial: 1 group chosen, 1 from the MISP threat-actor galaxy"))
        let none = try ttpkit(["gaps", "--coverage", coverage, "--sector", "Agriculture", "--galaxy", galaxy])
        #expect(none.status == 2)
        #expect(none.stderr.contains("no ATT&CK group targets the sector 'Agriculture'"))
        let missing = try ttpkit(["gaps", "--coverage", coverage, "--sector", "Financial", "--galaxy", fixtures.path("nope.json")])
        #expect(missing.status == 2)
    }

    @Test func readsACoverageLayerToo() throws {
        let rules = fixtures.path("rules")
        let layer = fixtures.path("layer.json")
        #expect(try ttpkit(["coverage", "--rules", rules, "--format", "layer", "-o", layer]).status == 0)
        let r = try ttpkit(["gaps", "--coverage", layer, "--groups", "G0001", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("is a layer"))
        #expect(try JSONValue.parse(Array(r.stdout.utf8))["gaps"]?[0]?["id"]?.stringValue == "T1059.001")
    }

    @Test func badSelectionsAndFilesFail() throws {
        #expect(try ttpkit(["gaps", "--coverage", coverage]).status != 0, "no groups chosen")
        #expect(try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--all-groups"]).status != 0)
        let unknown = try ttpkit(["gaps", "--coverage", coverage, "--groups", "APT-Tset"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("did you mean"))
        let notCoverage = try fixtures.write("not.json", "{\"hello\": 1}")
        let r = try ttpkit(["gaps", "--coverage", notCoverage, "--groups", "G0001"])
        #expect(r.status == 2)
        #expect(r.stderr == "ttpkit: error: \(notCoverage): not a coverage file (expected \"format\": \"ttpkit-coverage\"), a coverage layer or a DeTT&CT file; `ttpkit coverage --format json` writes one\n")
    }

    @Test func htmlReportIsSelfContainedAndWrittenAtomically() throws {
        let out = fixtures.path("report.html")
        let r = try ttpkit(["report", "coverage", "--coverage", coverage, "--groups", "APT Test", "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: out, encoding: .utf8)
        #expect(html.contains("<h1>Detection coverage report</h1>"))
        #expect(html.contains("ATT&amp;CK Enterprise 18.1"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("<script") && !html.contains("src=\"http"))
        #expect(html.contains("T1059.001 Command and Scripting Interpreter: PowerShell"))
        #expect(html.contains("Process creation logging (Sysmon Event ID 1)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixtures.dir.path).allSatisfy { !$0.hasPrefix(".") })
    }

    @Test func markdownReportWritesTheHeatmapBesideIt() throws {
        let out = fixtures.path("exec.md")
        let r = try ttpkit(["report", "coverage", "--coverage", coverage, "--all-groups", "-o", out, "--title", "Q3 coverage"])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOfFile: out, encoding: .utf8)
        #expect(md.hasPrefix("# Q3 coverage\n"))
        #expect(md.contains("](exec-heatmap.svg)"))
        #expect(FileManager.default.fileExists(atPath: fixtures.path("exec-heatmap.svg")))
        #expect(md.contains("## Top 10 blind spots"))
    }

    @Test func reportRefusesBadOutputAndWritesNothingOnError() throws {
        let pdf = try ttpkit(["report", "coverage", "--coverage", coverage, "--groups", "G0001", "-o", fixtures.path("r.pdf")])
        #expect(pdf.status != 0)
        let broken = try fixtures.write("broken.json", "{\"format\": \"ttpkit-coverage\", ")
        let out = fixtures.path("never.html")
        let r = try ttpkit(["report", "coverage", "--coverage", broken, "--groups", "G0001", "-o", out])
        #expect(r.status == 2)
        #expect(r.stderr.hasPrefix("ttpkit: error: \(broken):1: not JSON (column"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test(arguments: [["rules", "scan"], ["coverage"], ["coverage", "analyze"], ["gaps"], ["report", "coverage"]])
    func everyCommandHasHelpWithExamples(_ command: [String]) throws {
        let r = try InProcess.run(command + ["--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Example"), "\(command)")
    }
}
