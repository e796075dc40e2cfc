import ATTACK
import Foundation
import TestSupport
import Testing
@testable import Coverage

struct DeTTECTTests {
    static let techniques = """
    version: 1.2
    file_type: technique-administration
    name: fixture
    domain: enterprise-attack
    platform:
    - Windows
    techniques:
    - technique_id: T1003
      technique_name: OS Credential Dumping
      detection:
      - applicable_to: [all]
        location: [EDR]
        comment: ''
        score_logbook:
        - date: 2021-01-01
          score: 4
          comment: old
        - date: 2022-03-01T00:00:00Z
          score: 0
          comment: rule retired
      visibility:
      - applicable_to: [all]
        comment: ''
        score_logbook:
        - date: 2022-03-01
          score: 0
    - technique_id: T1027
      technique_name: Obfuscated Files or Information
      detection:
      - applicable_to: [Servers]
        location: []
        score_logbook:
        - date:
          score: -1
      - applicable_to: [Workstations]
        location: [SIEM use case 7]
        score_logbook:
        - date: 2023-05-05
          score: 2
      visibility:
      - applicable_to: [all]
        score_logbook:
        - date: 2023-05-05
          score: 3
          auto_generated: true
    - technique_id: T1059
      technique_name: Command and Scripting Interpreter
      detection:
      - applicable_to: [all]
        score_logbook:
        - date:
          score: -1
      visibility:
      - applicable_to: [all]
        score_logbook:
        - date: 2023-01-01
          score: 1
    - technique_id: T1086
      technique_name: PowerShell
      detection:
      - applicable_to: [all]
        score_logbook:
        - date: 2020-01-01
          score: 1
      visibility: []
    - technique_id: T1999
      technique_name: Unknown
      detection: []
      visibility: []

    """

