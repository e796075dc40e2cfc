import Testing
@testable import Coverage

struct SentinelParserTests {
    /// Shaped like the Azure-Sentinel repository's Detections/*.yaml.
    static let rule = """
        id: 0b9ae89d-8cad-461c-808f-0494f70ad5c4
        name: Malicious Inbox Rule
        description: |
          'Often times after the initial compromise the attackers create inbox rules.'
        severity: Medium
        status: Available
        requiredDataConnectors:
          - connectorId: Office365
            dataTypes:
              - OfficeActivity (Exchange)
          - connectorId: AzureActiveDirectory
            dataTypes:
              - SigninLogs
        queryFrequency: 1d
        queryPeriod: 1d
        triggerOperator: gt
        triggerThreshold: 0
        tactics:
          - Persistence
          - DefenseEvasion
          - CommandAndControl
        relevantTechniques:
          - T1098
          - T1078.004
        query: |
          OfficeActivity | where Operation =~ "New-InboxRule"
        entityMappings:
          - entityType: Account
            fieldMappings:
              - identifier: FullName
                columnName: UserId
        version: 2.0.1
        kind: Scheduled
        """

    @Test func readsTacticsTechniquesSeverityAndConnectors() throws {
        let result = SentinelParser.parse(text: Self.rule, path: "Detections/OfficeActivity/Inbox.yaml")
        #expect(result.issues.isEmpty)
        let rule = try #require(result.rules.first)
        #expect(rule.format == .sentinel)
        #expect(rule.title == "Malicious Inbox Rule")
        #expect(rule.level == "medium")
        #expect(rule.status == "available")
        #expect(rule.enabled == nil)
        #expect(rule.tactics == ["persistence", "defense-evasion", "command-and-control"])
        #expect(rule.techniqueIDs == ["T1098", "T1078.004"])
        #expect(rule.logSource.connectors == ["Office365", "AzureActiveDirectory"])
        #expect(rule.logSource.dataSources == ["OfficeActivity (Exchange)", "SigninLogs"])
    }

    @Test func readsEnabledWhenAnExportCarriesIt() throws {
        let text = "name: Exported\nenabled: false\nqueryFrequency: PT1H\nrelevantTechniques: [T1110]\n"
        let rule = try #require(SentinelParser.parse(text: text, path: "e.yaml").rules.first)
        #expect(rule.enabled == false)
        #expect(rule.techniqueIDs == ["T1110"])
    }
}
