import Foundation
@testable import Navigator
import Testing

func fixtureGroupLayer() throws -> Layer {
    var layer = try LayerGenerator(matrix: Fixture.matrix).groups(["G0001", "G0002"]).layer
    layer.techniques.append(LayerTechnique(techniqueID: "T1566", tactic: "initial-access", color: "#123456", enabled: false))
    return layer
}

@Test func svgDrawsColumnsInMatrixOrderWithColouredCells() throws {
    let svg = SVGRenderer.render(try fixtureGroupLayer(), matrix: Fixture.matrix)
    let order = ["Initial Access", "Execution", "Persistence", "Stealth", "Defense Impairment"].compactMap { svg.range(of: ">\($0)<")?.lowerBound }
    #expect(order.count == 5 && order == order.sorted())
    #expect(svg.contains("fill=\"#ff6666\""))  // T1059.001 used by both: top of the heat gradient
    #expect(svg.contains("PowerShell (2)"))
    #expect(svg.hasSuffix("</svg>\n"))
}

@Test func htmlIsSelfContainedWithTooltipsSearchAndToggles() throws {
    let html = HTMLRenderer.render(try fixtureGroupLayer(), matrix: Fixture.matrix)
    #expect(!html.contains("http://") || !html.contains("src=\"http"))
    #expect(!html.contains("<link") && !html.contains("src="))
    #expect(html.contains("id=\"tooltip\"") && html.contains("id=\"search\"") && html.contains("id=\"show-disabled\""))
    #expect(html.contains("id=\"expand-all\"") && html.contains("id=\"collapse-all\""))
    // +/− handles are buttons that say what they control.
    #expect(html.contains("<button type=\"button\" class=\"toggle\" aria-controls=\"subs-T1059-execution\" aria-expanded=\"true\""))
    #expect(html.contains("data-comment=\"Used by 2 of 2: Test Group, Other Group\""))
    #expect(html.contains("class=\"cell annotated disabled\""))
}

@Test func renderFiltersPlatformTacticAndAnnotated() throws {
    let layer = try fixtureGroupLayer()
    let view = MatrixView(layer: layer, matrix: Fixture.matrix, options: RenderOptions(platforms: ["Linux"], tactics: ["execution"]))
    #expect(view.columns.map(\.tactic.shortname) == ["execution"])
    #expect(view.columns[0].allCells.map(\.technique.attackID) == ["T1059", "T1059.004"])
    let annotated = MatrixView(layer: layer, matrix: Fixture.matrix, options: RenderOptions(onlyAnnotated: true))
    #expect(annotated.columns.flatMap(\.allCells).allSatisfy { $0.isAnnotated || !$0.subtechniques.isEmpty })
}

@Test func csvMarkdownAndXLSX() throws {
    let layer = try fixtureGroupLayer()
    let csv = CSVRenderer.render(layer, matrix: Fixture.matrix)
    #expect(csv.contains("execution,T1059.001,Command and Scripting Interpreter: PowerShell,yes,2,#ff6666,\"Used by 2 of 2: Test Group, Other Group\",yes,"))
    let md = MarkdownRenderer.render(layer, matrix: Fixture.matrix)
    #expect(md.contains("## Execution (TA0002)") && md.contains("| [T1059.001](https://attack.mitre.org/techniques/T1059/001) | Command and Scripting Interpreter: PowerShell | 2 |"))
    let xlsx = try XLSXRenderer.render([layer, layer], matrix: Fixture.matrix)
    #expect(xlsx.starts(with: [0x50, 0x4B, 0x03, 0x04]))
    #expect(RenderFormat(fileExtension: "md") == .markdown)
}

@Test func colourParsingAndGradient() {
    #expect(RGBColor(parsing: "#abc")?.hex == "#aabbcc")
    #expect(RGBColor(parsing: "rgb(255, 0, 10)")?.hex == "#ff000a")
    #expect(RGBColor(parsing: "#12345") == nil && RGBColor(parsing: "blurple") == nil)
    let g = Gradient(colors: ["#ffffff", "#ff0000"], minValue: 0, maxValue: 10)
    #expect(g.color(for: 5)?.hex == "#ff8080" && g.color(for: 99)?.hex == "#ff0000")
}

@Test func textOnEveryFillMeetsWCAGAA() {
    // White on the Navigator's red (#ff6666) is 2.9:1; black is 7.2:1.
    #expect(RGBColor(parsing: "#ff6666")?.contrastingText == "#000000")
    let white = RGBColor(red: 255, green: 255, blue: 255), black = RGBColor(red: 0, green: 0, blue: 0)
    for r in stride(from: 0, through: 255, by: 17) {
        for g in stride(from: 0, through: 255, by: 17) {
            for b in stride(from: 0, through: 255, by: 51) {
                let fill = RGBColor(red: UInt8(r), green: UInt8(g), blue: UInt8(b))
                let text = fill.contrastingText == "#000000" ? black : white
                #expect(fill.contrastRatio(with: text) >= 4.5, "\(fill.hex)")
            }
        }
    }
}

