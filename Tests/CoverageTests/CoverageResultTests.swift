import Foundation
import Testing
@testable import Coverage

struct CoverageResultTests {
    static func sigma(
        _ title: String, _ techniques: [String], category: String = "process_creation", status: String = "test", line: Int = 1
    ) -> DetectionRule {
        DetectionRule(format: .sigma, path: "\(title).yml", line: line, title: title, status: status,
                      techniqueIDs: techniques, logSource: RuleLogSource(product: "windows", category: category))
    }

    @Test func withoutTelemetryRulesMakeTechniquesDetectedAndTheRestBlind() throws {
        let kb = try FixtureKnowledgeBase.make()
        let analysis = CoverageResult(rules: [Self.sigma("ps", ["T1059.001"]), Self.sigma("parent", ["T1059"])], knowledgeBase: kb)
        #expect(analysis.techniques.map(\.techniqueID) == ["T1003", "T1027", "T1059", "T1059.001"])
        #expect(analysis.techniques.map(\.state) == [.blind, .blind, .detected, .detected])
        #expect(analysis.techniques.map(\.score) == [0, 0, 100, 100])
        let parent = try #require(analysis.technique("T1059"))
        #expect(parent.subtechniqueCount == 1)
        #expect(parent.subtechniquesDetected == 1)
        #expect(parent.rules.map(\.rule.title) == ["parent"])
    }

    @Test func aParentRuleCoversOnlyTheParentUnlessSwitchedOn() throws {
        let kb = try FixtureKnowledgeBase.make()
        let rules = [Self.sigma("parent", ["T1059"])]
        #expect(CoverageResult(rules: rules, knowledgeBase: kb).technique("T1059.001")?.state == .blind)
        let rolled = CoverageResult(rules: rules, knowledgeBase: kb, options: CoverageOptions(parentRuleCoversSubtechniques: true))
        #expect(rolled.technique("T1059.001")?.state == .detected)
        #expect(rolled.technique("T1059.001")?.rules.first?.appliedAs == .parent("T1059"))
    }

    @Test func revokedIDsCountForTheirReplacementAndTacticOnlyTagsNeverCount() throws {
        let kb = try FixtureKnowledgeBase.make()
        var tacticOnly = Self.sigma("tactic", [])
        tacticOnly.tactics = ["defense-evasion"]
        let analysis = CoverageResult(rules: [Self.sigma("old", ["T1086"]), tacticOnly], knowledgeBase: kb)
        #expect(analysis.technique("T1059.001")?.rules.first?.appliedAs == .revokedID("T1086"))
        #expect(analysis.count(.detected) == 1)
        #expect(analysis.findings.map(\.kind) == [.revoked, .tacticOnly])
    }

    @Test func deprecatedAndDisabledRulesDoNotCountByDefault() throws {
        let kb = try FixtureKnowledgeBase.make()
        var disabled = Self.sigma("off", ["T1003"])
        disabled.enabled = false
        let rules = [Self.sigma("dep", ["T1027"], status: "deprecated"), disabled]
        let analysis = CoverageResult(rules: rules, knowledgeBase: kb)
        #expect(analysis.count(.detected) == 0)
        #expect(analysis.excludedRules.map(\.title) == ["dep", "off"])
        let counted = CoverageResult(rules: rules, knowledgeBase: kb,
                                       options: CoverageOptions(countDeprecatedRules: true, countDisabledRules: true))
        #expect(counted.count(.detected) == 2)
    }

