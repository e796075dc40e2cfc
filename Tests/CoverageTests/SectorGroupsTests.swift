import ATTACK
import Testing
import TestSupport
@testable import Coverage

struct SectorGroupsTests {
    @Test func galaxyMatchesComeFirstThenDescriptions() throws {
        let kb = try FixtureKnowledgeBase.make()
        let folder = try TemporaryFolder(["threat-actor.json": """
            {"values": [
              {"value": "BEAR-1", "meta": {"synonyms": ["Fixture Bear"], "targeted-sector": ["Finance", "Energy"]}},
              {"value": "Unrelated", "meta": {"cfr-target-category": "Financial"}},
              {"value": "Paper Panda", "meta": {"cfr-target-category": ["Government"]}}
            ]}
            """])
        defer { folder.remove() }
        let selection = SectorGroups.select("Financial", galaxy: folder.path + "/threat-actor.json", knowledgeBase: kb)
        #expect(selection.issues.isEmpty)
        #expect(selection.groups.map(\.group.attackID) == ["G0001", "G0002"])
        #expect(selection.groups.map(\.reason.description) == [
            "MISP threat-actor 'BEAR-1' targets Finance", "its ATT&CK description mentions 'Financial'",
        ])
    }

    @Test func anUnreadableGalaxyIsAnIssueAndDescriptionsStillCount() throws {
        let kb = try FixtureKnowledgeBase.make()
        let selection = SectorGroups.select("financial", galaxy: "/nonexistent/threat-actor.json", knowledgeBase: kb)
        #expect(selection.issues.map(\.reason) == ["cannot read MISP galaxy file"])
        #expect(selection.groups.map(\.group.attackID) == ["G0002"])
    }

    /// 14 groups tied through the galaxy and 32 more by description, counted with Python.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func financialGroupsInEnterprise18() throws {
        let kb = try ATTACKLoader.enterprise18()
        let galaxy = SharedData.corpora.appendingPathComponent("misp-galaxy/clusters/threat-actor.json").path
        let selection = SectorGroups.select("Financial", galaxy: galaxy, knowledgeBase: kb)
        #expect(selection.issues.isEmpty)
        #expect(selection.groups.count(where: { $0.reason.description.hasPrefix("MISP") }) == 14)
        #expect(selection.groups.count == 46)
    }
}

/// Loads the shared Enterprise 18.1 bundle.
enum ATTACKLoader {
    static func enterprise18() throws -> KnowledgeBase {
        try KnowledgeBase.load(contentsOf: SharedData.bundle("enterprise-attack-18.1.json"))
    }
}
