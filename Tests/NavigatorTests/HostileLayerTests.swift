import Foundation
@testable import Navigator
import STIX
import Testing

/// Reproducers of issue 10 for layers and score expressions: refused with a position or
/// rendered safely, never a trap.
@Suite("Hostile layers and expressions")
struct HostileLayerTests {
    static func layerJSON(gradient: String, extra: String = "") -> String {
        #"""
        {"name": "x", "domain": "enterprise-attack", "versions": {"layer": "4.5"}, \#(extra)
         "gradient": {"colors": ["#ffffff", "#ff0000"], \#(gradient)},
         "techniques": [{"techniqueID": "T1059", "score": 5}]}
        """#
    }

    @Test func aGradientEndOfMinus1e999IsRefusedWhereItStands() {
        // Validated clean before, then every render trapped.
        let text = Self.layerJSON(gradient: #""minValue": -1e999, "maxValue": 100"#)
        let error = #expect(throws: LayerError.self) { try LayerFile.parse(Data(text.utf8), source: "g.json") }
        #expect("\(error.map { "\($0)" } ?? "")".contains("g.json:2:"))
        let findings = LayerValidator(matrix: Fixture.matrix).validate(data: Data(text.utf8), source: "g.json")
        #expect(findings.contains { $0.severity == .error && $0.isFatal })
    }

    @Test func extremeButFiniteGradientsRenderInEveryFormat() throws {
        let text = Self.layerJSON(gradient: #""minValue": -1.7e308, "maxValue": 1.7e308"#)
        var layer = try #require(try LayerFile.parse(Data(text.utf8), source: "g.json").layers.first)
        layer.techniques.append(LayerTechnique(techniqueID: "T1566", tactic: "initial-access", score: 1.7e308))
        for format in RenderFormat.allCases {
            let data = try LayerRenderer.render([layer], as: format, matrix: Fixture.matrix)
            #expect(!data.isEmpty, "\(format)")
        }
        let gradient = Gradient(colors: ["#ffffff", "#ff0000"], minValue: -.infinity, maxValue: .infinity)
        #expect(gradient.color(for: 5) != nil && gradient.color(for: .nan) != nil)
        #expect(SVGRenderer.n(1e300) == "0")
    }

    @Test func eightyThousandExtraKeysValidateInLinearTime() {
        // 56 s before (issue 10 item 7): each unknown member was appended by a scan.
        let extra = (0..<80_000).map { "\"x\($0)\": 1" }.joined(separator: ", ") + ","
        let text = Self.layerJSON(gradient: #""minValue": 0, "maxValue": 10"#, extra: extra)
        let findings = LayerValidator(matrix: Fixture.matrix).validate(data: Data(text.utf8), source: "wide.json")
        #expect(!findings.contains { $0.isFatal })
        let document = LayerFile.parseLeniently(Data(text.utf8), source: "wide.json").document
        #expect(document.layers.first?.extra.count == 80_000)
    }

    @Test func aHugeVariableNumberIsAnErrorNotAnOverflow() {
        let error = #expect(throws: ExpressionError.self) { try ScoreExpression("a400000000000000000", variables: 2) }
        #expect(error?.message.hasPrefix("unknown name 'a400000000000000000'") == true)
        #expect(ExpressionParser.variableIndex("b1000") == 26_001)
        #expect(ExpressionParser.variableIndex("b1001") == nil)
    }

    @Test func deepNestingAndLongChainsAreBounded() throws {
        let parens = String(repeating: "(", count: 12_000) + "a" + String(repeating: ")", count: 12_000)
        #expect(throws: ExpressionError.self) { try ScoreExpression(parens, variables: 1) }
        let nots = String(repeating: "!", count: 120_000) + "a"
        #expect(throws: ExpressionError.self) { try ScoreExpression(nots, variables: 1) }
        let nested = String(repeating: "(", count: 60) + "a" + String(repeating: ")", count: 60)
        #expect(try ScoreExpression(nested, variables: 1).evaluate([3]) == 3)
        let error = #expect(throws: ExpressionError.self) { try ScoreExpression(String(repeating: "a+", count: 600) + "a", variables: 1) }
        #expect(error?.message.contains("at most 1024") == true)
        #expect(try ScoreExpression(String(repeating: "a+", count: 400) + "a", variables: 1).evaluate([1]) == 401)
    }
}
