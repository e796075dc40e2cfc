import ATTACK
import TestSupport
import Testing

/// Techniques a user lists (layer lists, observed techniques) and the filtered technique list.
@Suite("Listed techniques and technique filters")
struct ListedTechniqueTests {
    @Test func aListedTechniqueIsResolvedAsWrittenThenSingularThenAsItsParent() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        #expect(try kb.listedTechnique(" T1059.001 ").object.attackID == "T1059.001")
        let revoked = try kb.listedTechnique("T1086")
        #expect(revoked.object.attackID == "T1059.001" && revoked.note == "T1086 was revoked by T1059.001 PowerShell")
        #expect(try kb.listedTechnique("command and scripting interpreters").object.attackID == "T1059")
        let newer = try kb.listedTechnique("t1059.042")
        #expect(newer.object.attackID == "T1059")
        #expect(newer.note == "T1059.042 is not in \(kb.title) (newer release?); counted as its parent T1059 Command and Scripting Interpreter")
        #expect(throws: LookupError.self) { try kb.listedTechnique("T9999") }
        #expect(throws: LookupError.self) { try kb.listedTechnique("T9999.001") }
    }

    @Test func techniquesAreFilteredByEveryFilterGiven() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        func ids(_ list: [AttackObject]) -> [String] { list.map(\.attackID) }
        #expect(ids(kb.techniques(inTactic: "execution", onPlatform: nil)) == ["T1059", "T1059.001", "T1218"])
        #expect(ids(kb.techniques(inTactic: "execution", onPlatform: "Linux")) == ["T1059"])
        #expect(ids(kb.techniques(inTactic: nil, onPlatform: "Windows", subtechniques: false)) == ["T1027", "T1059", "T1218"])
        #expect(kb.techniques(inTactic: nil, onPlatform: nil, modifiedAfter: "2099-01-01").isEmpty)
        #expect(kb.platform(named: "linux") == "Linux" && kb.platform(named: "Amiga") == nil)
    }
}
