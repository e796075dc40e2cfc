import Output
import Testing

@Suite("Tables for people, spreadsheets and documents")
struct TableTests {
    let table = Table(columns: ["ID", "Name", "Score"], rows: [["T1059", "Command, \"quoted\"", "3"], ["T1003.001", "LSASS\nMemory", "10"]], numericColumns: [2])

    @Test func textIsAlignedWithNumericColumnsRight() {
        #expect(table.text() == """
            ID         Name               Score
            ---------  -----------------  -----
            T1059      Command, "quoted"      3
            T1003.001  LSASS Memory          10

            """)
    }

    @Test func textCutsTheLastColumnToTheWidth() {
        let t = Table(columns: ["ID", "Description"], rows: [["T1", String(repeating: "x", count: 50)]])
        let lines = t.text(width: 20).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 20 })
        #expect(lines.last?.hasSuffix("…") == true)
    }

    @Test func textRemovesTerminalEscapesFromCells() {
        let t = Table(columns: ["Name"], rows: [["\u{1B}[2J\u{1B}]0;pwned\u{07}APT29"]])
        #expect(!t.text().contains("\u{1B}"))
        #expect(t.text().contains("APT29"))
    }

    @Test func csvUsesCRLFAndQuotes() {
        #expect(table.csv() == "ID,Name,Score\r\nT1059,\"Command, \"\"quoted\"\"\",3\r\nT1003.001,\"LSASS\nMemory\",10\r\n")
    }

    @Test func markdownEscapesCells() {
        let t = Table(columns: ["Name"], rows: [["<script>x</script>|a"]])
        #expect(t.markdown() == "| Name |\n|---|\n| &lt;script&gt;x&lt;/script&gt;\\|a |\n")
        #expect(table.markdown().contains("|---|---|---:|"))
    }
}
