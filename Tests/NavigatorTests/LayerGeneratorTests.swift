import Foundation
import Navigator
import Testing

@Test func groupLayerHasProceduresReachAndParents() throws {
    let result = try LayerGenerator(matrix: Fixture.matrix).groups(["test group"])
    let layer = result.layer
    #expect(layer.versions?.attack == "19.0" && layer.domain == .enterprise)
    let ids = layer.techniques.map { "\($0.techniqueID)/\($0.tactic ?? "")" }
    #expect(ids == ["T1059/execution", "T1059.001/execution", "T1078/initial-access", "T1078/persistence", "T1078/stealth", "T1566/initial-access", "T1566.001/initial-access"])
    let ps = try #require(layer.techniques.first { $0.techniqueID == "T1059.001" })
    #expect(ps.comment == "Test Group has used PowerShell to run payloads.")
    #expect(ps.score == 1)
    #expect(ps.links?.contains(.link(label: "Vendor Report", url: "https://example.com/report")) == true)
    #expect(ps.metadata?.contains(.item(name: "reference", value: "No URL Source")) == true)
    #expect(ps.metadata?.contains(.item(name: "reached", value: "direct")) == true)
    let parent = try #require(layer.techniques.first { $0.techniqueID == "T1059" })
    #expect(parent.showSubtechniques == true && parent.score == nil)
    let va = try #require(layer.techniques.first { $0.techniqueID == "T1078" })
    #expect(va.comment == "[campaign C0001] During Test Campaign, the actors used stolen accounts.")
    #expect(layer.legendItems?.isEmpty == false)
    #expect(LayerValidator(matrix: Fixture.matrix).validate(layer).isEmpty)
}

@Test func overlapScoresCountGroups() throws {
    let layer = try LayerGenerator(matrix: Fixture.matrix).groups(["G0001", "G0002"]).layer
    let ps = try #require(layer.techniques.first { $0.techniqueID == "T1059.001" })
    #expect(ps.score == 2 && ps.comment == "Used by 2 of 2: Test Group, Other Group")
    #expect(layer.gradient?.minValue == 0 && layer.gradient?.maxValue == 2)
    #expect(layer.techniques.first { $0.techniqueID == "T1685" }?.score == 1)
}

@Test func optionsFilterTacticPlatformAndColour() throws {
    var options = GeneratorOptions(score: 5, color: "#ff0000", name: "mine", platforms: ["linux"], tactic: "Persistence")
    let gen = LayerGenerator(matrix: Fixture.matrix)
    let layer = try gen.groups(["Test Group"], options: options).layer
    #expect(layer.name == "mine" && layer.filters?.platforms == ["Linux"])
    #expect(layer.techniques.map { "\($0.techniqueID)/\($0.tactic ?? "")" } == ["T1078/persistence"])
    #expect(layer.techniques[0].score == 5 && layer.techniques[0].color == "#ff0000")
    options.platforms = ["Amiga"]
    #expect(throws: GeneratorError.self) { try gen.groups(["Test Group"], options: options) }
    #expect(throws: GeneratorError.self) { try gen.groups(["Tset Grup"]) }
}

@Test func otherGenerators() throws {
    let gen = LayerGenerator(matrix: Fixture.matrix)
    #expect(try gen.software("S0001").layer.techniques.map(\.techniqueID) == ["T1059"])
    #expect(try gen.campaign("C0001").layer.techniques.count == 3)
    #expect(try gen.mitigation("M1038").layer.techniques.first?.comment == "Block script interpreters.")
    #expect(try gen.platform("linux").layer.techniques.map(\.techniqueID).contains("T1059.004"))
}

@Test func techniqueListsInThreeForms() throws {
    let gen = LayerGenerator(matrix: Fixture.matrix)
    let plain = try gen.techniques(TechniqueList.parse("# mine\nT1059.001\nPhishing\nT1086\n", source: "l.txt"))
    #expect(plain.layer.techniques.filter { $0.score != nil }.map(\.techniqueID) == ["T1059.001", "T1566"])
    #expect(plain.notes == ["l.txt:4: T1086 was revoked by T1059.001 PowerShell"])
    let json = try TechniqueList.parse(#"["T1078", {"techniqueID": "T1566", "score": 7}]"#, source: "l.json")
    #expect(json.items.map(\.score) == [nil, 7])
    let csv = try TechniqueList.parse("technique,score,comment\nT1059,3,\"seen, twice\"\n", source: "l.csv")
    #expect(csv.items == [TechniqueList.Item(query: "T1059", score: 3, comment: "seen, twice", line: 2)])
    // A bad line is a warning and the rest is written; only an empty result is an error.
    let partial = try gen.techniques(TechniqueList.parse("T1059\nT9999\nunix shells\n", source: "l.txt"))
    #expect(partial.notes.contains { $0.hasPrefix("warning: l.txt:2: no technique 'T9999'") })
    #expect(Set(partial.layer.techniques.filter { $0.score != nil }.map(\.techniqueID)) == ["T1059", "T1059.004"])
    do { _ = try gen.techniques(TechniqueList.parse("T9999\n", source: "l.txt")); Issue.record("no error") } catch {
        #expect(error.description.contains("none of the 1 listed techniques"))
    }
}
