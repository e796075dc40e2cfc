import Foundation
import STIX
import TestSupport
import Testing

/// One coverage model, one score policy, one group selection: the same coverage layer and the
/// same coverage file give the same state for every technique in `gaps`, `coverage gate`,
/// `coverage diff`, `--baseline` and `report coverage`; `--groups` / `--sector` choose the same
/// groups in every command. Fixture: T1059, T1059.001, T1027, T1218; APT Test (G0001, alias
/// Test Bear) uses T1027 and T1059.001, Other Group (G0002) T1059.001.
@Suite("one coverage state and one group selection in every command")
struct CoverageConsistencyCommandTests {
    let bundle: URL
    let fixtures: CoverageFixtures

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        fixtures = try CoverageFixtures()
    }

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path])
    }

    /// What every command must agree on.
    static let expected = ["T1059": "detected", "T1059.001": "logged", "T1027": "blind", "T1218": "blind"]

    /// A foreign layer (a cell scored 30 without a ttpkit comment is Detected by the policy),
    /// a ttpkit comment that wins over its score, a 0 score; T1218 not listed.
    static let layer = #"""
        {"name": "mixed", "domain": "enterprise-attack", "versions": {"layer": "4.5", "attack": "18.1"}, "techniques": [
          {"techniqueID": "T1059", "tactic": "execution", "score": 30},
          {"techniqueID": "T1059.001", "tactic": "execution", "score": 30, "comment": "Logged by: sysmon 1"},
          {"techniqueID": "T1027", "tactic": "defense-evasion", "score": 0}]}
        """#

    /// The same states in a version 1 coverage file (the short shape `dettect import` wrote).
    static let file = #"""
        {"format": "ttpkit-coverage", "format_version": 1, "domain": "enterprise-attack", "attack_version": "18.1",
         "techniques": [{"id": "T1059", "state": "detected", "rules": [{"title": "Cmd", "path": "r/cmd.yml", "line": 1}]},
                        {"id": "T1059.001", "state": "logged"}, {"id": "T1027", "state": "blind"}]}
        """#

    @Test(arguments: ["layer.json", "coverage-v1.json"])
    func everyCommandReadsTheSameStates(_ name: String) throws {
        let input = try fixtures.write(name, name == "layer.json" ? Self.layer : Self.file)
        let blind = try fixtures.write("blind.json", #"{"format": "ttpkit-coverage", "format_version": 2, "domain": "enterprise-attack", "techniques": []}"#)

        // gaps: the chosen groups' techniques that are not Detected, with their state.
        let gaps = try ttpkit(["gaps", "--coverage", input, "--all-groups", "--format", "json"])
        #expect(gaps.status == 0, "\(gaps.stderr)")
        let gapStates = try JSONValue.parse(Array(gaps.stdout.utf8))["gaps"]?.arrayValue?.map {
            ($0["id"]?.stringValue ?? "", $0["state"]?.stringValue ?? "")
        } ?? []
        #expect(Dictionary(gapStates, uniquingKeysWith: { a, _ in a }) == ["T1059.001": "logged", "T1027": "blind"])

        // coverage gate: every technique required; each finding carries its state.
        let targets = try fixtures.write("all.txt", "T1059\nT1059.001\nT1027\nT1218\n")
        let sarif = fixtures.path("gate-\(name).sarif")
        let gate = try ttpkit(["coverage", "gate", input, "--fail-on-gaps", "--targets", targets, "--sarif", sarif])
        #expect(gate.status == 1, "\(gate.stderr)")
        #expect(gate.stderr.contains("1/4 techniques detected"))
        let results = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: sarif)))["runs"]?[0]?["results"]?.arrayValue ?? []
        var gateStates = ["T1059": "detected"]
        for result in results {
            let id = result["properties"]?["techniqueID"]?.stringValue ?? ""
            let text = result["message"]?["text"]?.stringValue ?? ""
            gateStates[id] = ["logged", "blind"].first(where: { state in text.contains(" is " + state + ", not detected") }) ?? "?"
        }
        #expect(gateStates == Self.expected)

        // coverage diff against an all-Blind file: the new state of every technique that changed.
        let diff = try ttpkit(["coverage", "diff", blind, input, "--format", "json"])
        #expect(diff.status == 0, "\(diff.stderr)")
        var diffStates = Dictionary(Self.expected.keys.map { ($0, "blind") }, uniquingKeysWith: { a, _ in a })
        for change in try JSONValue.parse(Array(diff.stdout.utf8))["changes"]?.arrayValue ?? [] {
            diffStates[change["id"]?.stringValue ?? ""] = change["new"]?.stringValue
        }
        #expect(diffStates == Self.expected)

        // --baseline: what the baseline covers is what it has Detected.
        let baseline = try ttpkit(["coverage", "diff", blind, "--baseline", input, "--format", "json"])
        #expect(baseline.status == 0, "\(baseline.stderr)")
        let onlyBaseline = try JSONValue.parse(Array(baseline.stdout.utf8))["only_baseline"]?.arrayValue?.compactMap { $0["id"]?.stringValue }
        #expect(onlyBaseline == ["T1059"])

        // report coverage: the blind spots are the gaps of `gaps`, in its order, each with its state.
        let report = fixtures.path("report-\(name).md")
        let r = try ttpkit(["report", "coverage", "--coverage", input, "--all-groups", "-o", report])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOfFile: report, encoding: .utf8)
        #expect(md.contains("| 1 | [T1059.001 Command and Scripting Interpreter: PowerShell](https://attack.mitre.org/techniques/T1059/001) | Logged |"), "\(md)")
        #expect(md.contains("| 2 | [T1027 Obfuscated Files or Information](https://attack.mitre.org/techniques/T1027) | Blind |"), "\(md)")
        #expect(md.contains("[Command and Scripting Interpreter: PowerShell (T1059.001), used by"), "a Logged gap is also a quick win: \(md)")
        #expect(md.contains("1 of 4 techniques (25%) are detected"))
    }

    @Test func groupsAndSectorChooseTheSameGroupsInEveryCommand() throws {
        let coverage = try fixtures.write("coverage.json", Self.file)
        let galaxy = try fixtures.write("galaxy.json", #"{"values": [{"value": "Test Bear", "meta": {"targeted-sector": ["Finance"]}}]}"#)
        for choice in [["--sector", "Financial", "--galaxy", galaxy], ["--groups", "test bear"], ["--all-groups"]] {
            let gaps = try ttpkit(["gaps", "--coverage", coverage, "--format", "json"] + choice)
            #expect(gaps.status == 0, "\(gaps.stderr)")
            let chosen = try JSONValue.parse(Array(gaps.stdout.utf8))["groups"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []

            let report = fixtures.path("groups.md")
            let r = try ttpkit(["report", "coverage", "--coverage", coverage, "-o", report] + choice)
            #expect(r.status == 0, "\(r.stderr)")
            let md = try String(contentsOfFile: report, encoding: .utf8)
            let reported = ["G0001", "G0002"].filter { md.contains("(\($0))](") }

            let junit = fixtures.path("gates.xml")
            let gate = try ttpkit(["coverage", "gate", coverage, "--fail-on-gaps", "--junit", junit] + choice)
            #expect(gate.status == 1, "\(gate.stderr)")
            let xml = try String(contentsOfFile: junit, encoding: .utf8)
            let required = ["G0001", "G0002"].filter { xml.contains("(\($0))") }

            #expect(!chosen.isEmpty)
            #expect(chosen == reported, "\(choice)")
            #expect(required == chosen, "\(choice): \(xml)")
            if choice[0] == "--sector" {
                let line = { (text: String) in text.split(separator: "\n").first { $0.contains("sector Financial:") }.map(String.init) }
                #expect(line(gaps.stderr) != nil && line(gaps.stderr) == line(r.stderr) && line(r.stderr) == line(gate.stderr))
            }
        }
    }
}
