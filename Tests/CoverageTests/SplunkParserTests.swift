import Testing
@testable import Coverage

struct SplunkParserTests {
    @Test func readsNameStatusTechniquesAndDataSources() throws {
        let text = """
            name: 3CX Supply Chain Attack Network Indicators
            id: 791b727c-deec-4fbe-a732-756131b3c5a1
            type: TTP
            status: Production
            data_source:
            - Sysmon EventID 22
            search: '| tstats count from datamodel=Network_Resolution'
            tags:
              analytic_story:
              - 3CX Supply Chain Attack
              mitre_attack_id:
              - T1195.002
              - t1059
              - T1059.1
            """
        let result = SplunkParser.parse(text: text, path: "d/3cx.yml")
        let rule = try #require(result.rules.first)
        #expect(rule.format == .splunk)
        #expect(rule.title == "3CX Supply Chain Attack Network Indicators")
        #expect(rule.status == "production")
        #expect(rule.techniqueIDs == ["T1195.002", "T1059"])
        #expect(rule.logSource.dataSources == ["Sysmon EventID 22"])
        #expect(result.issues == [RuleIssue(
            path: "d/3cx.yml", line: 14,
            reason: "tags.mitre_attack_id: 'T1059.1' is not a technique ID (T1234 or T1234.001); ignored",
            severity: .warning)])
    }

    @Test func aDetectionWithNoNameIsAnError() {
        let result = SplunkParser.parse(text: "id: x\nsearch: '|tstats'\ntags:\n  mitre_attack_id: [T1003]\n", path: "s.yml")
        #expect(result.issues == [RuleIssue(path: "s.yml", line: 1, reason: "rule has no title (name)")])
    }
}
