import Foundation
import STIX
import TestSupport
import Testing

@Suite("gaps --prevalence and quick wins in gaps and report coverage")
struct PrevalenceQuickWinsCommandTests {
    let bundle: URL
    let fixtures: CoverageFixtures
    let coverage: String

    /// Coverage where only T1218 is Detected and Sysmon 1 is collected: for APT Test (G0001)
    /// T1059.001 is Logged (a quick win) and T1027 is not Detected either.
    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        fixtures = try CoverageFixtures()
        let rules = try fixtures.write("rules/proxy.yml", CoverageFixtures.sigma("Proxy", tags: ["attack.t1218"]))
        let telemetry = try fixtures.write("telemetry.yaml", "version: 1\nsources:\n  - name: sysmon\n    channel: 1\n")
        coverage = fixtures.path("coverage.json")
        let r = try InProcess.run(["coverage", "--rules", rules, "--telemetry", telemetry, "-o", coverage, "--data", bundle.path])
        guard r.status == 0 else { throw FixtureError(message: r.stderr) }
    }

    struct FixtureError: Error { let message: String }

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path])
    }

    /// A vendor report seeing T1027 ten times as often as T1059.001.
    func prevalenceFile(extra: String = "") throws -> String {
        try fixtures.write("prevalence.yaml", """
            version: 1.2
            file_type: group-administration
            domain: enterprise-attack
            platform:
              - all
            groups:
              - group_name: Vendor report
                campaign: 2025
                technique_id:
                  T1027: 100
                  T1059.001: 10\(extra)
                software_id: []
                enabled: true
            """)
    }

    func gapIDs(_ r: CommandRunner.Result) throws -> [String] {
        try JSONValue.parse(Array(r.stdout.utf8))["gaps"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test func prevalenceChangesTheRanking() throws {
        let before = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--format", "json"])
        #expect(before.status == 0, "\(before.stderr)")
        #expect(try gapIDs(before) == ["T1059.001", "T1027"], "more groups of the release use T1059.001")
        let j0 = try JSONValue.parse(Array(before.stdout.utf8))
        #expect(j0["gaps"]?[0]?["prevalence"] == nil)
        let top1 = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--top", "1", "--format", "json"])
        #expect(try gapIDs(top1) == ["T1059.001", "T1027"], "--top limits the table; JSON holds every gap")

        let file = try prevalenceFile()
        let after = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--prevalence", file, "--format", "json"])
        #expect(after.status == 0, "\(after.stderr)")
        #expect(try gapIDs(after) == ["T1027", "T1059.001"], "T1027 is ten times as prevalent")
        let j = try JSONValue.parse(Array(after.stdout.utf8))
        #expect(j["gaps"]?[0]?["prevalence"]?.doubleValue == 1)
        #expect(abs((j["gaps"]?[0]?["score"]?.doubleValue ?? 0) - 1.0) < 1e-9)
        #expect(abs((j["gaps"]?[1]?["prevalence"]?.doubleValue ?? 0) - 0.1) < 1e-9)
        #expect(abs((j["gaps"]?[1]?["score"]?.doubleValue ?? 0) - 0.64) < 1e-9)
        #expect(j["gaps"]?[0]?["prevalence_reports"]?.stringArray == ["Vendor report (2025)"] || j["gaps"]?[0]?["prevalence_reports"]?.arrayValue?.count == 1)
        #expect(j["ranking"]?["prevalence_weight"]?.doubleValue == 0.4)

        let table = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--prevalence", file])
        #expect(table.status == 0)
        #expect(table.stdout.contains("score = 0.6 × group share"), "\(table.stdout)")
        #expect(table.stdout.contains("prevalence"))
        #expect(table.stdout.contains("1  T1027"), "\(table.stdout)")
    }

    @Test func unknownIDInAPrevalenceFileWarnsWithFileAndLineAndGoesOn() throws {
        let file = try prevalenceFile(extra: "\n      T1777: 5")
        let r = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--prevalence", file, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("\(file):12: warning: T1777 is not in ATT&CK"), "\(r.stderr)")
        #expect(try gapIDs(r) == ["T1027", "T1059.001"])
        let missing = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--prevalence", fixtures.path("nope.yaml")])
        #expect(missing.status == 2)
        #expect(missing.stderr.split(separator: "\n").count == 1, "\(missing.stderr)")
    }

    @Test func quickWinsListLoggedNotDetectedTechniquesOfTheChosenGroup() throws {
        try fixtures.write("atomics/T1059.001/T1059.001.yaml",
                           "attack_technique: T1059.001\natomic_tests:\n- name: Run encoded PowerShell\n  auto_generated_guid: 1111-2222\n  supported_platforms: [windows]\n")
        let atomics = fixtures.path("atomics")
        let r = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--atomics", atomics, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(j["quick_win_count"]?.doubleValue == 1)
        #expect(j["quick_wins"]?[0]?["id"]?.stringValue == "T1059.001")
        #expect(j["quick_wins"]?[0]?["groups"]?.stringArray == ["APT Test (G0001)"])
        #expect(j["quick_wins"]?[0]?["telemetry"]?.stringArray == ["sysmon 1"])
        #expect(j["quick_wins"]?[0]?["atomic_tests"]?[0]?["name"]?.stringValue == "Run encoded PowerShell")

        let table = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001"])
        #expect(table.stdout.contains("Quick wins: 1 of 1"), "\(table.stdout)")
        #expect(table.stdout.contains("add --atomics DIR"))

        let report = fixtures.path("report.md")
        let rep = try ttpkit(["report", "coverage", "--coverage", coverage, "--groups", "G0001", "--atomics", atomics, "-o", report])
        #expect(rep.status == 0, "\(rep.stderr)")
        let text = try String(contentsOfFile: report, encoding: .utf8)
        #expect(text.contains("Quick wins"))
        #expect(text.contains("PowerShell (T1059.001), used by APT Test (G0001); collected: sysmon 1; validate with 1 Atomic Red Team test (Run encoded PowerShell)."), "\(text)")

        let bad = try ttpkit(["gaps", "--coverage", coverage, "--groups", "G0001", "--atomics", fixtures.path("nowhere")])
        #expect(bad.status == 2)
    }
}
