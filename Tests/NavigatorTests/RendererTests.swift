import Foundation
import Navigator
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
    #expect(html.contains("id=\"tooltip\"") && html.contains("id=\"search\"") && html.contains("id=\"show-subs\"") && html.contains("id=\"show-disabled\""))
    #expect(html.contains("data-comment=\"Used by 2 of 2: Test Group, Other Group\""))
    #expect(html.contains("class=\"cell annotated disabled k"))
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
    #expect(csv.contains("execution,T1059.001,PowerShell,yes,2,#ff6666,\"Used by 2 of 2: Test Group, Other Group\",yes,"))
    let md = MarkdownRenderer.render(layer, matrix: Fixture.matrix)
    #expect(md.contains("## Execution (TA0002)") && md.contains("| [T1059.001](https://attack.mitre.org/techniques/T1059/001) | ↳ PowerShell | 2 |"))
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
