import ATTACK
import Testing
@testable import Coverage

struct ThreatCoverageTests {
    @Test func gapsAreRankedByChosenGroupsThenAllGroups() throws {
        let kb = try FixtureKnowledgeBase.make()
        let rule = DetectionRule(format: .csv, path: "u.csv", line: 2, title: "PS", techniqueIDs: ["T1059.001"])
        let inventory = TelemetryInventory.parse(text: "- name: sysmon\n  channel: 22\n", path: "t.yaml")
        let coverage = CoverageResult(rules: [rule], telemetry: inventory, knowledgeBase: kb)
        let selection = try GroupSelection.choose(.named(["G0001", "Fixture Panda"]), galaxy: nil, knowledgeBase: kb)
        let study = ThreatCoverage(coverage: coverage, profiles: selection.profiles(kb), knowledgeBase: kb)
        #expect(study.gaps.map(\.techniqueID) == ["T1003", "T1027", "T1059"])
        #expect(study.gaps[0].groups.map(\.label) == ["Fixture Bear (G0001)", "Fixture Panda (G0002)"])
        #expect(study.gaps[0].groups.map(\.attackID) == ["G0001", "G0002"], "groups travel as typed names, not strings")
        #expect(study.gaps[0].groupsInRelease == 2)
        #expect(study.gaps[0].mitigations == ["Behavior Prevention on Endpoint (M1040)"])
        #expect(study.gaps.map(\.state) == [.blind, .logged, .blind])
        #expect(study.exposures.map { $0.group?.label } == ["Fixture Bear (G0001)", "Fixture Panda (G0002)"])
        #expect(study.exposures.map { [$0.techniques, $0.detected, $0.logged, $0.blind] } == [[3, 0, 1, 2], [2, 1, 0, 1]])
        #expect(study.exposures[1].percent(.detected) == 50)
        #expect(study.chosenTechniques == ["T1003", "T1027", "T1059", "T1059.001"])
        #expect([study.totalExposure.techniques, study.totalExposure.detected] == [4, 1])
        #expect(study.quickWins.map(\.techniqueID) == ["T1027"])
    }

    @Test func recommendationsPickTheSourceThatMakesTheMostBlindTechniquesVisible() throws {
        let kb = try FixtureKnowledgeBase.make()
        let coverage = CoverageResult(rules: [], telemetry: TelemetryInventory(path: "t.yaml", sources: []), knowledgeBase: kb)
        let picks = TelemetryRecommendations(coverage: coverage, knowledgeBase: kb, focus: ["T1027"], limit: 5)
        // T1027 is in focus, so its source goes first; the tie for T1059.001 goes by name.
        #expect(picks.recommendations.map(\.source) == ["WinEventLog:Sysmon", "WinEventLog:Security"])
        #expect(picks.recommendations.map(\.channel) == ["EventCode=3, 22", "EventCode=4688"])
        #expect(picks.recommendations.map(\.cumulative) == [1, 2])
        #expect(picks.recommendations[0].description
                == "Collect WinEventLog:Sysmon EventCode=3, 22 (Network Connection Creation): 1 blind technique becomes visible, 1 of them used by the chosen groups (1 after this pick)")
    }
}
