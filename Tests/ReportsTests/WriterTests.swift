import Foundation
import Testing
@testable import Reports

@Suite("Markdown and HTML writers")
struct WriterTests {
    let document = ReportDocument(
        title: "Coverage # 1",
        subtitle: ["ATT&CK Enterprise 18.1 · 2026-01-02"],
        blocks: [
            .keyFigures([KeyFigure(value: "31%", label: "detected", tone: .good)]),
            .heading("By tactic"),
            .paragraph("Rules with *stars* and <tags> & [links]."),
            .table(ReportTable(columns: ["Tactic", "Detected"], rows: [["Execution | Run", "12"], ["Short"]], numericColumns: [1])),
            .bullets(["one", "two"]),
            .numbered(["first", "second"]),
            .figure(ReportFigure(svg: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>",
                                 caption: "Heatmap", fileName: "report heatmap.svg")),
            .note("A note."),
        ])

    @Test func markdownEscapesTextAndRightAlignsNumbers() {
        let md = MarkdownWriter.render(document)
        #expect(md.hasPrefix("# Coverage # 1\n"))
        #expect(md.contains("_ATT&CK Enterprise 18.1 · 2026-01-02_"))
        #expect(md.contains("- **31%** detected"))
        #expect(md.contains("## By tactic"))
        #expect(md.contains(#"Rules with \*stars\* and &lt;tags&gt; & \[links\]."#))
        #expect(md.contains("| Tactic | Detected |\n|---|---:|\n| Execution \\| Run | 12 |\n| Short |  |"))
        #expect(md.contains("1. first\n2. second"))
        #expect(md.contains("![Heatmap](report%20heatmap.svg)"))
        #expect(md.contains("> A note."))
        #expect(md.hasSuffix("\n"))
    }

    @Test func markdownEscapesAHashOnlyWhereItWouldMakeAHeading() {
        #expect(MarkdownWriter.render(ReportDocument(title: "T", blocks: [.paragraph("#1 of 3 # here")])).contains("\n\\#1 of 3 # here\n"))
    }

    @Test func figureWithoutFileNameKeepsOnlyTheCaption() {
        let md = MarkdownWriter.render(ReportDocument(title: "T", blocks: [.figure(ReportFigure(svg: "<svg/>", caption: "Map"))]))
        #expect(md.contains("_Map_"))
        #expect(!md.contains("!["))
    }

    @Test func htmlIsSelfContainedWithTheSVGInline() {
        let html = HTMLWriter.render(document)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("<title>Coverage # 1</title>"))
        #expect(html.contains("<figure><svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg><figcaption>Heatmap</figcaption></figure>"))
        #expect(!html.contains("<?xml"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("src=\"http") && !html.contains("href=\"http") && !html.contains("@import"))
        #expect(html.contains("Rules with *stars* and &lt;tags&gt; &amp; [links]."))
        #expect(html.contains("<td>Execution | Run</td><td class=\"num\">12</td>"))
        #expect(html.contains("<tr><td>Short</td><td class=\"num\"></td></tr>"), "short rows are padded")
        #expect(html.contains("<div class=\"figure good\"><span class=\"value\">31%</span>"))
        #expect(html.hasSuffix("</html>\n"))
    }

    @Test func formatFollowsTheExtension() {
        #expect(ReportFormat(fileExtension: "MD") == .markdown)
        #expect(ReportFormat(fileExtension: "htm") == .html)
        #expect(ReportFormat(fileExtension: "pdf") == nil)
        #expect(ReportFormat.html.render(document).contains("<h2>By tactic</h2>"))
    }

    @Test func textHelpersAreFixedAndShort() {
        #expect(ReportText.count(3141) == "3,141")
        #expect(ReportText.count(-1000) == "-1,000")
        #expect(ReportText.count(999) == "999")
        #expect(ReportText.percent(214, of: 691) == "31%")
        #expect(ReportText.percent(1, of: 1000) == "<1%")
        #expect(ReportText.percent(999, of: 1000) == ">99%")
        #expect(ReportText.percent(0, of: 0) == "0%")
        #expect(ReportText.plural(1, "rule") == "1 rule")
        #expect(ReportText.plural(2000, "rule") == "2,000 rules")
        #expect(ReportText.list(["A", "B"]) == "A and B")
        #expect(ReportText.list(["A", "B", "C", "D", "E"]) == "A, B, C and 2 more")
        #expect(ReportText.day(Date(timeIntervalSince1970: 0)) == "1970-01-01")
    }
}
