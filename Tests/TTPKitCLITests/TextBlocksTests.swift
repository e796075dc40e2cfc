import ATTACK
import Testing
@testable import TTPKitCLI

@Suite("Text blocks for the terminal")
struct TextBlocksTests {
    @Test func prosePrintsWithoutMarkupOrCitations() {
        let text = "[APT29](https://attack.mitre.org/groups/G0016) ran <code>whoami /all</code>.(Citation: Report 1)"
        #expect(TextBlocks.readable(text) == "APT29 ran whoami /all.")
    }

    @Test func aLongFieldIsWrappedUnderItsName() {
        var b = TextBlocks()
        let value = Array(repeating: "WinEventLog:Security (4688)", count: 40).joined(separator: "; ")
        b.field("Log sources", value)
        let lines = b.out.split(separator: "\n")
        #expect(lines.count > 2)
        #expect(lines.allSatisfy { $0.count <= max(40, b.terminal.width) + 12 }, "no line is much wider than the terminal")
    }

    @Test func logSourcesAreGroupedAndNoneIsNotPrinted() {
        let ref = { (name: String, channel: String) in LogSourceReference(dataComponentRef: "x", name: name, channel: channel) }
        let summary = DataComponentCommand.logSourceSummary([
            ref("WinEventLog:Sysmon", "EventCode=1"), ref("Process", "None"), ref("WinEventLog:Sysmon", "EventCode=1"),
            ref("auditd:SYSCALL", String(repeating: "long free text ", count: 4)),
        ])
        #expect(summary == "WinEventLog:Sysmon (EventCode=1); Process; auditd:SYSCALL (1 channel)")
    }
}

@Suite("Tables for people and pipes")
struct TableTests {
    let table = Table(columns: ["id", "name", "sentence"], rows: [
        ["T1059.001", "PowerShell", "The actor ran an encoded PowerShell command that downloaded the second stage from a remote server."],
    ])

    @Test func pipedTablesAreNeverCut() {
        let text = table.text(width: nil)
        #expect(text.contains("downloaded the second stage from a remote server."))
        #expect(text.split(separator: "\n").count == 3)
    }

    @Test func onATerminalTheLastColumnWrapsUnderItself() {
        let lines = table.text(width: 60).split(separator: "\n").map(String.init)
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
