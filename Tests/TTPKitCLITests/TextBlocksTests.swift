@testable import ATTACK
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
