import ATTACK
import Navigator
import Testing

/// Layers built from a ``ScoredTechniques`` set: what analyses (coverage, diffs, IOCs,
/// extraction) hand to layer generation, with no round trip through user input.
@Suite("Layers of scored techniques")
struct ScoredLayerTests {
    let kb = Fixture.kb

    func technique(_ id: String) throws -> AttackObject {
        try #require(kb.status(ofAttackID: id, kind: .technique).current)
    }

    @Test func addingATechniqueAgainKeepsTheHigherScoreAndTheFirstComment() throws {
        var scored = ScoredTechniques()
        scored.add(try technique("T1059.001"), score: 3, comment: "first", color: "#112233")
        scored.add(try technique("T1059.001"), score: 5, comment: "second", color: "#445566")
        scored.add(try technique("T1059.001"), score: 2)
        scored.add(try technique("T1566"), score: nil)
        #expect(scored.entries.count == 2)
        #expect(scored.entries[0].score == 5 && scored.entries[0].comment == "first" && scored.entries[0].color == "#112233")
        #expect(scored.entries[1].score == nil)
    }

    @Test func eachEntryKeepsItsColourFactsAndLinksAfterItsATTACKPage() throws {
        var scored = ScoredTechniques()
        scored.add(
            try technique("T1059.001"), score: 0.5, comment: "seen", color: "#31a354",
            facts: [("source", "report.pdf")], links: [("Report", "https://example.com/r")])
        scored.add(try technique("T1566"), score: nil)
        var options = GeneratorOptions()
        options.name = "mine"
        let layer = try LayerGenerator(matrix: Fixture.matrix).layer(of: scored, options: options).layer
        let ps = try #require(layer.techniques.first { $0.techniqueID == "T1059.001" })
        #expect(ps.score == 0.5 && ps.color == "#31a354" && ps.comment == "seen")
        #expect(ps.metadata == [.item(name: "source", value: "report.pdf")])
        #expect(ps.links?.count == 2 && ps.links?.last == .link(label: "Report", url: "https://example.com/r"))
        #expect(layer.techniques.first { $0.techniqueID == "T1566" }?.score == 1, "an unscored technique gets the default score")
        let parent = try #require(layer.techniques.first { $0.techniqueID == "T1059" })
        #expect(parent.showSubtechniques == true && parent.score == nil)
        #expect(layer.name == "mine" && layer.legendItems?.map(\.label) == ["listed"])
    }

    @Test func anEmptySetIsAnError() {
        #expect(throws: GeneratorError.self) { try LayerGenerator(matrix: Fixture.matrix).layer(of: ScoredTechniques()) }
    }

    @Test func aListAndTheSameScoredSetGiveTheSameLayer() throws {
        let list = try TechniqueList.parse("T1059.001,4\nT1566,2\n", source: "l.csv")
        var scored = ScoredTechniques()
        scored.add(try technique("T1059.001"), score: 4)
        scored.add(try technique("T1566"), score: 2)
        var options = GeneratorOptions()
        options.description = "Techniques listed in l.csv"
        let generator = LayerGenerator(matrix: Fixture.matrix)
        #expect(try generator.techniques(list).layer == generator.layer(of: scored, options: options).layer)
    }
}
