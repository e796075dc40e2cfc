import ATTACK
import Intel
import TestSupport
import Testing

/// A name several objects carry gives every one of them (issue 21: "Akira" is a group and a
/// ransomware), while technique-name ambiguity is still skipped.
@Suite("Extraction: shared names")
struct NameCollisionTests {
    static func fixture() throws -> KnowledgeBase {
        var b = FixtureBundle()
        let execution = b.tactic("TA0002", "Execution", shortname: "execution")
        b.matrix(tactics: [execution])
        _ = b.technique("T1486", "Data Encrypted for Impact", tactics: ["execution"])
        _ = b.group("G1024", "Akira")
        _ = b.software("S1129", "Akira")
        _ = b.software("S0154", "Cobalt Strike", type: "tool")
        _ = b.group("G0002", "Twin Bear", aliases: ["Twins"])
        _ = b.software("S0002", "TwinTool", aliases: ["Twins"])
        return try b.knowledgeBase()
    }

    @Test func aNameSharedByAGroupAndSoftwareGivesBoth() throws {
        let kb = try Self.fixture()
        let r = ReportExtractor(kb: kb).extract(ReportText(Array("Operators deployed Akira ransomware after using Cobalt Strike.".utf8)))
        #expect(r.hits.map(\.object.attackID) == ["G1024", "S1129", "S0154"])
        #expect(r.hits.prefix(2).allSatisfy { $0.via == .name && $0.text == "Akira" && $0.offset == 19 })
    }

    @Test func anAliasSharedByTwoActorsGivesBoth() throws {
        let kb = try Self.fixture()
        let r = ReportExtractor(kb: kb).extract(ReportText(Array("Twins was seen again.".utf8)))
        #expect(Set(r.hits.map(\.object.attackID)) == ["G0002", "S0002"])
        #expect(r.hits.allSatisfy { $0.via == .alias })
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func akiraInEnterprise181() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let r = ReportExtractor(kb: kb).extract(ReportText(Array("Operators deployed Akira ransomware after using Cobalt Strike.".utf8)))
        let ids = Set(r.hits.map(\.object.attackID))
        #expect(ids.isSuperset(of: ["G1024", "S1129", "S0154"]))
    }
}
