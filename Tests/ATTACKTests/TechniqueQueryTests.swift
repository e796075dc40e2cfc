import ATTACK
import Foundation
import STIX
import TestSupport
import Testing

@Suite("Technique, tactic and detection queries on a fixture")
struct TechniqueQueryTests {
    let kb: KnowledgeBase

    init() throws {
        kb = try FixtureBundle.sample().knowledgeBase()
    }

    func t(_ id: String) throws -> AttackObject { try kb.resolve(id, kind: .technique, including: .all).object }

    @Test func detectsDomainAndVersion() {
        #expect(kb.domain == .enterprise)
        #expect(kb.stixVersion == "2.0")
        #expect(kb.danglingRelationships.isEmpty)
    }

    @Test func relationshipsToUnknownObjectsAreSkippedAndCounted() throws {
        var b = FixtureBundle.sample()
        let group = try kb.resolve("G0001").object.id
        b.relate(group, "uses", "attack-pattern--ffffffff-ffff-4fff-8fff-ffffffffffff", description: "Dangling.")
        let kb2 = try b.knowledgeBase()
        #expect(kb2.danglingRelationships.count == 1)
        #expect(kb2.techniquesUsed(byGroup: try kb2.resolve("G0001").object).count == 2)
    }

    @Test func parentsAndSubtechniques() throws {
        #expect(kb.subtechniques(of: try t("T1059")).map(\.attackID) == ["T1059.001"])
        #expect(kb.parent(of: try t("T1059.001"))?.attackID == "T1059")
        #expect(try t("T1059.001").parentAttackID == "T1059")
    }

    @Test func tacticsInMatrixOrder() throws {
        #expect(kb.orderedTactics().map(\.shortname) == ["execution", "defense-evasion"])
        #expect(kb.tactics(of: try t("T1218")).map(\.attackID) == ["TA0002", "TA0005"])
        #expect(kb.techniques(inTactic: "execution").map(\.attackID) == ["T1059", "T1059.001", "T1218"])
    }

    @Test func platformsComeFromTheData() throws {
        #expect(kb.platforms == ["Linux", "Windows", "macOS"])
        #expect(kb.techniques(onPlatform: "linux").map(\.attackID) == ["T1027", "T1059"])
    }

    @Test func mitigations() throws {
        #expect(kb.mitigations(of: try t("T1059")).map(\.object.attackID) == ["M1001"])
        let m = try kb.resolve("M1001").object
        #expect(kb.techniquesMitigated(by: m).map(\.object.attackID) == ["T1059"])
    }

    @Test func v18DetectionFollowsStrategiesAnalyticsAndLogSources() throws {
        let d = kb.detection(of: try t("T1059.001"))
        #expect(d.strategies.map(\.strategy.attackID) == ["DET0001"])
        #expect(d.strategies.first?.analytics.map(\.attackID) == ["AN0001"])
        #expect(d.logSources.map(\.name) == ["sysmon"])
        #expect(d.dataComponents.map(\.attackID) == ["DC0001"])
        let dc = try kb.resolve("DC0001").object
        #expect(kb.techniquesSeen(byDataComponent: dc).map(\.attackID) == ["T1059.001"])
    }

    @Test func preV18DetectionUsesDataComponentRelationships() throws {
        var b = FixtureBundle()
        b.matrix(tactics: [b.tactic("TA0002", "Execution", shortname: "execution")])
        let technique = b.technique("T1059", "Command and Scripting Interpreter", tactics: ["execution"])
        let dc = b.add("x-mitre-data-component", "", "Process Creation", path: "datacomponents")
        b.relate(dc, "detects", technique)
        let kb = try b.knowledgeBase()
        let d = kb.detection(of: try kb.resolve("T1059").object)
        #expect(d.strategies.isEmpty)
        #expect(d.dataComponents.map(\.name) == ["Process Creation"])
    }

    @Test func searchRanksExactHitsFirst() {
        let hits = kb.search("powershell")
        #expect(hits.first?.object.attackID == "T1059.001")
        #expect(hits.first?.rank == 0)
        #expect(kb.search("payloads").isEmpty, "relationship text is not an object description")
        #expect(kb.search("Obfuscated Files or Information description").map(\.object.attackID) == ["T1027"])
    }

    @Test func changeQueriesCompareDates() {
        #expect(kb.objects(modifiedAfter: "2024-01-01").count > 0)
        #expect(kb.objects(modifiedAfter: "2025-01-01").isEmpty)
        #expect(kb.objects(createdAfter: "2019-12-31").contains { $0.attackID == "T1059" })
    }

    @Test func splitTacticsOfLaterReleasesAreReadFromTheBundle() throws {
        var b = FixtureBundle()
        let stealth = b.tactic("TA0005", "Stealth", shortname: "stealth")
        let impair = b.tactic("TA0112", "Defense Impairment", shortname: "defense-impairment")
        b.matrix(tactics: [stealth, impair])
        b.technique("T1685", "Disable or Modify Tools", tactics: ["defense-impairment"])
        let kb = try b.knowledgeBase()
        #expect(kb.orderedTactics().map(\.name) == ["Stealth", "Defense Impairment"])
        #expect(kb.tactics(of: try kb.resolve("T1685").object).map(\.attackID) == ["TA0112"])
    }

    @Test func bundlesOfTwoDomainsStayApart() throws {
        var mobile = FixtureBundle(domain: .mobile)
        mobile.matrix(tactics: [mobile.tactic("TA0041", "Execution", shortname: "execution")])
        mobile.technique("T1059", "Command-Line Interface", tactics: ["execution"])
        let e = try STIXBundle.parse(Data(FixtureBundle.sample().json().utf8), source: "e.json")
        let m = try STIXBundle.parse(Data(mobile.json().utf8), source: "m.json")
        #expect(throws: LoadError.self) { try KnowledgeBase(bundles: [e, m]) }
        let library = AttackLibrary([try KnowledgeBase(bundles: [m]), try KnowledgeBase(bundles: [e])])
        #expect(library.domains == [.enterprise, .mobile])
        #expect(try library.knowledgeBase(for: .mobile).resolve("T1059").object.name == "Command-Line Interface")
        #expect(try library.knowledgeBase().resolve("T1059").object.name == "Command and Scripting Interpreter")
    }

    @Test func aBundleWithNoDomainIsRefused() throws {
        let bundle = try STIXBundle.parse(Data(#"{"type":"bundle","objects":[{"type":"identity","id":"identity--1"}]}"#.utf8), source: "x.json")
        #expect(throws: LoadError.self) { try KnowledgeBase(bundles: [bundle]) }
    }

    @Test func releaseVersionsOrderNumerically() {
        #expect(ReleaseVersion.isOrderedBefore("9.0", "18.1"))
        #expect(!ReleaseVersion.isOrderedBefore("18.1", "18.1"))
        #expect(ReleaseVersion.fromFileName("/a/enterprise-attack-18.1.json") == "18.1")
        #expect(ReleaseVersion.fromFileName("/a/enterprise-attack.json") == nil)
    }
}
