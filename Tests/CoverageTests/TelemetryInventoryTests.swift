import Foundation
import Testing
import TestSupport
@testable import Coverage

struct TelemetryInventoryTests {
    @Test func readsDataComponentsAndLogSourcesWithTheirLines() {
        let text = """
            version: 1
            sources:
              - data_component: dc0032
                platforms: [Windows]
                comment: EDR
              - data_component: Process Creation
              - name: WinEventLog:Security
                channel: EventCode=4688
              - name: sysmon
                channel: 1
              - auditd:SYSCALL
              - DC0067
            """
        let inventory = TelemetryInventory.parse(text: text, path: "t.yaml")
        #expect(inventory.issues.isEmpty)
        #expect(inventory.sources.map(\.kind) == [
            .dataComponent("DC0032"), .dataComponent("Process Creation"),
            .logSource(name: "WinEventLog:Security", channel: "EventCode=4688"),
            .logSource(name: "sysmon", channel: "1"),
            .logSource(name: "auditd:SYSCALL", channel: nil),
            .dataComponent("DC0067"),
        ])
        #expect(inventory.sources.map(\.line) == [3, 6, 7, 9, 11, 12])
        #expect(inventory.sources[0].platforms == ["Windows"])
        #expect(inventory.sources[0].comment == "EDR")
    }

    @Test func logSourcesMatchAnalyticsReferences() {
        let inventory = TelemetryInventory.parse(text: """
            - name: sysmon
              channel: 3
            - name: WinEventLog:Security
              channel: EventCode=4688
            - name: auditd:SYSCALL
            """, path: "t.yaml")
        #expect(inventory.collects(logSource: "WinEventLog:Sysmon", channel: "EventCode=3, 22"))
        #expect(!inventory.collects(logSource: "WinEventLog:Sysmon", channel: "EventCode=1"))
        #expect(inventory.collects(logSource: "winEventLog:security", channel: "EventCode=4688"))
        #expect(!inventory.collects(logSource: "WinEventLog:Security", channel: "EventCode=4624, 4648"))
        #expect(inventory.collects(logSource: "auditd:SYSCALL", channel: "execve"))
        #expect(!inventory.collects(logSource: "auditd:EXECVE", channel: nil))
    }

    @Test func badEntriesAreReportedWithPathAndLine() {
        let text = """
            sources:
              - data_component: DC0032
                name: WinEventLog:Security
              - channel: 4688
              - name: sysmon
                chanel: 1
              - [nested]
            """
        let inventory = TelemetryInventory.parse(text: text, path: "bad.yaml")
        #expect(inventory.sources.map(\.kind) == [.logSource(name: "sysmon", channel: nil)])
        #expect(inventory.issues.map { "\($0.line ?? 0) \($0.severity)" } == ["2 error", "4 error", "6 warning", "7 error"])
        #expect(inventory.issues.allSatisfy { $0.path == "bad.yaml" })
        #expect(inventory.issues[1].reason == "telemetry entry has neither data_component nor name")
    }

    @Test func invalidYAMLAndMissingListsAreErrors() {
        #expect(TelemetryInventory.parse(text: "sources: [\n", path: "x.yaml").issues.first?.line == 2)
        #expect(TelemetryInventory.parse(text: "collected: []\n", path: "x.yaml").issues.first?.reason == "telemetry file has no 'sources' list")
        #expect(TelemetryInventory.load(path: "/nonexistent/t.yaml").issues.first?.reason == "cannot read telemetry file")
    }

    @Test func theShippedExampleReadsCleanly() {
        let path = SharedData.packageRoot.appendingPathComponent("examples/telemetry.yaml").path
        let inventory = TelemetryInventory.load(path: path)
        #expect(inventory.issues.isEmpty)
        #expect(inventory.sources.count == 13)
        #expect(inventory.collects(logSource: "WinEventLog:Sysmon", channel: "EventCode=22"))
    }
}

extension TelemetryInventoryTests {
    @Test func channelsNamedNoneMeanNoChannel() {
        let any = TelemetrySource(kind: .logSource(name: "linux:syslog", channel: nil), line: 1)
        let specific = TelemetrySource(kind: .logSource(name: "linux:syslog", channel: "sshd"), line: 2)
        #expect(any.matches(logSource: "linux:syslog", channel: "None"))
        #expect(!specific.matches(logSource: "linux:syslog", channel: "None"))
        #expect(LogSourceName.meaningfulChannel(" None ") == nil)
        #expect(LogSourceName.meaningfulChannel("EventCode=1") == "EventCode=1")
    }
}