    @Test func theLatestLogbookEntryIsCurrentAndScoresMapToStates() throws {
        let file = try TechniqueAdministration.parse(text: Self.techniques, path: "t.yaml")
        #expect(file.version == "1.2" && file.platforms == ["Windows"])
        #expect(file.techniques.map(\.scores) == [
            DeTTECTScores(detection: 0, visibility: 0), DeTTECTScores(detection: 2, visibility: 3),
            DeTTECTScores(detection: -1, visibility: 1), DeTTECTScores(detection: 1, visibility: 0),
            DeTTECTScores(detection: -1, visibility: 0),
        ])
        #expect(file.techniques[0].detection[0].current?.comment == "rule retired")
        #expect(file.techniques.map(\.scores.state) == [.logged, .detected, .logged, .detected, .blind])
        #expect(file.techniques[1].detection[1].location == ["SIEM use case 7"])
    }

    @Test func importAsCoverageFollowsRevokedIDsAndWarnsOnUnknownOnes() throws {
        let kb = try FixtureKnowledgeBase.make()
        let snapshot = try TechniqueAdministration.parse(text: Self.techniques, path: "t.yaml").coverage(knowledgeBase: kb).aligned(to: kb)
        #expect(snapshot.techniques.map { "\($0.techniqueID) \($0.state.rawValue)" } == ["T1003 logged", "T1027 detected", "T1059 logged", "T1059.001 detected"])
        #expect(snapshot.technique("T1027")?.rules.map(\.rule.title) == ["SIEM use case 7"])
        #expect(snapshot.issues.map(\.description) == [
            "t.yaml:58: warning: T1086 was revoked by T1059.001; scores moved to T1059.001",
            "t.yaml:66: warning: T1999 is not in ATT&CK 18.1 (a newer release?); ignored",
        ])
        #expect(snapshot.origin == .dettect)
        #expect(snapshot.count(.detected) == 2)
    }

    @Test func exportThenImportKeepsTheScores() throws {
        let kb = try FixtureKnowledgeBase.make()
        let snapshot = try TechniqueAdministration.parse(text: Self.techniques, path: "t.yaml").coverage(knowledgeBase: kb).aligned(to: kb)
        let date = Date(timeIntervalSince1970: 1_750_000_000)
        let yaml = TechniqueAdministration.export(snapshot, date: date).yaml()
        #expect(yaml.hasPrefix("version: 1.2\nfile_type: technique-administration\nname: 'ttpkit coverage'\ndomain: enterprise-attack\n"))
        #expect(yaml.contains("        - date: 2025-06-15\n          score: 2\n"))
        let again = try TechniqueAdministration.parse(text: yaml, path: "export.yaml")
        let reimported = try again.coverage(knowledgeBase: kb).aligned(to: kb)
        #expect(reimported.issues.isEmpty)
        #expect(reimported.techniques.map(\.dettect) == snapshot.techniques.map(\.dettect))
        #expect(reimported.techniques.map(\.state) == snapshot.techniques.map(\.state))
    }

    @Test func scannedCoverageExportsConservativeScores() throws {
        let (snapshot, _) = try GateTests.snapshot()
        let file = TechniqueAdministration.export(snapshot)
        #expect(file.techniques.map(\.techniqueID) == ["T1027", "T1059.001"])
        #expect(file.techniques.map(\.scores) == [DeTTECTScores(detection: -1, visibility: 1), DeTTECTScores(detection: 2, visibility: 1)])
        #expect(file.techniques[1].detection[0].location == ["rules/ps.yml"])
    }

    @Test func unknownVersionsAndWrongFileTypesAreClearErrors() {
        let newer = Self.techniques.replacingOccurrences(of: "version: 1.2", with: "version: 2.0")
        let error = #expect(throws: CoverageInputError.self) { try TechniqueAdministration.parse(text: newer, path: "t.yaml") }
        #expect(error?.description == "t.yaml:1: unsupported technique-administration version 2.0 (ttpkit reads 1.1, 1.2; upgrade the file with DeTT&CT)")
        let wrongType = #expect(throws: CoverageInputError.self) {
            try GroupAdministration.parse(text: Self.techniques, path: "t.yaml")
        }
        #expect(wrongType?.reason == "this is a DeTT&CT technique-administration file, not group-administration")
        let badScore = Self.techniques.replacingOccurrences(of: "score: 4", with: "score: 9")
        let scoreError = #expect(throws: CoverageInputError.self) { try TechniqueAdministration.parse(text: badScore, path: "t.yaml") }
        #expect(scoreError?.line == 16)
    }

    @Test func dataSourcesBecomeTelemetryAndExportBack() throws {
        let kb = try FixtureKnowledgeBase.make()
        let text = """
        version: 1.1
        file_type: data-source-administration
        name: ds
        domain: enterprise-attack
        systems:
          - applicable_to: Workstations
            platform: [Windows]
        data_sources:
          - data_source_name: Network Connection Creation
            data_source:
              - applicable_to: [Workstations]
                date_registered: 2021-06-08T00:00:00.000Z
                date_connected: 2020-03-10T00:00:00.000Z
                products: [Sysmon]
                available_for_data_analytics: true
                comment: ''
                data_quality: {device_completeness: 2, data_field_completeness: 1, timeliness: 1, consistency: 1, retention: 1}
          - data_source_name: Process Creation
            data_source:
              - applicable_to: [all]
                date_registered:
                date_connected:
                products: []
                available_for_data_analytics: false
                comment: ''

        """
        let file = try DataSourceAdministration.parse(text: text, path: "ds.yaml")
        let inventory = file.inventory()
        #expect(inventory.sources.map(\.dataComponent) == ["Network Connection Creation"])
        #expect(inventory.sources[0].platforms == ["Windows"] && inventory.sources[0].line == 9)
        let coverage = CoverageResult(rules: [], telemetry: inventory, knowledgeBase: kb)
        #expect(coverage.technique("T1027")?.state == .logged)

        let exported = DataSourceAdministration.export(inventory, knowledgeBase: kb, date: Date(timeIntervalSince1970: 1_750_000_000))
        let yaml = exported.yaml()
        #expect(yaml.contains("  - data_source_name: 'Network Connection Creation'\n    data_source:\n      - applicable_to:\n          - 'Windows'\n"))
        let again = try DataSourceAdministration.parse(text: yaml, path: "export.yaml")
        #expect(again.inventory().sources.map(\.dataComponent) == ["Network Connection Creation"])
        #expect(again.inventory().sources[0].platforms == ["Windows"])
        #expect(again.dataSources[0].entries[0].dateConnected == "2025-06-15T00:00:00.000Z")
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func roundTripOnTheDeTTECTSamples() throws {
        let samples = SharedData.corpora.appendingPathComponent("dettect/sample-data").path
        let cases: [(String, SharedKnowledge.Lazy)] = [
            ("techniques-administration-endpoints.yaml", SharedKnowledge.enterprise181),
            ("techniques-administration-mobile.yaml", SharedKnowledge.mobile181),
            ("techniques-administration-ics.yaml", SharedKnowledge.ics181),
        ]
        for (name, lazy) in cases {
            let kb = try lazy.get()
            let file = try TechniqueAdministration.load(samples + "/" + name)
            let snapshot = try file.coverage(knowledgeBase: kb).aligned(to: kb)
            let again = try TechniqueAdministration.parse(text: TechniqueAdministration.export(snapshot).yaml(), path: name + ".export")
            let reimported = try again.coverage(knowledgeBase: kb).aligned(to: kb)
            #expect(reimported.issues.isEmpty, "\(name)")
            // A technique listed with detection −1 and visibility 0 is not written; absent means the same scores.
            let none = DeTTECTScores(detection: -1, visibility: 0)
            let mismatches = zip(snapshot.techniques, reimported.techniques).filter { ($0.dettect ?? none) != ($1.dettect ?? none) }
            #expect(mismatches.isEmpty, "\(name): \(mismatches.prefix(3).map(\.0.techniqueID))")
            #expect(snapshot.techniques.map(\.techniqueID) == reimported.techniques.map(\.techniqueID))
            #expect(snapshot.count(.detected) > 0, "\(name)")
        }
        let endpoints = try TechniqueAdministration.load(samples + "/techniques-administration-endpoints.yaml")
        let lsass = try #require(endpoints.techniques.first { $0.techniqueID == "T1003.001" })
        #expect(lsass.scores == DeTTECTScores(detection: 3, visibility: 3))
        #expect(lsass.detection[0].applicableTo == ["Windows workstations"] && lsass.detection[0].location == ["EDR"])
        #expect(endpoints.techniques.first { $0.techniqueID == "T1001" }?.scores == DeTTECTScores(detection: -1, visibility: 2))

        let kb = try SharedKnowledge.enterprise181.get()
        let dataSources = try DataSourceAdministration.load(samples + "/data-sources-endpoints.yaml")
        let inventory = dataSources.inventory()
        #expect(inventory.sources.count == dataSources.dataSources.count)
        let reread = try DataSourceAdministration.parse(text: DataSourceAdministration.export(inventory, knowledgeBase: kb).yaml(), path: "ds.export")
        let resolved = CollectedTelemetry(inventory: inventory, knowledgeBase: kb)
        let known = Set(resolved.namedComponents.keys.compactMap { kb.object(stixID: $0)?.name })
        #expect(Set(reread.inventory().sources.compactMap(\.dataComponent)) == known)

        let groups = try GroupAdministration.load(samples + "/groups.yaml")
        #expect(groups.groups.count == 2 && groups.enabledGroups.count == 1 && groups.version == "1.0")
        let (profiles, warnings) = try ThreatProfile.dettect(groups, knowledgeBase: kb)
        #expect(profiles.map(\.label) == ["Red team (Scenario 1)"])
        #expect(profiles[0].techniqueIDs.count + warnings.count == 21)
        let ics = try GroupAdministration.load(samples + "/groups-ics.yaml")
        #expect(throws: CoverageInputError.self) { try ThreatProfile.dettect(ics, knowledgeBase: kb) }
    }
}
