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

@Suite("Tables for people and pipes")
struct TableWrappingTests {
    let wrapping = Table(columns: ["id", "name", "sentence"], rows: [
        ["T1059.001", "PowerShell", "The actor ran an encoded PowerShell command that downloaded the second stage from a remote server."],
    ])

    @Test func pipedTablesAreNeverCut() {
        let text = wrapping.text(width: nil)
        #expect(text.contains("downloaded the second stage from a remote server."))
        #expect(text.split(separator: "\n").count == 3)
    }

    @Test func onATerminalTheLastColumnWrapsUnderItself() {
        let lines = wrapping.text(width: 60).split(separator: "\n").map(String.init)
        #expect(lines.allSatisfy { $0.count <= 60 })
        #expect(lines.count > 3)
        let column = lines[0].range(of: "sentence").map { lines[0].distance(from: lines[0].startIndex, to: $0.lowerBound) } ?? -1
        #expect(lines[3].prefix(column).allSatisfy { $0 == " " }, "continuation lines start under the column")
        #expect(lines.joined(separator: " ").contains("remote server."), "nothing is lost")
    }

    @Test func aVeryWideTableNarrowsItsLeadingColumns() {
        let wide = Table(columns: ["a", "b", "c"], rows: [[String(repeating: "x", count: 150), String(repeating: "y", count: 150), "end"]])
        let lines = wide.text(width: 80).split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 80 })
        #expect(lines[2].contains("…"))
    }
}
