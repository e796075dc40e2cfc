import Navigator
import Testing

func layer(_ name: String, _ cells: [(String, String, Double?)], domain: AttackDomainName = .enterprise) -> Layer {
    var l = Layer(name: name, domain: domain.value)
    l.techniques = cells.map { LayerTechnique(techniqueID: $0.0, tactic: $0.1, score: $0.2, comment: "\(name) note") }
    return l
}

import ATTACK
enum AttackDomainName { case enterprise, mobile
    var value: AttackDomain { self == .enterprise ? .enterprise : .mobile }
}

@Test func expressionCombinesLikeTheNavigator() throws {
    let a = layer("A", [("T1059", "execution", 2), ("T1078", "persistence", nil)])
    let b = layer("B", [("T1059", "execution", 3), ("T1566", "initial-access", 1)])
    let out = try LayerCombiner.combine([a, b], .expression("a * 10 + b")).layer
    #expect(out.techniques.map(\.techniqueID) == ["T1059", "T1566"])
    #expect(out.techniques.map(\.score) == [23, 1])
    #expect(out.techniques[0].comment == "[A] A note\n[B] B note")
    #expect(out.gradient?.minValue == 1 && out.gradient?.maxValue == 23)
    let bools = try LayerCombiner.combine([a, b], .expression("a > 0 and b > 0")).layer
    #expect(bools.techniques.map(\.score) == [1, 0])
}

@Test func setOperations() throws {
    let a = layer("A", [("T1059", "execution", 2), ("T1078", "persistence", 1)])
    let b = layer("B", [("T1059", "execution", 3), ("T1566", "initial-access", 1)])
    #expect(try LayerCombiner.combine([a, b], .union).layer.techniques.map(\.score) == [3, 1, 1])
    #expect(try LayerCombiner.combine([a, b], .intersection).layer.techniques.map(\.techniqueID) == ["T1059"])
    #expect(try LayerCombiner.combine([a, b], .difference).layer.techniques.map(\.techniqueID) == ["T1078"])
}

@Test func combineErrorsAreOneLine() {
    let a = layer("A", [("T1059", "execution", 2)])
    let m = layer("M", [("T1059", "execution", 2)], domain: .mobile)
    do { _ = try LayerCombiner.combine([a, m], .union); Issue.record("no error") } catch {
        #expect(error.description == "cannot combine layers of different domains: A (enterprise-attack), M (mobile-attack)")
    }
    do { _ = try LayerCombiner.combine([a, a], .expression("a + c")); Issue.record("no error") } catch {
        #expect(error.description == "expression column 5: unknown variable 'c': there is no layer 3 (2 layers given: a, b)")
    }
}

@Test func expressionGrammar() throws {
    let e = try ScoreExpression("a > b ? 25 : min(a, 10) + max(1, 2, 3) * -1", variables: 2)
    #expect(e.evaluate([30, 5]) == 25)
    #expect(e.evaluate([4, 5]) == 1)
    #expect(try ScoreExpression("not a or b and 1", variables: 2).evaluate([0, 0]) == 1)
    #expect(try ScoreExpression("(a + b) / 2", variables: 2).evaluate([3]) == 1.5)
    #expect(try ScoreExpression("a >= 2 && !(b == 1)", variables: 2).evaluate([2, 0]) == 1)
    // Binary operators group to the left, each level binding tighter than the one before.
    #expect(try ScoreExpression("10 - 3 - 2", variables: 1).evaluate([0]) == 5)
    #expect(try ScoreExpression("12 / 3 / 2", variables: 1).evaluate([0]) == 2)
    #expect(try ScoreExpression("7 % 4 * 2", variables: 1).evaluate([0]) == 6)
    let logic = try ScoreExpression("a or b xor 1", variables: 2)
    #expect(logic.evaluate([0, 0]) == 1 && logic.evaluate([0, 1]) == 0 && logic.evaluate([1, 1]) == 1)
    #expect(try ScoreExpression("a || b", variables: 2).evaluate([0, 1]) == 1)
    for (bad, message) in [
        ("a +", "expression column 4: unexpected end; expected a number, a layer variable or '('"),
        ("(a", "expression column 3: expected ')' to close '(' at column 1"),
        ("a ? 1", "expression column 6: expected ':' of the ternary 'condition ? then : else'"),
        ("foo(a)", "expression column 1: unknown name 'foo'; expected a layer variable (a, b, …) or min, max, abs"),
        ("a $ b", "expression column 3: expected an operator or the end, found '$'"),
    ] {
        do { _ = try ScoreExpression(bad, variables: 2); Issue.record("no error for \(bad)") } catch { #expect(error.description == message) }
    }
}

@Test func comparisonOfGroups() throws {
    let c = try Comparison.groups(["G0001", "G0002"], kb: Fixture.kb)
    #expect(c.common == ["T1059.001"])
    #expect(c.unique == [["T1078", "T1566.001"], ["T1685"]])
    #expect(c.jaccard[0][1] == 0.25 && c.jaccard[1][1] == 1)
    #expect(c.perTactic.first { $0.shortname == "execution" }?.counts == [1, 1])
    #expect(c.json()["unique"]?["G0002"] == ["T1685"])
}
