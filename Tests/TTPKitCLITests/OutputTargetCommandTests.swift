import Foundation
import STIX
import TestSupport
import Testing

/// Every `-o` is the one writer: `-` is standard output for every command, and each JSON answer
/// names what it was computed from.
@Suite("-o and provenance across commands")
struct OutputTargetCommandTests {
    let bundle: URL
    let fixtures: CoverageFixtures
    let coverage: String

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        fixtures = try CoverageFixtures()
        let rules = try fixtures.write("rules/obf.yml", CoverageFixtures.sigma("Packed", tags: ["attack.t1027"]))
        coverage = fixtures.path("coverage.json")
        let r = try InProcess.run(["coverage", "--rules", rules, "-o", coverage, "--data", bundle.path])
        guard r.status == 0 else { throw GapsReportCommandTests.CoverageTestError(r.stderr) }
    }

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path])
    }

    @Test func aReportGoesToStandardOutputWithAFormat() throws {
        let r = try ttpkit(["report", "coverage", "--coverage", coverage, "--groups", "G0001", "-o", "-", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(json["provenance"]?["files"]?[0]?["name"]?.stringValue == "enterprise-attack-18.1.json")
        #expect(json["provenance"]?["options"]?["groups"]?.stringValue == "G0001")
        let html = try ttpkit(["report", "group", "G0001", "-o", "-", "--format", "html"])
        #expect(html.status == 0 && html.stdout.contains("Answered from"), "\(html.stderr)")
        let missing = try ttpkit(["report", "coverage", "--coverage", coverage, "--groups", "G0001", "-o", "-"])
        #expect(missing.status == 2 && missing.stderr.contains("give --format"))
    }

    @Test func extractAndCompareWriteWhereTheyAreTold() throws {
        let out = fixtures.path("compare.json")
        let r = try ttpkit(["compare", "G0001", "G0002", "--format", "json", "-o", out])
        #expect(r.status == 0 && r.stdout.isEmpty, "\(r.stderr)")
        let written = try JSONValue.parse(Array(try Data(contentsOf: URL(fileURLWithPath: out))))
        #expect(written["provenance"]?["options"]?["groups"]?.stringValue == "G0001,G0002")
        let report = try fixtures.write("report.txt", "APT Test used T1027.")
        let dash = try ttpkit(["extract", report, "--no-learned", "--format", "json", "-o", "-"])
        #expect(try JSONValue.parse(Array(dash.stdout.utf8))["findings"]?.arrayValue?.isEmpty == false)
    }

    @Test func theGateJSONNamesItsData() throws {
        let r = try ttpkit(["coverage", "gate", coverage, "--fail-on-gaps", "--groups", "G0001", "--format", "json"])
        #expect(r.status == 1, "a gap fails the gate: \(r.stderr)")
        let json = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(json["provenance"]?["files"]?[1]?["name"]?.stringValue == "coverage.json")
    }
}