    @Test func telemetryMakesTechniquesLoggedThroughAnalytics() throws {
        let kb = try FixtureKnowledgeBase.make()
        let inventory = TelemetryInventory.parse(text: """
            sources:
              - name: sysmon
                channel: 22
              - data_component: Process Creation
            """, path: "t.yaml")
        let analysis = CoverageResult(rules: [], telemetry: inventory, knowledgeBase: kb,
                                        options: CoverageOptions(scores: .init(detected: 3, logged: 1, blind: 0)))
        #expect(analysis.issues.isEmpty)
        #expect(analysis.technique("T1027")?.state == .logged)
        #expect(analysis.technique("T1027")?.telemetry.map(\.line) == [2])
        #expect(analysis.technique("T1059.001")?.state == .logged)
        #expect(analysis.technique("T1059.001")?.telemetry.map(\.line) == [4])
        #expect(analysis.technique("T1059.001")?.score == 1)
        #expect(analysis.technique("T1003")?.state == .blind)
        #expect(analysis.summaryByTactic(kb).map { [$0.techniques, $0.detected, $0.logged, $0.blind] }
                == [[2, 0, 1, 1], [2, 0, 1, 1]])
        #expect(analysis.summaryByTactic(kb).map(\.tactic) == ["execution", "defense-evasion"])
        #expect(analysis.summaryByTactic(kb)[0].percent(.logged) == 50)
    }

    @Test func aRuleWhoseLogSourceIsNotCollectedCannotFire() throws {
        let kb = try FixtureKnowledgeBase.make()
        let inventory = TelemetryInventory.parse(text: "- name: WinEventLog:Sysmon\n  channel: EventCode=1\n", path: "t.yaml")
        let rules = [
            Self.sigma("proc", ["T1059.001"]),
            Self.sigma("reg", ["T1027"], category: "registry_set"),
            DetectionRule(format: .elastic, path: "e.toml", line: 1, title: "elastic", techniqueIDs: ["T1003"]),
        ]
        let analysis = CoverageResult(rules: rules, telemetry: inventory, knowledgeBase: kb)
        #expect(analysis.technique("T1059.001")?.state == .detected)
        #expect(analysis.technique("T1027")?.state == .blind)
        #expect(analysis.technique("T1003")?.state == .detected)
        #expect(analysis.uncheckedRules.map(\.title) == ["elastic"])
        let finding = try #require(analysis.findings.first { $0.kind == .cannotFire })
        #expect(finding.title == "reg")
        #expect(finding.message.hasPrefix("cannot fire: its log source needs Windows Registry Key Modification or WinEventLog:Sysmon EventCode=13"))
    }

    @Test func unknownDataComponentsAndLogSourcesAreReportedAtTheirLines() throws {
        let kb = try FixtureKnowledgeBase.make()
        let inventory = TelemetryInventory.parse(text: """
            sources:
              - data_component: DC9999
              - data_component: DC0032
              - name: zeek:conn
            """, path: "t.yaml")
        let telemetry = CollectedTelemetry(inventory: inventory, knowledgeBase: kb)
        #expect(telemetry.issues.map(\.line) == [2, 4])
        #expect(telemetry.issues[0].severity == .error)
        #expect(telemetry.issues[0].reason.hasPrefix("unknown data component 'DC9999' in ATT&CK 18.1"))
        #expect(telemetry.issues[1].reason == "no analytic in ATT&CK 18.1 names log source 'zeek:conn'")
        #expect(telemetry.collects(dataComponent: "DC0032"))
    }

    @Test func splunkDataSourcesMapToLogSources() {
        let needs = RuleTelemetryNeeds.splunk(["Sysmon EventID 1 AND Sysmon EventID 11", "Windows Event Log Security 4688"])
        #expect(needs.alternatives == [
            [[.logSource(name: "WinEventLog:Sysmon", channel: "EventCode=1", prefix: false)],
             [.logSource(name: "WinEventLog:Sysmon", channel: "EventCode=11", prefix: false)]],
            [[.logSource(name: "WinEventLog:Security", channel: "EventCode=4688", prefix: false)]],
        ])
        #expect(RuleTelemetryNeeds.splunk(["Okta"]).isUnknown)
    }
}

extension CoverageResultTests {
    @Test func weightingScalesDetectedScoresByTheBestRule() throws {
        let kb = try FixtureKnowledgeBase.make()
        var low = Self.sigma("low", ["T1027"], status: "experimental")
        low.level = "low"
        var high = Self.sigma("high", ["T1003"], status: "stable")
        high.level = "high"
        var medium = Self.sigma("medium", ["T1003"], status: "test")
        medium.level = "medium"
        let analysis = CoverageResult(rules: [low, high, medium], knowledgeBase: kb,
                                        options: CoverageOptions(weighting: .sigmaDefault))
        #expect(analysis.technique("T1027")?.score == 50)
        #expect(analysis.technique("T1003")?.score == 100)
    }

    @Test func atomicTestsAreSplitByDetectedAndBlind() throws {
        let kb = try FixtureKnowledgeBase.make()
        let analysis = CoverageResult(rules: [Self.sigma("ps", ["T1059.001"])], knowledgeBase: kb)
        let index = AtomicIndex(tests: [
            "T1059.001": [AtomicTest(techniqueID: "T1059.001", name: "Mimikatz")],
            "T1003": [AtomicTest(techniqueID: "T1003", name: "Dump")],
        ])
        var result = analysis
        result.attach(index)
        let split = result.atomicTestsByState
        #expect(Array(split.detected.keys) == ["T1059.001"])
        #expect(Array(split.blind.keys) == ["T1003"])
    }
}
