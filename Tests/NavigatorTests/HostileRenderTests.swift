import ATTACK
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Navigator
import TestSupport
import Testing

/// A bundle and a layer written by an attacker: markup in every field a renderer prints.
enum Hostile {
    static let id = #"T0800"><img src=x onerror="with(document)with(body)setAttribute('x',1)">"#
    /// Markup that, if it ever ran, marks the page's body (what the Chromium check looks for).
    static let markup = #"<img src=x onerror="document.body.setAttribute('pwned','img')"><script>document.body.setAttribute('pwned','script')</script>"#
    static let scriptURL = "javascript:document.body.setAttribute('pwned','link')"

    static func matrix() throws -> MatrixIndex {
        var b = FixtureBundle()
        let execution = b.tactic("TA0002", "Execution" + markup, shortname: "execution")
        b.matrix(tactics: [execution])
        b.technique(id, "Evil" + markup, tactics: ["execution"])
        b.technique("T1059", "Command and Scripting Interpreter", tactics: ["execution"])
        return MatrixIndex(try b.knowledgeBase())
    }

    static func layer() -> Layer {
        var layer = Layer(name: "Layer" + markup, domain: .enterprise, description: "desc" + markup + "\n# heading\n[x](\(scriptURL))")
        let entry = { (id: String) in
            LayerTechnique(
                techniqueID: id, tactic: "execution", score: 1, color: "#ff0000\"><script>alert(4)</script>",
                comment: "comment" + markup + " [click](\(scriptURL)) <a href=\"\(scriptURL)\">a</a>",
                metadata: [.item(name: "meta" + markup, value: "value" + markup)],
                links: [.link(label: "link" + markup, url: scriptURL)])
        }
        layer.techniques = [entry(id), entry("T1059")]
        layer.tacticRowBackground = "#fff\"/><script>alert(8)</script>"
        layer.showTacticRowBackground = true
        layer.legendItems = [LegendItem(label: "legend" + markup, color: "#00ff00")]
        return layer
    }
}

@Suite("Hostile bundles and layers render without live markup")
struct HostileRenderTests {
    @Test func htmlEscapesEveryFieldAndRunsOnlyItsOwnScript() throws {
        let html = HTMLRenderer.render(Hostile.layer(), matrix: try Hostile.matrix())
        #expect(!html.contains("<img"))
        #expect(html.components(separatedBy: "<script").count == 2, "only the page's own script element")
        #expect(!html.contains("onerror=\"with"))
        #expect(html.contains(#"data-id="T0800&quot;&gt;&lt;img src=x onerror=&quot;with(document)with(body)setAttribute(&#39;x&#39;,1)&quot;&gt;""#))
        #expect(!html.contains("<a "), "no links are rendered at all")
        #expect(!html.contains("style=\""), "colours are classes, not style attributes")
        #expect(html.contains("Content-Security-Policy") && !html.contains("unsafe-inline"))
    }

    @Test func svgIsWellFormedAndInert() throws {
        let svg = SVGRenderer.render(Hostile.layer(), matrix: try Hostile.matrix())
        #expect(!svg.contains("<img") && !svg.contains("<script"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "the SVG must stay well-formed XML")
    }

    @Test func markdownCarriesNoRawHTMLOrScriptLinks() throws {
        let md = MarkdownRenderer.render(Hostile.layer(), matrix: try Hostile.matrix())
        #expect(!md.contains("<img") && !md.contains("<script") && !md.contains("<a "))
        #expect(md.components(separatedBy: "](javascript:").dropLast().allSatisfy { $0.hasSuffix("\\") }, "every such bracket is escaped")
        #expect(!md.contains("\n# heading"), "a description cannot open a heading")
        #expect(md.contains("&lt;img src=x onerror="))
    }

    /// With `NAVIGATOR_SAMPLES_DIR` set, writes the hostile renderings for the Chromium check
    /// (`tools/navigator/check_scripts.py`).
    @Test func hostileSamplesForTheBrowserCheck() throws {
        guard let dir = ProcessInfo.processInfo.environment["NAVIGATOR_SAMPLES_DIR"], !dir.isEmpty else { return }
        let out = URL(fileURLWithPath: dir, isDirectory: true)
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let layer = Hostile.layer(), matrix = try Hostile.matrix()
        try Data(HTMLRenderer.render(layer, matrix: matrix).utf8).write(to: out.appendingPathComponent("hostile.html"))
        try Data(SVGRenderer.render(layer, matrix: matrix).utf8).write(to: out.appendingPathComponent("hostile.svg"))
        try Data(MarkdownRenderer.render(layer, matrix: matrix).utf8).write(to: out.appendingPathComponent("hostile.md"))
    }

    @Test func csvQuotesHostileCells() throws {
        let csv = CSVRenderer.render(Hostile.layer(), matrix: try Hostile.matrix())
        #expect(csv.hasPrefix("tactic,techniqueID,"))
        #expect(csv.contains("\r\n"))
    }
}
