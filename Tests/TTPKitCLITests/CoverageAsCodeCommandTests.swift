import Foundation
import STIX
import TestSupport
import Testing

@Suite("coverage gate, coverage diff and dettect commands on a fixture bundle")
struct CoverageAsCodeCommandTests {
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

    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path(name)))
        return path(name)
    }

    static let coverage = """
        {"type": "ttpkit-coverage", "domain": "enterprise-attack", "techniques": [
          {"id": "T1059", "state": "blind"},
          {"id": "T1059.001", "state": "detected", "rules": [{"path": "rules/ps.yml", "line": 4, "title": "PS"}]},
          {"id": "T1027", "state": "logged"},
          {"id": "T1218", "state": "blind"}]}
        """

    @Test func eachExitCode() throws {
        let coverage = try write("coverage.json", Self.coverage)
        let ok = try ttpkit("coverage", "gate", coverage, "--fail-under", "25")
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr == "ttpkit coverage: 1/4 techniques detected (25.0%), 1 gate passed\n")

        let failed = try ttpkit("coverage", "gate", coverage, "--fail-under", "execution=80", "--junit", path("gates.xml"))
        #expect(failed.status == 1)
        #expect(failed.stderr.contains("1 of 1 gate failed: fail-under execution=80% (33.3%, 1/3 detected, needs execution=80%)"))
        #expect(try String(contentsOfFile: path("gates.xml"), encoding: .utf8).contains("<failure message="))

        let badInput = try write("old.yaml", "version: 9.0\nfile_type: technique-administration\ntechniques: []\n")
        let bad = try ttpkit("coverage", "gate", badInput, "--fail-under", "10")
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("ttpkit: error: \(badInput):1: unsupported technique-administration version 9.0"))

        let broken = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", #"{"type": "bundle", "objects": ["#)
        let reference = try InProcess.run(["coverage", "gate", coverage, "--fail-under", "10", "--data", broken.path])
        #expect(reference.status == 3, "\(reference.stderr)")
    }

    @Test func failOnGapsWritesSarifPointingAtTheTargetsFile() throws {
        let coverage = try write("coverage.json", Self.coverage)
        let targets = try write("targets.txt", "# must detect\nT1027\nT1059.001\n")
        let r = try ttpkit("coverage", "gate", coverage, "--fail-on-gaps", "--targets", targets, "--groups", "APT Test", "--sarif", path("gates.sarif"))
        #expect(r.status == 1)
        let sarif = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: path("gates.sarif"))))
        let results = sarif["runs"]?[0]?["results"]?.arrayValue ?? []
        #expect(results.map { $0["properties"]?["techniqueID"]?.stringValue ?? "" } == ["T1027"])
        #expect(results.first?["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"] == 2)
        let misuse = try ttpkit("coverage", "gate", coverage, "--groups", "APT Test")
        #expect(misuse.status == 2)
        #expect(misuse.stderr.contains("add --fail-on-gaps"))
    }

    @Test func diffAndRegression() throws {
        let old = try write("old.json", Self.coverage)
        let new = try write("new.json", Self.coverage
            .replacingOccurrences(of: #""id": "T1059", "state": "blind""#, with: #""id": "T1059", "state": "detected""#)
            .replacingOccurrences(of: #""id": "T1059.001", "state": "detected""#, with: #""id": "T1059.001", "state": "logged""#))
        let json = try ttpkit("coverage", "diff", old, new, "--format", "json")
        #expect(json.status == 0, "\(json.stderr)")
        let value = try JSONValue.parse(Array(json.stdout.utf8))
        #expect(value["summary"]?["gained"] == 1 && value["summary"]?["lost"] == 1)
        #expect(value["tactics"]?[0]?["tactic"] == "execution")
        let layer = try ttpkit("coverage", "diff", old, new, "--format", "layer", "-o", path("diff.json"))
        #expect(layer.status == 0, "\(layer.stderr)")
        let regression = try ttpkit("coverage", "gate", new, "--fail-on-regression", old)
        #expect(regression.status == 1)
        #expect(regression.stderr.contains("fail-on-regression (1 technique lost)"))
        #expect(try ttpkit("coverage", "diff", old).status == 2)
        let table = try ttpkit("coverage", "diff", old, new)
        #expect(table.stdout.contains("T1059.001  lost"))

        let sigma = try write("sigma.json", #"{"name": "sigma", "domain": "enterprise-attack", "versions": {"layer": "4.4"}, "techniques": [{"techniqueID": "T1027", "score": 3}]}"#)
        let baseline = try ttpkit("coverage", "diff", old, "--baseline", sigma, "--format", "json")
        #expect(baseline.status == 0, "\(baseline.stderr)")
        let comparison = try JSONValue.parse(Array(baseline.stdout.utf8))
        #expect(comparison["only_baseline"]?[0]?["id"] == "T1027" && comparison["only_ours"]?[0]?["id"] == "T1059.001")
        let mobile = try write("mobile.json", #"{"name": "m", "domain": "mobile-attack", "versions": {"layer": "4.5"}, "techniques": []}"#)
        let wrongDomain = try ttpkit("coverage", "diff", old, "--baseline", mobile)
        #expect(wrongDomain.status == 2)
        #expect(wrongDomain.stderr.contains("mobile.json: holds mobile-attack coverage but the loaded ATT&CK data is enterprise-attack"))
        let quiet = try ttpkit("coverage", "gate", old)
        #expect(quiet.status == 0 && quiet.stderr.hasSuffix("(no gate given)\n"))
    }

    @Test func dettectImportExportRoundTrip() throws {
        let source = try write("techniques.yaml", """
            version: 1.2
            file_type: technique-administration
            name: fixture
            domain: enterprise-attack
            platform: [Windows]
            techniques:
              - technique_id: T1027
                technique_name: Obfuscated Files or Information
                detection:
                  - applicable_to: [all]
                    location: [EDR]
                    score_logbook:
                      - {date: 2024-01-01, score: 3, comment: ''}
                visibility:
                  - applicable_to: [all]
                    score_logbook:
                      - {date: 2024-01-01, score: 2, comment: ''}
              - technique_id: T1218
                technique_name: System Binary Proxy Execution
                detection: []
                visibility:
                  - applicable_to: [all]
                    score_logbook:
                      - {date: 2024-01-01, score: 1}
            """)
        let imported = try ttpkit("dettect", "import", "techniques", source, "-o", path("c.json"))
        #expect(imported.status == 0, "\(imported.stderr)")
        let exported = try ttpkit("dettect", "export", "techniques", path("c.json"), "-o", path("again.yaml"))
        #expect(exported.stderr.contains("ttpkit: wrote \(path("again.yaml"))"))
        let groups = try ttpkit("dettect", "export", "groups", path("c.json"))
        #expect(groups.status == 2, "group administration is read only, so the parser refuses it")
        #expect(groups.stderr.contains("techniques") && groups.stderr.contains("datasources"))
        #expect(exported.status == 0, "\(exported.stderr)")
        let again = try ttpkit("dettect", "import", "techniques", path("again.yaml"), "-o", path("c2.json"))
        #expect(again.status == 0)
        let first = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: path("c.json"))))
        let second = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: path("c2.json"))))
        func scores(_ value: JSONValue) -> [String] {
            (value["techniques"]?.arrayValue ?? []).map { item in
                "\(item["id"]?.stringValue ?? "") \(item["state"]?.stringValue ?? "") \(item["dettect"]?.serialized(pretty: false) ?? "-")"
            }
        }
        #expect(scores(first) == scores(second))
        #expect(scores(first).contains(#"T1027 detected {"detection":3,"visibility":2}"#))
        #expect(first["totals"]?["detected"] == 1 && first["totals"]?["logged"] == 1)
        let telemetry = try write("telemetry.yaml", "sources:\n  - data_component: Process Creation\n")
        let ds = try ttpkit("dettect", "export", "datasources", telemetry)
        #expect(ds.status == 0, "\(ds.stderr)")
        #expect(ds.stdout.contains("  - data_source_name: 'Process Creation'\n"))
    }

    /// The library says what is wrong; the CLI adds the option that fixes it, and maps the
    /// error's kind to exit 2.
    @Test func aDeTTECTFileOfAnotherDomainNamesTheOptionThatFixesIt() throws {
        let mobile = try write("mobile-techniques.yaml", """
            version: 1.2
            file_type: technique-administration
            name: phone
            domain: mobile-attack
            platform: [Android]
            techniques: []
            """)
        let r = try ttpkit("dettect", "import", "techniques", mobile, "--domain", "enterprise")
        #expect(r.status == 2)
        #expect(r.stderr == "ttpkit: error: \(mobile): DeTT&CT file is for mobile-attack, the loaded ATT&CK data is enterprise-attack (choose the domain with --domain)\n")
    }
}
