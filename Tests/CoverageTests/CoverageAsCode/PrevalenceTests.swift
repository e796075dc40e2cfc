import ATTACK
import Foundation
import TestSupport
import Testing
@testable import Coverage

struct PrevalenceTests {
    static let report = """
    %YAML 1.2
    ---
    version: 1.0
    file_type: group-administration
    platform:
      - all
    groups:
      - group_name: Vendor report 2025
        campaign:
        technique_id:
          T1059.001: 200   # most seen
          T1027: 20
          T9999: 5
        software_id: []
        enabled: True

    """

    @Test func addingAPrevalenceFileReordersTheGapsAsDocumented() throws {
        let kb = try FixtureKnowledgeBase.make()
        let coverage = CoverageResult(rules: [], knowledgeBase: kb)
        let groups = try ["Fixture Bear", "Fixture Panda"].map { try kb.resolve($0, kind: .group).object }
        let profiles = ThreatProfile.groups(groups, knowledgeBase: kb)
        let plain = ThreatCoverage(coverage: coverage, profiles: profiles, knowledgeBase: kb)
        #expect(plain.gaps.map(\.techniqueID) == ["T1003", "T1027", "T1059", "T1059.001"])
        #expect(!plain.usesPrevalence)

        let file = try GroupAdministration.parse(text: Self.report, path: "report.yaml")
        let prevalence = try Prevalence(files: [file], knowledgeBase: kb)
        #expect(prevalence.value("T1059.001") == 1)
        #expect(prevalence.value("T1027") == 0.1)
        #expect(prevalence.warnings.map(\.description) == ["report.yaml:13: warning: T9999 is not in ATT&CK 18.1 (a newer release?); ignored"])
        let ranked = ThreatCoverage(coverage: coverage, profiles: profiles, prevalence: prevalence, knowledgeBase: kb)
        // 0.6 × ½ + 0.4 × 1 = 0.7 lifts PowerShell above T1003 (0.6 × 1); T1027 (0.3 + 0.04) passes T1059 (0.3).
        #expect(ranked.gaps.map(\.techniqueID) == ["T1059.001", "T1003", "T1027", "T1059"])
        #expect(abs(ranked.gaps[0].score - 0.7) < 1e-9)
        #expect(ranked.gaps[0].reports == ["Vendor report 2025"])
    }

    @Test func listsWithoutCountsWeighEachTechniqueOneAndReportsAverage() throws {
        let kb = try FixtureKnowledgeBase.make()
        let list = """
        version: 1
        file_type: group-administration
        groups:
          - group_name: A
            technique_id: [T1003, T1027]
          - group_name: B
            technique_id: [T1003]
          - group_name: C
            technique_id: [T1059]
            enabled: false
        """
        let prevalence = try Prevalence(files: [try GroupAdministration.parse(text: list, path: "l.yaml")], knowledgeBase: kb)
        #expect(prevalence.reports.count == 2)
        #expect(prevalence.value("T1003") == 1 && prevalence.value("T1027") == 0.5 && prevalence.value("T1059") == 0)
        let bad = list.replacingOccurrences(of: "version: 1", with: "version: 3.0")
        #expect(throws: CoverageInputError.self) { try GroupAdministration.parse(text: bad, path: "l.yaml") }
    }

    @Test func quickWinsAreLoggedTechniquesOfTheChosenGroupsWithAtomicTests() throws {
        let kb = try FixtureKnowledgeBase.make()
        let inventory = TelemetryInventory.parse(text: "- name: sysmon\n  channel: 22\n- name: sysmon\n  channel: 1\n", path: "t.yaml")
        let analysis = CoverageResult(rules: [], telemetry: inventory, knowledgeBase: kb)
        let groups = try ["Fixture Bear", "Fixture Panda"].map { try kb.resolve($0, kind: .group).object }
        let atomics = AtomicIndex(tests: ["T1059.001": [AtomicTest(techniqueID: "T1059.001", name: "Mimikatz")]])
        let wins = ThreatCoverage(coverage: analysis, profiles: ThreatProfile.groups(groups, knowledgeBase: kb), atomics: atomics, knowledgeBase: kb).quickWins
        #expect(wins.map(\.techniqueID) == ["T1059.001", "T1027"])
        #expect(wins[0].atomicTests.map(\.name) == ["Mimikatz"])
        #expect(wins[0].telemetry == ["WinEventLog:Sysmon EventCode=1"] || wins[0].telemetry == ["sysmon 1"])
        #expect(wins[1].groups.map(\.label) == ["Fixture Bear (G0001)"])
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func vendorThreatReportsLoadWithPerLineWarnings() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let folder = SharedData.corpora.appendingPathComponent("dettect/threat-actor-data").path
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.count >= 18)
        let prevalence = try Prevalence.load(files.map { folder + "/" + $0 }, knowledgeBase: kb)
        #expect(prevalence.reports.count >= 18)
        #expect(prevalence.value("T1059.001") > 0.3)
        #expect(prevalence.warnings.allSatisfy { $0.line != nil && $0.severity == .warning })
    }
}
