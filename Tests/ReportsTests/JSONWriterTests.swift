import Foundation
import STIX
import Testing
@testable import Reports

@Suite("JSON writer")
struct JSONWriterTests {
    @Test func everyBlockKeepsItsTextPlainAndItsType() throws {
        let document = ReportDocument(
            title: "Coverage <1>", subtitle: ["ATT&CK 18.1"],
            blocks: [
                .heading("By tactic", level: 9),
                .paragraph("Rules & <tags>."),
                .keyFigures([KeyFigure(value: "31%", label: "detected", tone: .good)]),
                .table(ReportTable(columns: ["Tactic", "Detected"], rows: [["Execution", "12"]], numericColumns: [1])),
                .linkedTable(LinkedTable(columns: ["Group"], rows: [[ReportLink("APT29", url: "https://attack.mitre.org/groups/G0016/")],
                                                                    [ReportLink("Bad", url: "javascript:alert(1)")]])),
                .figure(ReportFigure(svg: "<svg/>", caption: "Heatmap")),
                .links([ReportLink("Report", url: "https://example.com/r")], numbered: true),
            ])
        let text = JSONWriter.render(document)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(parsed["title"] as? String == "Coverage <1>")
        let blocks = parsed["blocks"] as? [[String: Any]] ?? []
        #expect(blocks.compactMap { $0["type"] as? String } == ["heading", "paragraph", "key_figures", "table", "table", "figure", "links"])
        #expect(blocks[0]["level"] as? Int == 6)
        #expect(blocks[1]["text"] as? String == "Rules & <tags>.")
        #expect((blocks[3]["numeric_columns"] as? [Int]) == [1])
        let links = blocks[4]["links"] as? [[Any]] ?? []
        #expect(links.first?.first as? String == "https://attack.mitre.org/groups/G0016/")
        #expect(links.last?.first is NSNull)  // an unsafe address is dropped
        #expect(blocks[5]["svg"] as? String == "<svg/>")
    }
}
