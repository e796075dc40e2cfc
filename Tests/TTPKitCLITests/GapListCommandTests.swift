import Foundation
import STIX
import TestSupport
import Testing

/// One gap list in `gaps`, `report coverage` and `coverage gate`, pre-compromise techniques
/// apart, and waivers — on the fixture release with its pre-compromise part. The coverage:
/// T1059.001 Logged, T1218 Detected, the rest Blind. APT Test uses T1027, T1059.001 and
/// T1583.001 (Resource Development); Other Group T1059.001 and T1583.001.
@Suite("one gap list, pre-compromise apart, waivers")
struct GapListCommandTests {
    let bundle: URL
    let fixtures: CoverageFixtures
    let coverage: String

    static let groups = ["--groups", "APT Test,Other Group"]

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample(preCompromise: true).json())
        fixtures = try CoverageFixtures()
        coverage = try fixtures.write("coverage.json", """
            {"format": "ttpkit-coverage", "format_version": 2, "domain": "enterprise-attack", "attack_version": "18.1",
             "inputs": {"rules": ["rules"]},
             "techniques": [{"id": "T1059.001", "state": "logged"},
                            {"id": "T1218", "state": "detected", "rules": [{"title": "Proxy", "path": "rules/proxy.yml", "line": 1}]}],
             "findings": [{"path": "rules/old.yml", "line": 4, "title": "Old", "kind": "deprecated", "technique": "T1999",
                           "message": "T1999 Old Technique is deprecated"}]}
            """)
    }

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path])
    }

    /// The technique IDs of `gaps --format csv`, `report coverage -o .json` (its top blind
    /// spots) and `coverage gate --format json` (its findings), for the same extra flags.
    func lists(_ extra: [String]) throws -> (gaps: [String], report: [String], gate: [String]) {
        let csv = try ttpkit(["gaps", "--coverage", coverage, "--format", "csv", "--top", "10"] + Self.groups + extra)
        #expect(csv.status == 0, "\(csv.stderr)")
        let gaps = csv.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").dropFirst().first.map(String.init) ?? "" }
        let path = fixtures.path("report-\(UUID().uuidString).json")
        let report = try ttpkit(["report", "coverage", "--coverage", coverage, "-o", path] + Self.groups + extra)
        #expect(report.status == 0, "\(report.stderr)")
        let gate = try ttpkit(["coverage", "gate", coverage, "--fail-on-gaps", "--format", "json"] + Self.groups + extra)
        let findings = try JSONValue.parse(Array(gate.stdout.utf8))["gates"]?[0]?["findings"]?.arrayValue ?? []
        return (gaps, try Self.blindSpots(path), findings.compactMap { $0["id"]?.stringValue })
    }

    /// The technique IDs of the top blind spots table of a report written as JSON.
    static func blindSpots(_ path: String) throws -> [String] {
        try blindSpots(JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: path))))
    }

    /// The technique IDs of the top blind spots table of a report document's JSON.
    static func blindSpots(_ document: JSONValue) -> [String] {
        let blocks = document["blocks"]?.arrayValue ?? []
        guard let heading = blocks.firstIndex(where: { $0["type"] == "heading" && $0["text"]?.stringValue?.hasSuffix("blind spots") == true }),
              let table = blocks[heading...].first(where: { $0["type"] == "table" }) else { return [] }
        return table["rows"]?.arrayValue?.compactMap { $0[1]?.stringValue?.split(separator: " ").first.map(String.init) } ?? []
    }

    @Test func gapsTheReportAndTheGateListTheSameTechniquesPreCompromiseApart() throws {
        let plain = try lists([])
        #expect(plain.gaps == ["T1059.001", "T1027"])
        #expect(plain.report == plain.gaps)
        #expect(plain.gate == plain.gaps)
        let json = try JSONValue.parse(Array(try ttpkit(["gaps", "--coverage", coverage, "--format", "json"] + Self.groups).stdout.utf8))
        #expect(json["pre_compromise"]?[0]?["id"] == "T1583.001")
        #expect(json["pre_compromise"]?[0]?["reason"] == "Resource Development")
        #expect(json["include_pre_compromise"] == false)
        let table = try ttpkit(["gaps", "--coverage", coverage] + Self.groups)
        #expect(table.stdout.contains("not counted, listed below: 1 pre-compromise"))
        #expect(table.stdout.contains("Pre-compromise: 1"))

        let included = try lists(["--include-pre-compromise"])
        #expect(included.gaps == ["T1059.001", "T1583.001", "T1027"])
        #expect(included.report == included.gaps)
        #expect(included.gate == included.gaps)
    }

    static let waivers = FixtureBundle.sampleWaivers

    @Test func waiversAreAppliedWarnedAboutAndReportedInEveryCommand() throws {
        let file = try fixtures.write("waivers.yaml", Self.waivers)
        let flags = ["--waivers", file, "--as-of", "2026-03-01"]
        let gaps = try ttpkit(["gaps", "--coverage", coverage, "--format", "json"] + Self.groups + flags)
        #expect(gaps.status == 0, "\(gaps.stderr)")
        #expect(gaps.stderr.contains("ttpkit: \(file):6: warning: waiver for T1059.001 expired (expires: 2026-01-31, owner: edr-team): T1059.001 counts as a gap again\n"))
        #expect(gaps.stderr.contains("ttpkit: \(file):10: warning: waiver for T1218 is unused: T1218 is detected\n"))
        let json = try JSONValue.parse(Array(gaps.stdout.utf8))
        #expect(json["gaps"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == ["T1059.001"])
        #expect(json["waived"]?[0]?["waiver"]?["reason"] == "noisy on build servers")
        #expect(json["waivers"]?["as_of"] == "2026-03-01")

        let lists = try self.lists(flags)
        #expect(lists.gaps == ["T1059.001"] && lists.report == lists.gaps && lists.gate == lists.gaps)

        let gate = try ttpkit(["coverage", "gate", coverage, "--fail-on-gaps", "--junit", fixtures.path("g.xml")] + Self.groups + flags)
        #expect(gate.status == 1)
        #expect(gate.stderr.contains("fail-on-gaps (1 of 3 techniques of groups APT Test (G0001), Other Group (G0002) not detected; 1 waived, 1 pre-compromise listed apart)"))
        #expect(try String(contentsOfFile: fixtures.path("g.xml"), encoding: .utf8).contains("waivers.yaml:6: warning: waiver for T1059.001 expired"))
        let before = try ttpkit(["coverage", "gate", coverage, "--fail-on-gaps", "--waivers", file, "--as-of", "2026-01-31"] + Self.groups)
        #expect(before.status == 0, "a waiver holds on its expiry day: \(before.stderr)")

        let md = fixtures.path("waived.md")
        #expect(try ttpkit(["report", "coverage", "--coverage", coverage, "-o", md] + Self.groups + flags).status == 0)
        let report = try String(contentsOfFile: md, encoding: .utf8)
        #expect(report.contains("## Accepted gaps (waivers)"))
        #expect(report.contains("(blind) — noisy on build servers; owner soc, until 2026-06-30"), "\(report)")
    }

    @Test func malformedWaiversAndMisplacedFlagsAreExit2() throws {
        let bad = try fixtures.write("bad.yaml", "waivers:\n  - technique: T1027\n    reason: x\n    owner: y\n    expires: 2027-02-30\n")
        let r = try ttpkit(["gaps", "--coverage", coverage, "--waivers", bad] + Self.groups)
        #expect(r.status == 2)
        #expect(r.stderr.hasSuffix("\nttpkit: error: \(bad):5: 'expires: 2027-02-30' is not a day written YYYY-MM-DD (2027-03-31)\n"), "\(r.stderr)")
        let unknown = try fixtures.write("unknown.yaml", "waivers:\n  - technique: PowerShel\n    reason: x\n    owner: y\n    expires: 2027-01-01\n")
        let u = try ttpkit(["coverage", "gate", coverage, "--fail-on-gaps", "--waivers", unknown] + Self.groups)
        #expect(u.status == 2)
        #expect(u.stderr.contains("\nttpkit: error: \(unknown):2: waiver technique: no technique 'PowerShel'; did you mean"), "\(u.stderr)")
        let misplaced = try ttpkit(["coverage", "gate", coverage, "--fail-under", "10", "--waivers", bad])
        #expect(misplaced.status == 2)
        #expect(misplaced.stderr.contains("apply to --fail-on-gaps"))
        let day = try ttpkit(["gaps", "--coverage", coverage, "--as-of", "31.03.2027"] + Self.groups)
        #expect(day.status == 2)
        #expect(day.stderr.contains("--as-of: expected a day written YYYY-MM-DD"))
    }

    @Test func sarifPathsAreRelativeToTheRootAndRuleFindingsSitAtTheirLine() throws {
        let file = try fixtures.write("waivers.yaml", Self.waivers)
        let sarif = fixtures.path("g.sarif")
        let r = try ttpkit(["coverage", "gate", coverage, "--fail-on-gaps", "--waivers", file, "--as-of", "2026-03-01",
                            "--sarif", sarif, "--sarif-root", fixtures.dir.path] + Self.groups)
        #expect(r.status == 1, "\(r.stderr)")
        let log = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: sarif)))
        let results = log["runs"]?[0]?["results"]?.arrayValue ?? []
        let places = results.map { item -> String in
            let physical = item["locations"]?[0]?["physicalLocation"]
            return "\(item["ruleId"]?.stringValue ?? "") \(physical?["artifactLocation"]?["uri"]?.stringValue ?? "")"
                + ":\(Int(physical?["region"]?["startLine"]?.doubleValue ?? 0))"
        }
        #expect(places.contains("coverage-gap waivers.yaml:6"))
        #expect(places.contains("coverage-gap waivers.yaml:2"))
        #expect(places.contains("coverage-waiver-unused waivers.yaml:10"))
        #expect(places.contains { $0.hasPrefix("rule-deprecated ") && $0.hasSuffix("rules/old.yml:4") }, "\(places)")
        for item in results {
            #expect(item["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue?.hasPrefix("/") == false)
        }
        #expect(log["runs"]?[0]?["originalUriBaseIds"]?["%SRCROOT%"] != nil)
        let stray = try ttpkit(["coverage", "gate", coverage, "--fail-under", "1", "--sarif-root", "."])
        #expect(stray.status == 2 && stray.stderr.contains("add --sarif FILE"))
    }
}