@Test func scoresOnlyWhereTheyDifferAndLegendExplainsEveryEncoding() throws {
    let overlap = try fixtureGroupLayer()
    let view = MatrixView(layer: overlap, matrix: Fixture.matrix)
    #expect(view.showsScores)  // 1 or 2 groups: the count means something
    let encodings = Set(view.legend.encodings)
    #expect(encodings.isSuperset(of: [.comment, .links, .disabled, .subtechniques, .score]))
    let single = try LayerGenerator(matrix: Fixture.matrix).groups(["G0001"]).layer
    #expect(!MatrixView(layer: single, matrix: Fixture.matrix).showsScores)  // every score is 1
    #expect(!SVGRenderer.render(single, matrix: Fixture.matrix).contains("(1)"))
    #expect(MatrixView(layer: single, matrix: Fixture.matrix, options: RenderOptions(showScores: true)).showsScores)
    let html = HTMLRenderer.render(overlap, matrix: Fixture.matrix)
    for e in encodings { #expect(html.contains("data-encoding=\"\(e.rawValue)\""), "\(e)") }
    #expect(html.contains("<body class=\"show-scores\">"))
}

@Test func legendLettersAndGradientBar() throws {
    var layer = Layer(name: "coverage", domain: .enterprise)
    layer.gradient = Gradient.navigatorDefault
    layer.legendItems = [
        LegendItem(label: "Detected", color: "#8ec843"), LegendItem(label: "Logged", color: "#ffe766"),
        LegendItem(label: "Blind", color: "#ff6666"),
    ]
    layer.techniques = [
        LayerTechnique(techniqueID: "T1059", tactic: "execution", score: 100),
        LayerTechnique(techniqueID: "T1566", tactic: "initial-access", score: 0),
    ]
    let view = MatrixView(layer: layer, matrix: Fixture.matrix)
    #expect(view.legend.items.map(\.key) == ["D", "L", "B"])
    #expect(view.legend.gradient == nil && !view.showsScores && view.legend.encodings.contains(.key))
    let html = HTMLRenderer.render(layer, matrix: Fixture.matrix)
    #expect(html.contains("<span class=\"key\" aria-hidden=\"true\">D</span>"))
    // Without legend items the scores are continuous: a gradient bar with its ends.
    layer.legendItems = nil
    layer.techniques.append(LayerTechnique(techniqueID: "T1059.001", tactic: "execution", score: 37))
    let bar = MatrixView(layer: layer, matrix: Fixture.matrix).legend
    #expect(bar.gradient?.minValue == 0 && bar.gradient?.maxValue == 100)
    #expect(HTMLRenderer.render(layer, matrix: Fixture.matrix).contains("data-encoding=\"gradient\""))
}

@Test func aggregateScoresAndSameRowsInHTMLAndSVG() throws {
    var layer = try fixtureGroupLayer()
    layer.layout = LayerLayout(showAggregateScores: true, aggregateFunction: "max", expandedSubtechniques: "annotated")
    let view = MatrixView(layer: layer, matrix: Fixture.matrix)
    let parent = try #require(view.columns.flatMap(\.cells).first { $0.technique.attackID == "T1059" })
    #expect(parent.aggregateScore == 2)
    let svg = SVGRenderer.render(layer, matrix: Fixture.matrix)
    let html = HTMLRenderer.render(layer, matrix: Fixture.matrix)
    for c in view.drawnCells { #expect(svg.contains(c.technique.attackID) && html.contains("data-id=\"\(c.technique.attackID)\"")) }
    let hidden = view.columns.flatMap(\.cells).flatMap { parent in
        parent.subtechniques.filter { s in !parent.drawnSubtechniques.contains { $0.technique.attackID == s.technique.attackID } }
    }
    for c in hidden { #expect(html.contains("class=\"cell sub extra") && !svg.contains(">\(c.technique.name)<")) }
}

@Test func sheetNamesKeepEveryGroup() {
    #expect(XLSXRenderer.sheetName("Overlap: APT29, APT28, Lazarus Group, FIN7, Turla") == "APT29, APT28 +3 more")
    #expect(XLSXRenderer.sheetName("APT29 (G0016)") == "APT29 (G0016)")
    #expect(XLSXRenderer.sheetName("Overlap: Very Long Group Name Number One, Another Long Group Name").count <= 31)
    #expect(XLSXRenderer.sheetName("Overlap: Very Long Group Name Number One, Another Long Group Name").hasSuffix("+1 more"))
}
