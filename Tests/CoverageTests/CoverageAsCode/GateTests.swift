import ATTACK
import Foundation
import STIX
import TestSupport
import Testing
@testable import Coverage

/// Gates over the fixture release: rule on T1059.001 (Detected), sysmon 22 (T1027 Logged),
/// T1059 and T1003 Blind.
struct GateTests {
    static func snapshot() throws -> (CoverageResult, KnowledgeBase) {
        let kb = try FixtureKnowledgeBase.make()
        let rule = DetectionRule(format: .sigma, path: "rules/ps.yml", line: 1, title: "PS", techniqueIDs: ["T1059.001"])
        let inventory = TelemetryInventory.parse(text: "- name: sysmon\n  channel: 22\n", path: "t.yaml")
        return (CoverageResult(rules: [rule], telemetry: inventory, knowledgeBase: kb), kb)
    }

    /// `result` with T1027 Detected by one rule at `path`, as a base named `source`.
    static func base(_ result: CoverageResult, source: String, rule path: String, title: String = "") throws -> CoverageResult {
        var techniques = result.techniques
        let index = try #require(techniques.firstIndex { $0.techniqueID == "T1027" })
        techniques[index].state = .detected
        techniques[index].rules = [RuleReference(rule: DetectionRule(format: .sigma, path: path, line: 3, title: title))]
        return CoverageResult(source: source, domain: .enterprise, release: result.release, techniques: techniques)
    }

    @Test func noGatesPassAndTheSummaryGivesTheDetectedShare() throws {
        let (snapshot, _) = try Self.snapshot()
        let result = try GateEvaluator.evaluate(snapshot, gates: GateConfiguration(), knowledgeBase: try FixtureKnowledgeBase.make())
        #expect(result.passed)
        #expect(result.summaryLine == "ttpkit coverage: 1/4 techniques detected (25.0%)")
    }

    @Test func failOnGapsListsEveryRequiredTechniqueThatIsNotDetected() throws {
        let (snapshot, kb) = try Self.snapshot()
        let panda = try GroupSelection.choose(.named(["fixture panda"]), galaxy: nil, knowledgeBase: kb)
        let gates = GateConfiguration(requiredTechniques: .groups(panda, knowledgeBase: kb))
        let result = try GateEvaluator.evaluate(snapshot, gates: gates, knowledgeBase: kb)
        #expect(!result.passed)
        #expect(result.failed.map(\.kind) == [.gaps])
        #expect(result.failed[0].findings.map(\.techniqueID) == ["T1003"])
        #expect(result.summaryLine == "ttpkit coverage: 1/4 techniques detected (25.0%), 1 of 1 gate failed: fail-on-gaps (1 of 2 techniques of groups Fixture Panda (G0002) not detected)")
    }

    @Test func failUnderComparesOverallAndPerTacticShares() throws {
        let (snapshot, kb) = try Self.snapshot()
        let gates = GateConfiguration(thresholds: [
            try GateThreshold.parse("25", knowledgeBase: kb),
            try GateThreshold.parse("Execution=60", knowledgeBase: kb),
            try GateThreshold.parse("TA0005=1%", knowledgeBase: kb),
        ])
        let result = try GateEvaluator.evaluate(snapshot, gates: gates, knowledgeBase: kb)
        #expect(result.conditions.map(\.passed) == [true, false, false])
        #expect(result.conditions[1].name == "fail-under execution=60%")
        #expect(result.conditions[1].message == "50.0%, 1/2 detected, needs execution=60%")
        #expect(result.conditions[2].message == "0.0%, 0/2 detected, needs defense-evasion=1%")
    }

    @Test func thresholdsRejectBadNumbersAndUnknownTactics() throws {
        let kb = try FixtureKnowledgeBase.make()
        #expect(throws: CoverageInputError.self) { try GateThreshold.parse("120", knowledgeBase: kb) }
        let error = #expect(throws: CoverageInputError.self) { try GateThreshold.parse("stealth=50", knowledgeBase: kb) }
        #expect(error?.description == "threshold 'stealth=50': unknown tactic 'stealth' in ATT&CK 18.1 (tactics: execution, defense-evasion)")
        #expect(error?.kind == .badInput)
    }

