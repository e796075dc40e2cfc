import Navigator
import Testing
@testable import Coverage

struct CoverageLayerTests {
    @Test func theLayerScoresEveryTechniqueWithALegendAndComments() throws {
        let kb = try FixtureKnowledgeBase.make()
        let inventory = TelemetryInventory.parse(text: "- name: sysmon\n  channel: 3\n", path: "t.yaml")
        let rule = DetectionRule(format: .sigma, path: "r.yml", line: 1, title: "Encoded PowerShell", status: "test",
                                 level: "high", techniqueIDs: ["T1086"])
        let analysis = CoverageResult(rules: [rule], telemetry: inventory, knowledgeBase: kb)
        let layer = try analysis.layer(knowledgeBase: kb).layer
        let entries = Dictionary(layer.techniques.map { ($0.techniqueID, $0) }, uniquingKeysWith: { first, _ in first })
        #expect(Set(entries.keys) == ["T1003", "T1027", "T1059", "T1059.001"])
        #expect(entries["T1059.001"]?.score == 100)
        #expect(entries["T1059.001"]?.comment == "Detected by 1 rule:\nEncoded PowerShell (high, test) [tagged T1086, revoked]")
        #expect(entries["T1027"]?.score == 50)
        #expect(entries["T1027"]?.comment == "Logged by: sysmon 3")
        #expect(entries["T1003"]?.score == 0)
        #expect(layer.techniques.allSatisfy { $0.tactic != nil })
        #expect(layer.legendItems?.map(\.label) == ["Detected: a rule that can fire", "Logged: telemetry collected, no rule", "Blind"])
        #expect(layer.gradient?.minValue == 0)
        #expect(layer.gradient?.maxValue == 100)
        #expect(layer.versions?.layer == "4.5")
    }
}
