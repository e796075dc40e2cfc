import Testing
@testable import Coverage

struct CSVRuleParserTests {
    @Test func readsFlexibleHeadersQuotedListsAndState() {
        let text = "Use Case ID,Rule Name,MITRE Techniques,State,Severity\r\n"
            + "UC-1,Encoded PowerShell,\"T1059.001; T1027\",Enabled,High\r\n"
            + "UC-2,\"Brute force, \"\"spray\"\"\",\"T1110.003,T1110.001 T1078\",Disabled,Low\r\n"
            + "UC-3,\"Multi\nline\",T1003,Testing,\r\n"
        let result = CSVRuleParser.parse(text: text, path: "usecases.csv")
        #expect(result.issues.isEmpty)
        #expect(result.rules.map(\.title) == ["Encoded PowerShell", "Brute force, \"spray\"", "Multi\nline"])
        #expect(result.rules.map(\.techniqueIDs) == [["T1059.001", "T1027"], ["T1110.003", "T1110.001", "T1078"], ["T1003"]])
        #expect(result.rules.map(\.enabled) == [true, false, nil])
        #expect(result.rules.map(\.status) == ["enabled", "disabled", "testing"])
        #expect(result.rules.map(\.id) == ["UC-1", "UC-2", "UC-3"])
        #expect(result.rules.map(\.line) == [2, 3, 4])
        #expect(result.rules.first?.level == "high")
    }

    @Test func malformedIDsAndMissingTitlesAreReportedPerLine() {
        let text = "name,techniques\nGood,T1059\n,T1003\nOdd,T59\n"
        let result = CSVRuleParser.parse(text: text, path: "u.csv")
        #expect(result.rules.map(\.title) == ["Good", "Odd"])
        #expect(result.issues == [
            RuleIssue(path: "u.csv", line: 3, reason: "rule has no title (empty name field)"),
            RuleIssue(path: "u.csv", line: 4, reason: "techniques: 'T59' is not a technique ID (T1234 or T1234.001); ignored", severity: .warning),
        ])
    }

    @Test func aHeaderWithoutTechniquesIsNotARuleList() {
        let result = CSVRuleParser.parse(text: "id,title,level\n1,x,high\n", path: "deprecated.csv")
        #expect(result.issues.first?.line == 1)
        #expect(CSVRuleParser.recognises("id,title,level\n") == false)
    }

    @Test func anUnclosedQuoteIsAnErrorAtItsLine() {
        let result = CSVRuleParser.parse(text: "name,techniques\na,T1059\nb,\"T1003\n", path: "q.csv")
        #expect(result.issues == [RuleIssue(path: "q.csv", line: 3, reason: "invalid CSV: quoted field never closed")])
    }
}

extension CSVRuleParserTests {
    @Test func semicolonSeparatedExportsAreRead() {
        let text = "\u{FEFF}Regel;ATT&CK;Status\nLSASS access;\"T1003.001, T1003\";aktiv\n"
            .replacingOccurrences(of: "Regel", with: "Rule Name")
        let result = CSVRuleParser.parse(text: text, path: "excel.csv")
        #expect(result.issues.isEmpty)
        #expect(result.rules.map(\.title) == ["LSASS access"])
        #expect(result.rules.first?.techniqueIDs == ["T1003.001", "T1003"])
        #expect(result.rules.first?.status == "aktiv")
    }
}