    @Test func regressionReportsTechniquesDetectedInTheBaseAndNotNow() throws {
        let (snapshot, kb) = try Self.snapshot()
        let base = try Self.base(snapshot, source: "main.json", rule: "rules/obf.yml", title: "Obf")
        let result = try GateEvaluator.evaluate(snapshot, gates: GateConfiguration(regressionBase: base), knowledgeBase: kb)
        #expect(result.failed.first?.findings.map(\.techniqueID) == ["T1027"])
        #expect(result.failed.first?.findings.first?.message
                == "T1027 Obfuscated Files or Information was detected in main.json and is now logged; it was detected by rules/obf.yml:3")
        let mobile = CoverageResult(source: "mobile.json", domain: .mobile, techniques: [])
        #expect(throws: CoverageInputError.self) { try GateEvaluator.evaluate(snapshot, gates: GateConfiguration(regressionBase: mobile), knowledgeBase: kb) }
    }

    @Test func targetsFilesGiveLinesWarningsAndErrors() throws {
        let kb = try FixtureKnowledgeBase.make()
        let folder = try TemporaryFolder(["targets.txt": "# crown jewels\nT1003  # dumping\n\nt1086\nT9999\n", "bad.txt": "T1003\nlsass\n"])
        defer { folder.remove() }
        let targets = try TechniqueTargets.file(folder.path + "/targets.txt", knowledgeBase: kb)
        #expect(targets.techniqueIDs == ["T1003", "T1059.001"])
        #expect(targets.lines == ["T1003": 2, "T1059.001": 4])
        #expect(targets.warnings.map(\.line) == [4, 5])
        #expect(targets.warnings[1].reason == "T9999 is not in ATT&CK 18.1 (a newer release?); ignored")
        let error = #expect(throws: CoverageInputError.self) { try TechniqueTargets.file(folder.path + "/bad.txt", knowledgeBase: kb) }
        #expect(error?.line == 2)
    }

    @Test func sarifHasTheRequiredFieldsAndPointsAtRulesOrTargets() throws {
        let (snapshot, kb) = try Self.snapshot()
        let folder = try TemporaryFolder(["targets.txt": "T1003\nT1059.001\n"])
        defer { folder.remove() }
        let base = try Self.base(snapshot, source: "base.json", rule: "./rules/my obf.yml")
        let gates = GateConfiguration(
            requiredTechniques: try TechniqueTargets.file(folder.path + "/targets.txt", knowledgeBase: kb),
            thresholds: [GateThreshold(percent: 90)],
            regressionBase: base)
        let result = try GateEvaluator.evaluate(snapshot, gates: gates, knowledgeBase: kb)
        let sarif = try JSONValue.parse(Array(SARIFReport.render(result, context: GateReportContext(defaultArtifact: "rules")).utf8))
        #expect(sarif["version"] == "2.1.0")
        #expect(sarif["$schema"]?.stringValue == SARIFReport.schema)
        let run = try #require(sarif["runs"]?[0])
        #expect(run["tool"]?["driver"]?["name"] == "ttpkit")
        let results = try #require(run["results"]?.arrayValue)
        #expect(results.count == 3)
        for item in results {
            #expect(item["ruleId"]?.stringValue != nil)
            #expect(item["message"]?["text"]?.stringValue?.isEmpty == false)
            #expect(item["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue != nil)
        }
        #expect(results.map { $0["ruleId"]?.stringValue ?? "" } == ["coverage-gap", "coverage-threshold", "coverage-regression"])
        #expect(results[0]["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"] == 1)
        #expect(results[1]["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "rules")
        #expect(results[2]["locations"]?[0]?["physicalLocation"]?["artifactLocation"]?["uri"] == "rules/my%20obf.yml")
        #expect(results[2]["locations"]?[0]?["physicalLocation"]?["region"]?["startLine"] == 3)
    }

    @Test func junitHasOneTestcasePerGateAndFailuresForFailedOnes() throws {
        let (snapshot, kb) = try Self.snapshot()
        let gates = GateConfiguration(thresholds: [try GateThreshold.parse("20", knowledgeBase: kb), try GateThreshold.parse("execution=80", knowledgeBase: kb)])
        let xml = JUnitReport.render(try GateEvaluator.evaluate(snapshot, gates: gates, knowledgeBase: kb))
        #expect(xml.contains(#"<testsuite name="ttpkit coverage gates" tests="2" failures="1""#))
        #expect(xml.contains(#"<testcase classname="ttpkit.coverage" name="fail-under 20%" time="0"/>"#))
        #expect(xml.contains(#"<failure message="50.0%, 1/2 detected, needs execution=80%" type="fail-under">"#))
    }
}
