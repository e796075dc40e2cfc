import ATTACK
import TestSupport
import Testing

@Suite("Technique IDs and their status in a release")
struct IdentityTests {
    @Test(arguments: [("T1059", "T1059"), ("t1059.001", "T1059.001"), ("  T0800\n", "T0800"), ("T0000.000", "T0000.000")])
    func parsesTechniqueIDsInAnyCase(text: String, canonical: String) {
        #expect(TechniqueID(text)?.description == canonical)
    }

    @Test(arguments: ["T99999999999999999999", "T123", "T12345", "T1059.1", "T1059.0001", "G0016", "T1059-001", "", "T", "T10a9", "TT1059", "T1059.", "１０５９"])
    func refusesAnythingElseWithoutTrapping(text: String) {
        #expect(TechniqueID(text) == nil)
    }

    @Test func ordersNumericallyAndKnowsItsParent() throws {
        let ids = ["T1021", "T1003.001", "T1003", "T0800"].compactMap { TechniqueID($0) }
        #expect(ids.sorted().map(\.description) == ["T0800", "T1003", "T1003.001", "T1021"])
        #expect(TechniqueID("T1059.001")?.parent?.description == "T1059")
        #expect(TechniqueID("T1059")?.parent == nil)
        #expect(TechniqueID(number: 10_000, subNumber: nil) == nil)
    }

    @Test func hugeIDsSortAfterRealOnesWithoutOverflow() {
        #expect(KnowledgeBase.attackIDLess("T1059", "T99999999999999999999"))
        #expect(!KnowledgeBase.attackIDLess("T99999999999999999999.99999999999999999999", "T1059"))
        #expect(KnowledgeBase.attackIDLess("T1059", "T1059.001"))
        #expect(KnowledgeBase.attackIDLess("G0016", "T0001"))
    }

    @Test func activeRevokedDeprecatedAndUnknown() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        #expect(kb.status(of: try #require(TechniqueID("T1059.001"))).current?.attackID == "T1059.001")
        let revoked = kb.status(of: try #require(TechniqueID("t1086")))
        guard case .remapped(let from, let to) = revoked else { Issue.record("T1086: \(revoked)"); return }
        #expect(from.attackID == "T1086" && to.attackID == "T1059.001")
        #expect(revoked.explanation(of: "T1086", in: kb.title) == "T1086 was revoked by T1059.001 PowerShell")
        guard case .deprecated(let old) = kb.status(of: try #require(TechniqueID("T1999"))) else { Issue.record("T1999"); return }
        #expect(old.attackID == "T1999")
        #expect(kb.status(of: try #require(TechniqueID("T1700"))) == .unknown)
        #expect(kb.status(ofAttackID: "T99999999999999999999") == .unknown)
        #expect(kb.status(ofAttackID: "G0001", kind: .group).isActive)
        #expect(kb.status(ofAttackID: "G0001", kind: .technique) == .unknown)
    }

    @Test func chainsAreFollowedToTheirEnd() throws {
        var b = FixtureBundle()
        let a = b.technique("T1001", "A", tactics: ["execution"], revoked: true)
        let m = b.technique("T1002", "B", tactics: ["execution"], revoked: true)
        let z = b.technique("T1003", "C", tactics: ["execution"])
        b.relate(a, "revoked-by", m)
        b.relate(m, "revoked-by", z)
        let kb = try b.knowledgeBase()
        #expect(kb.status(ofAttackID: "T1001").current?.attackID == "T1003")
        #expect(kb.status(ofAttackID: "T1002").current?.attackID == "T1003")
    }

    @Test func cyclesAndDeprecatedEndsAreRevokedWithoutReplacement() throws {
        var b = FixtureBundle()
        let a = b.technique("T1001", "A", tactics: ["execution"], revoked: true)
        let m = b.technique("T1002", "B", tactics: ["execution"], revoked: true)
        b.relate(a, "revoked-by", m)
        b.relate(m, "revoked-by", a)
        let c = b.technique("T1004", "D", tactics: ["execution"], revoked: true)
        let d = b.technique("T1005", "E", tactics: ["execution"], deprecated: true)
        b.relate(c, "revoked-by", d)
        let kb = try b.knowledgeBase()
        guard case .revoked(let loop, let last) = kb.status(ofAttackID: "T1001") else { Issue.record("cycle"); return }
        #expect(loop.attackID == "T1001" && last == nil)
        guard case .revoked(_, let end?) = kb.status(ofAttackID: "T1004") else { Issue.record("deprecated end"); return }
        #expect(end.attackID == "T1005")
        #expect(kb.status(ofAttackID: "T1004").current == nil)
    }
}
