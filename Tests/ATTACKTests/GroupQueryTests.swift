import ATTACK
import TestSupport
import Testing

@Suite("Group queries on a fixture")
struct GroupQueryTests {
    let kb: KnowledgeBase

    init() throws {
        kb = try FixtureBundle.sample().knowledgeBase()
    }

    func group(_ id: String) throws -> AttackObject { try kb.resolve(id, kind: .group).object }

    @Test func groupTechniquesIncludeAttributedCampaignsByDefault() throws {
        let used = kb.techniquesUsed(byGroup: try group("G0001"))
        #expect(used.map(\.object.attackID) == ["T1027", "T1059.001"])
        #expect(used[0].vias == [.direct])
        #expect(used[1].vias == [.campaign("C0001")])
    }

    @Test func revokedRelationshipsAndDeprecatedTargetsAreLeftOut() throws {
        let ids = kb.techniquesUsed(byGroup: try group("G0001")).map(\.object.attackID)
        #expect(!ids.contains("T1218"), "a revoked relationship was followed")
        #expect(!ids.contains("T1999"), "a deprecated technique was included")
        let all = kb.techniquesUsed(byGroup: try group("G0001"), including: .all).map(\.object.attackID)
        #expect(all.contains("T1999"))
    }

    @Test func campaignsCanBeLeftOutAndSoftwareAdded() throws {
        let g = try group("G0001")
        #expect(kb.techniquesUsed(byGroup: g, viaCampaigns: false).map(\.object.attackID) == ["T1027"])
        let withSoftware = kb.techniquesUsed(byGroup: g, viaSoftware: true)
        let t1059 = try #require(withSoftware.first { $0.object.attackID == "T1059" })
        #expect(t1059.vias == [.software("S0001")])
    }

    @Test func procedureTextAndCitationsAreCarried() throws {
        let t1027 = try #require(kb.techniquesUsed(byGroup: try group("G0001")).first)
        let relationship = try #require(t1027.paths.first?.relationship)
        #expect(relationship.description.contains("packed its payloads"))
        #expect(relationship.citations == [Citation(sourceName: "Report A", url: "https://example.com/a", description: "Report A report")])
        #expect(Citation.stripped(relationship.description) == "[APT Test](https://attack.mitre.org/groups/G0001) packed its payloads.")
    }

    @Test func softwareAndCampaignsOfAGroup() throws {
        let g = try group("G0001")
        #expect(kb.softwareUsed(byGroup: g).map(\.object.attackID) == ["S0001"])
        #expect(kb.campaignsAttributed(toGroup: g).map(\.object.attackID) == ["C0001"])
        let campaign = try kb.resolve("C0001").object
        #expect(kb.groupsAttributed(fromCampaign: campaign).map(\.object.attackID) == ["G0001"])
    }

    @Test func groupsUsingATechniqueInheritFromCampaigns() throws {
        let t = try kb.resolve("T1059.001").object
        let users = kb.groupsUsing(t)
        #expect(users.map(\.object.attackID) == ["G0001", "G0002"])
        #expect(users[0].vias == [.campaign("C0001")])
        #expect(kb.campaignsUsing(t).map(\.object.attackID) == ["C0001"])
        #expect(kb.procedureExamples(of: t).map(\.object.attackID) == ["C0001", "G0002"])
    }
}
