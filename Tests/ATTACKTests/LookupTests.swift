import ATTACK
import TestSupport
import Testing

@Suite("Resolving names and IDs")
struct LookupTests {
    let kb: KnowledgeBase

    init() throws {
        kb = try FixtureBundle.sample().knowledgeBase()
    }

    @Test(arguments: ["G0001", "g0001", "APT Test", "apt test", "TEST BEAR"])
    func resolvesIDsNamesAndAliasesInAnyCase(query: String) throws {
        #expect(try kb.resolve(query, kind: .group).object.attackID == "G0001")
    }

    @Test(arguments: ["defense-evasion", "DEFENSE-EVASION", "Defense Evasion", "TA0005"])
    func tacticsResolveByShortnameNameOrID(query: String) throws {
        #expect(try kb.resolve(query, kind: .tactic).object.attackID == "TA0005")
    }

    @Test func resolvesByStixID() throws {
        let t = try kb.resolve("T1027").object
        #expect(try kb.resolve(t.id).object.attackID == "T1027")
    }

    @Test func revokedIDFollowsTheChainWithANote() throws {
        let r = try kb.resolve("T1086", kind: .technique)
        #expect(r.object.attackID == "T1059.001")
        #expect(r.note == "T1086 was revoked by T1059.001 PowerShell")
    }

    @Test func aNameSharedByARevokedObjectPrefersTheActiveOne() throws {
        #expect(try kb.resolve("powershell", kind: .technique).object.attackID == "T1059.001")
    }

    @Test func revokedObjectIsShownWhenAskedFor() throws {
        let r = try kb.resolve("T1086", kind: .technique, including: .all)
        #expect(r.object.attackID == "T1086")
        #expect(r.note == "T1086 PowerShell is revoked")
    }

    @Test func deprecatedObjectIsRefusedUnlessIncluded() throws {
        #expect(throws: LookupError.self) { try kb.resolve("T1999") }
        #expect(try kb.resolve("T1999", including: Inclusion(deprecated: true)).object.attackID == "T1999")
    }

    @Test func missSuggestsTheClosestNames() {
        do {
            _ = try kb.resolve("APT-Tset", kind: .group)
            Issue.record("a miss resolved")
        } catch {
            #expect(error.description == "no group 'APT-Tset'; did you mean APT Test (G0001)?")
        }
    }

    @Test func missWithNothingCloseSaysSo() {
        do {
            _ = try kb.resolve("zzzzzz", kind: .group)
            Issue.record("a miss resolved")
        } catch {
            #expect(error.description == "no group 'zzzzzz'")
        }
    }

    @Test func kindRestrictsMatches() {
        #expect(throws: LookupError.self) { try kb.resolve("G0001", kind: .technique) }
    }
}
