import ATTACK
import Foundation
import Testing
import TestSupport
@testable import Coverage

/// SigmaHQ against Enterprise ATT&CK 18.1. Expected numbers were computed independently in
/// Python: sigma-cli's `analyze attack` keeps the upper-cased `attack.tNNNN` tags that are
/// active techniques of the release, which gives 378 techniques; 224 rules name an ID 18.1
/// does not know (v19 IDs) and 184 name nothing else (ATTACK-FACTS.md agrees).
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct CorpusCoverageTests {
    @Test func sigmaCoverageMatchesSigmaCLIAndReportsV19IDs() async throws {
        let kb = try KnowledgeBase.load(contentsOf: SharedData.bundle("enterprise-attack-18.1.json"))
        let scan = await RuleScanner().scan([SharedData.corpora.appendingPathComponent("sigma/rules").path])
        let validation = RuleValidator(knowledgeBase: kb).validate(scan.rules)
        #expect(validation.ruleCount(.unknown) == 224)
        #expect(validation.rules.count(where: { $0.rule.hasTechniques && $0.techniqueIDs.isEmpty }) == 184)
        #expect(validation.ruleCount(.revoked) == 0)
        #expect(validation.ruleCount(.tacticOnly) == 345)

        let analysis = CoverageResult(rules: scan.rules, knowledgeBase: kb)
        #expect(analysis.count(.detected) == 378)
        #expect(analysis.techniques.count == 691)
        #expect(analysis.count(.logged) == 0)
    }

    @Test func exampleTelemetryAgainstEnterprise18() throws {
        let kb = try KnowledgeBase.load(contentsOf: SharedData.bundle("enterprise-attack-18.1.json"))
        let inventory = TelemetryInventory.load(path: SharedData.packageRoot.appendingPathComponent("examples/telemetry.yaml").path)
        let telemetry = CollectedTelemetry(inventory: inventory, knowledgeBase: kb)
        #expect(telemetry.issues.isEmpty)
        #expect(telemetry.collects(dataComponent: "Process Creation"))
        #expect(telemetry.collects(dataComponent: "Network Connection Creation"))
        let analysis = CoverageResult(rules: [], telemetry: inventory, knowledgeBase: kb)
        #expect(analysis.count(.logged) > 0)
        #expect(analysis.count(.detected) == 0)
    }
}

extension CorpusCoverageTests {
    /// Before v18, data components `detect` techniques directly and have no DC IDs. In 14.0,
    /// Process Creation detects 237 of the 625 active techniques (counted with Python).
    @Test func olderReleasesUseDataComponentsThatDetect() throws {
        let kb = try KnowledgeBase.load(contentsOf: SharedData.bundle("enterprise-attack-14.0.json"))
        let inventory = TelemetryInventory.parse(text: """
            sources:
              - data_component: Process Creation
              - data_component: DC0032
            """, path: "t.yaml")
        let analysis = CoverageResult(rules: [], telemetry: inventory, knowledgeBase: kb)
        #expect(analysis.techniques.count == 625)
        #expect(analysis.count(.logged) == 237)
        #expect(analysis.issues.map(\.line) == [3])
        #expect(analysis.issues.first?.reason.contains("data components have IDs from ATT&CK 18") == true)
    }
}
