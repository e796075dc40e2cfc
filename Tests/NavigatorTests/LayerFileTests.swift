import Foundation
import Navigator
import STIX
import Testing

@Test func readsVersion3LayerAndReportsUpgrades() throws {
    let json = #"{"name": "old", "version": "3.0", "domain": "mitre-enterprise", "viewMode": 2, "filters": {"stages": ["act"], "platforms": ["Windows"]}, "techniques": [{"techniqueID": "T1059", "score": 3}]}"#
    let doc = try LayerFile.parse(Data(json.utf8), source: "old.json")
    let layer = try #require(doc.layer)
    #expect(layer.domain == .enterprise)
    #expect(layer.versions?.layer == "4.5")
    #expect(layer.effectiveLayout.layout == "mini")
    #expect(layer.filters?.platforms == ["Windows"])
    let paths = doc.upgrades.map(\.path)
    #expect(paths.contains("domain") && paths.contains("version") && paths.contains("viewMode") && paths.contains("filters.stages"))
}

@Test func unknownFieldsSurviveRoundTrip() throws {
    let json = #"{"name": "x", "domain": "enterprise-attack", "versions": {"layer": "4.5", "navigator": "5.1.0"}, "custom": {"k": [1, 2]}, "techniques": [{"techniqueID": "T1059", "tactic": "execution", "myField": "kept"}], "layout": {"layout": "flat", "extraLayout": true}}"#
    let doc = try LayerFile.parse(Data(json.utf8), source: "x.json")
    let text = LayerFile.serialize(doc.layers)
    let again = try LayerFile.parse(Data(text.utf8), source: "again.json")
    #expect(LayerFile.serialize(again.layers) == text)
    let value = try JSONValue.parse(Data(text.utf8))
    #expect(value["custom"]?["k"]?[1] == .number(2))
    #expect(value["techniques"]?[0]?["myField"] == "kept")
    #expect(value["layout"]?["extraLayout"] == .bool(true))
    #expect(value["versions"]?["layer"] == "4.5")
    #expect(value["selectVisibleTechniques"] == .bool(false))
}

@Test func readsArrayOfLayers() throws {
    let json = #"[{"name": "a", "domain": "enterprise-attack"}, {"name": "b", "domain": "enterprise-attack", "techniques": []}]"#
    let doc = try LayerFile.parse(Data(json.utf8), source: "two.json")
    #expect(doc.isArray && doc.layers.map(\.name) == ["a", "b"])
    #expect(LayerFile.serialize(doc.layers).hasPrefix("["))
}

@Test func notJSONIsOneLineWithPosition() {
    #expect(throws: LayerError.self) { try LayerFile.parse(Data("{\"name\": ".utf8), source: "bad.json") }
    do { _ = try LayerFile.parse(Data("{\n  \"name\" oops}".utf8), source: "bad.json") } catch {
        #expect(error.description.hasPrefix("bad.json:2:10: not a JSON layer"))
    }
}

@Test func badInputNamesTheJSONPath() {
    let cases: [(String, String)] = [
        (#"{"name": "x", "domain": "enterprise-attack", "techniques": [{"score": 1}]}"#, "f.json: techniques[0].techniqueID: missing required field 'techniqueID'"),
        (#"{"name": "x", "domain": "enterprise-attack", "techniques": [{"techniqueID": "T1059", "score": "high"}]}"#, #"f.json: techniques[0].score: expected a number, found string "high""#),
        (#"{"name": "x", "domain": "pre-attack"}"#, "f.json: domain: unknown domain 'pre-attack'; expected enterprise-attack, mobile-attack or ics-attack"),
        (#"{"domain": "enterprise-attack"}"#, "f.json: name: missing required field 'name'"),
    ]
    for (json, message) in cases {
        do {
            _ = try LayerFile.parse(Data(json.utf8), source: "f.json")
            Issue.record("no error for \(json)")
        } catch { #expect(error.description == message) }
    }
}

@Test func writesAtomicallyAsUTF8() throws {
    let dir = Fixture.temporaryDirectory()
    let url = dir.appendingPathComponent("l.json")
    var layer = Layer(name: "Ünïcode — layer", domain: .enterprise)
    layer.techniques = [LayerTechnique(techniqueID: "T1059", tactic: "execution", score: 2)]
    try LayerFile.write([layer], to: url)
    try LayerFile.write([layer], to: url)
    let data = try Data(contentsOf: url)
    #expect(String(data: data, encoding: .utf8)?.contains("Ünïcode — layer") == true)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["l.json"])
    let back = try #require(try LayerFile.read(contentsOf: url).layers.first?.techniques.first)
    #expect(back.techniqueID == "T1059" && back.tactic == "execution" && back.score == 2)
}

@Test func expandsMissingTactics() {
    var layer = Layer(name: "x", domain: .enterprise)
    layer.techniques = [LayerTechnique(techniqueID: "T1078", score: 1), LayerTechnique(techniqueID: "T1059", tactic: "execution")]
    let (out, notes) = layer.withExplicitTactics(Fixture.matrix)
    #expect(out.techniques.map { $0.tactic ?? "" } == ["initial-access", "persistence", "stealth", "execution"])
    #expect(notes.count == 1)
}

@Test func wrongDomainIsOneLine() {
    let layer = Layer(name: "m", domain: .mobile)
    do { try layer.requireDomain(of: Fixture.kb, file: "m.json"); Issue.record("no error") } catch {
        #expect(error.description == "m.json: domain: layer is for 'mobile-attack', but the ATT&CK data loaded is 'enterprise-attack'")
    }
}

@Test func legendMetadataAndLinksKeepGoodEntriesAndReportBadOnes() throws {
    let json = #"""
        {"name": "x", "domain": "enterprise-attack", "versions": {"layer": "4.5"},
         "legendItems": [{"label": "a", "color": "#ff0000"}, {"label": "b"}, {"label": "c", "color": "#gg0000"}],
         "metadata": [{"name": "k", "value": "v"}, {"divider": true}, {"name": "k"}],
         "links": {"label": "not", "url": "an array"},
         "techniques": [{"techniqueID": "T1059", "links": [{"label": "l", "url": "https://x"}, {"divider": true}, {"label": "m", "url": "x.example"}, {"url": "y"}]}]}
        """#
    let doc = try LayerFile.parse(Data(json.utf8), source: "x.json")
    let layer = try #require(doc.layer)
    #expect(layer.legendItems == [LegendItem(label: "a", color: "#ff0000"), LegendItem(label: "c", color: "#gg0000")])
    #expect(layer.metadata == [.item(name: "k", value: "v"), .divider])
    #expect(layer.links == nil)
    #expect(layer.techniques.first?.links == [.link(label: "l", url: "https://x"), .divider, .link(label: "m", url: "x.example")])
    let findings = doc.findings.map { "\($0.severity) \($0.path): \($0.message)" }
    #expect(findings == [
        "error legendItems[1]: a legend item needs a string 'label' and 'color'",
        "error legendItems[2].color: malformed colour '#gg0000'; expected #rrggbb",
        "error metadata[2]: metadata needs a string 'name' and 'value' (or 'divider': true)",
        "error links: expected an array of links, found object",
        "warning techniques[0].links[2].url: URL 'x.example' has no protocol prefix (https://)",
        "error techniques[0].links[3]: a link needs a string 'label' and 'url' (or 'divider': true)",
    ], "\(findings)")
}
