import Foundation
import STIX
import TestSupport
import Testing

@Suite("coverage on fixture rules")
struct CoverageCommandTests {
    let bundle: URL
    let fixtures: CoverageFixtures

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        fixtures = try CoverageFixtures()
    }

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path])
    }

    func techniques(_ json: JSONValue) -> [String: JSONValue] {
        Dictionary((json["techniques"]?.arrayValue ?? []).compactMap { t in t["id"]?.stringValue.map { ($0, t) } }, uniquingKeysWith: { a, _ in a })
    }

    @Test func defaultIsTheSummaryByTacticAndGoesOnPastBadFiles() throws {
        let rules = try fixtures.mixedRules()
        let r = try ttpkit(["coverage", "--rules", rules])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("tactic"))
        let execution = try #require(r.stdout.range(of: "Execution"))
        let evasion = try #require(r.stdout.range(of: "Defense Evasion"))
        #expect(execution.lowerBound < evasion.lowerBound, "tactics in matrix order")
        #expect(r.stdout.contains("Total (techniques and sub-techniques)  4"))
        #expect(r.stdout.contains("3 (75%)"), "T1059.001, T1027 and T1218 detected of 4")
        #expect(r.stdout.contains("naming a revoked technique (counted as its replacement)"))
        #expect(r.stdout.contains("files or rules that failed"))
        #expect(r.stderr.contains("rules/bad/no_title.yml:1: rule has no title"))
        #expect(r.stderr.contains("rules/bad/binary.yml: binary file"))
        #expect(r.stderr.contains("ttpkit: read 9 rules"))
    }

    @Test func analyzeIsTheDefaultSubcommand() throws {
        let rules = try fixtures.mixedRules()
        let a = try ttpkit(["coverage", "--rules", rules, "--format", "csv"])
        let b = try ttpkit(["coverage", "analyze", "--rules", rules, "--format", "csv"])
        #expect(a.status == 0 && b.status == 0)
        #expect(a.stdout == b.stdout)
        let lines = a.stdout.split(separator: "\r\n")
        #expect(lines.first == "id,name,tactics,state,score,rule_count,rules,telemetry,subtechniques_detected")
        #expect(lines.contains { $0.hasPrefix("T1059.001,PowerShell,execution,detected,100,3,") })
        #expect(lines.contains { $0.hasPrefix("T1059,Command and Scripting Interpreter,execution,blind,0,0,,,1/1") })
    }

    @Test func jsonIsTheCoverageFile() throws {
        let rules = try fixtures.mixedRules()
        let out = fixtures.path("coverage.json")
        let r = try ttpkit(["coverage", "--rules", rules, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let json = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(json["format"]?.stringValue == "ttpkit-coverage")
        let t = techniques(json)
        #expect(t["T1059.001"]?["state"]?.stringValue == "detected")
        #expect(t["T1059.001"]?["rules"]?.arrayValue?.contains { $0["applied_as"]?.stringValue == "revoked-id" } == true)
        #expect(t["T1059"]?["state"]?.stringValue == "blind", "a rule on the sub-technique does not cover the parent")
        #expect(json["rule_quality"]?["failures"]?.doubleValue == 5)
        #expect(json["issues"]?.arrayValue?.contains { $0["path"]?.stringValue?.hasSuffix("no_title.yml") == true && $0["line"]?.doubleValue == 1 } == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixtures.dir.path).allSatisfy { !$0.hasPrefix(".") }, "a temporary file was left behind")
    }

    @Test func aCoverageFileIsReadWhereALayerIsExpected() throws {
        let rules = try fixtures.mixedRules()
        let out = fixtures.path("coverage.json")
        #expect(try ttpkit(["coverage", "--rules", rules, "-o", out]).status == 0)
        let svg = fixtures.path("coverage.svg")
        let r = try ttpkit(["layer", "render", out, "-o", svg])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("is a ttpkit coverage file; read as its coverage layer"))
        #expect(FileManager.default.fileExists(atPath: svg))
        let combined = try ttpkit(["layer", "combine", out, out, "--expr", "a+b"])
        #expect(combined.status == 0, "\(combined.stderr)")
        let noExtension = try ttpkit(["layer", "render", out, "-o", fixtures.path("overlap")])
        #expect(noExtension.status == 2)
        #expect(noExtension.stderr.contains("has no extension; the format is chosen by it: .svg, .html, .xlsx, .csv or .md"))
    }

    @Test func telemetryMakesLoggedAndRulesThatCannotFire() throws {
        let rules = try fixtures.mixedRules()
        let telemetry = try fixtures.telemetry()
        let r = try ttpkit(["coverage", "--rules", rules, "--telemetry", telemetry, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("telemetry.yaml:5: unknown data component 'DC9999'"), "reported at its line; the run goes on")
        let json = try JSONValue.parse(Array(r.stdout.utf8))
        let t = techniques(json)
        #expect(t["T1059.001"]?["state"]?.stringValue == "detected")
        #expect(t["T1027"]?["state"]?.stringValue == "blind", "its only rule reads file events, which are not collected")
        #expect(json["rule_quality"]?["cannot_fire"]?.doubleValue == 1)
        #expect(json["findings"]?.arrayValue?.contains { $0["kind"]?.stringValue == "cannot-fire" && $0["path"]?.stringValue?.hasSuffix("obfuscation.yml") == true } == true)
    }

    @Test func loggedWithoutRules() throws {
        let rules = try fixtures.write("one/obf.yml", CoverageFixtures.sigma("Packed", tags: ["attack.t1027"], category: "process_creation"))
        let telemetry = try fixtures.telemetry()
        let r = try ttpkit(["coverage", "--rules", rules, "--telemetry", telemetry, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let t = techniques(try JSONValue.parse(Array(r.stdout.utf8)))
        #expect(t["T1059.001"]?["state"]?.stringValue == "logged")
        #expect(t["T1059.001"]?["score"]?.doubleValue == 50)
        #expect(t["T1059.001"]?["telemetry"]?[0]?["log_source"]?.stringValue == "sysmon")
    }

    @Test func parentSwitchScoresAndLayer() throws {
        let rules = try fixtures.write("parent/cmd.yml", CoverageFixtures.sigma("Shells", tags: ["attack.t1059"]))
        let r = try ttpkit(["coverage", "--rules", rules, "--parent-covers-subtechniques", "--scores", "3,1,0", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let t = techniques(try JSONValue.parse(Array(r.stdout.utf8)))
        #expect(t["T1059.001"]?["state"]?.stringValue == "detected")
        #expect(t["T1059.001"]?["score"]?.doubleValue == 3)
        #expect(t["T1059.001"]?["rules"]?[0]?["applied_as"]?.stringValue == "parent")
        let layerPath = fixtures.path("layer.json")
        let l = try ttpkit(["coverage", "--rules", rules, "--format", "layer", "-o", layerPath])
        #expect(l.status == 0, "\(l.stderr)")
        let layer = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: layerPath)))
        #expect(layer["versions"]?["layer"]?.stringValue == "4.5")
        #expect(layer["gradient"]?["colors"]?.arrayValue?.count == 3)
        let entries = layer["techniques"]?.arrayValue ?? []
        #expect(entries.contains { $0["techniqueID"]?.stringValue == "T1059" && $0["score"]?.doubleValue == 100 && ($0["comment"]?.stringValue ?? "").contains("Shells") })
        #expect(entries.contains { $0["techniqueID"]?.stringValue == "T1059.001" && $0["score"]?.doubleValue == 0 })
    }

    @Test func weightingScalesDetectedScoresByRuleQuality() throws {
        let rules = try fixtures.write("w/ps.yml", CoverageFixtures.sigma("PS", tags: ["attack.t1059.001"], status: "experimental"))
        let r = try ttpkit(["coverage", "--rules", rules, "--weighted", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(techniques(json)["T1059.001"]?["score"]?.doubleValue == 75, "high (1) × experimental (0.75)")
        #expect(json["options"]?["weighting"]?["statuses"]?["experimental"]?.doubleValue == 0.75)
    }

    @Test func atomicsAreCounted() throws {
        let rules = try fixtures.write("a/ps.yml", CoverageFixtures.sigma("PS", tags: ["attack.t1059.001"]))
        try fixtures.write("atomics/T1059.001/T1059.001.yaml", "attack_technique: T1059.001\natomic_tests:\n- name: Run it\n  supported_platforms: [windows]\n")
        try fixtures.write("atomics/T1027/T1027.yaml", "attack_technique: T1027\natomic_tests:\n- name: Pack it\n")
        let r = try ttpkit(["coverage", "--rules", rules, "--atomics", fixtures.path("atomics")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 Detected technique with tests to validate the rules: T1059.001"))
        #expect(r.stdout.contains("1 Blind technique with tests to build detections against: T1027"))
    }

    @Test func whollyUnusableInputsExitTwo() throws {
        let bad = try fixtures.write("bad/x.yml", "title: [\n")
        let r = try ttpkit(["coverage", "--rules", bad])
        #expect(r.status == 2)
        #expect(r.stderr.contains("x.yml:"))
        #expect(r.stderr.contains("ttpkit: error: no detection rule could be read"))

        let rules = try fixtures.write("ok/ps.yml", CoverageFixtures.sigma("PS", tags: ["attack.t1059.001"]))
        let telemetry = try fixtures.write("t.yaml", "sources:\n  - data_component: DC9999\n  - name: x\n    data_component: y\n")
        let t = try ttpkit(["coverage", "--rules", rules, "--telemetry", telemetry, "-o", fixtures.path("never.json")])
        #expect(t.status == 2)
        #expect(t.stderr.contains("t.yaml:2: unknown data component 'DC9999'"))
        #expect(t.stderr.contains("ttpkit: error: \(telemetry): no usable entry"))
        #expect(!FileManager.default.fileExists(atPath: fixtures.path("never.json")))

        let notYAML = try fixtures.write("t2.yaml", "sources: [\n")
        #expect(try ttpkit(["coverage", "--rules", rules, "--telemetry", notYAML]).status == 2)
        #expect(try ttpkit(["coverage", "--rules", rules, "--scores", "1,2"]).status != 0)
        for scores in ["1e999,1,0", "nan,1,0", "100,inf,0"] {
            let r = try ttpkit(["coverage", "--rules", rules, "--scores", scores])
            #expect(r.status != 0 && r.status != 1, "\(scores)")
            #expect(r.stderr.contains("--scores: scores '\(scores)': expected three numbers"), "\(r.stderr)")
        }
        #expect(try ttpkit(["coverage"]).status != 0, "--rules is required")
    }
}
