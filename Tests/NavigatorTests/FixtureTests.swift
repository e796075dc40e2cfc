import ATTACK
import Navigator
import Testing

@Test func fixtureHasSplitTacticsInMatrixOrder() {
    #expect(Fixture.matrix.tactics.map(\.shortname) == ["initial-access", "execution", "persistence", "stealth", "defense-impairment"])
    #expect(Fixture.matrix.tactics(of: "t1078") == ["initial-access", "persistence", "stealth"])
    #expect(Fixture.kb.attackVersion == "19.0")
}
