import Testing
@testable import Coverage

struct ElasticParserTests {
    static let rule = """
        [metadata]
        creation_date = "2023/01/11"
        integration = ["endpoint"]
        maturity = "production"

        [rule]
        author = ["Elastic"]
        index = ["logs-endpoint.events.process-*"]
        name = "Suspicious Inter-Process Communication via Outlook"
        rule_id = "1dee0500-4aeb-44ca-b24b-4a285d7b6ba1"
        severity = "medium"
        enabled = false
        tags = ["OS: Windows", "Tactic: Collection", "Data Source: Elastic Defend"]
        type = "eql"

        [[rule.threat]]
        framework = "MITRE ATT&CK"
        [[rule.threat.technique]]
        id = "T1114"
        name = "Email Collection"
        [[rule.threat.technique.subtechnique]]
        id = "T1114.001"
        name = "Local Email Collection"

        [rule.threat.tactic]
        name = "Collection"
        reference = "https://attack.mitre.org/tactics/TA0009/"

        [[rule.threat]]
        framework = "MITRE ATT&CK"
        [rule.threat.tactic]
        id = "TA0011"
        name = "Command and Control"
        """

    @Test func readsThreatsMaturityAndSeverity() throws {
        let result = ElasticParser.parse(text: Self.rule, path: "collection.toml")
        #expect(result.issues.isEmpty)
        let rule = try #require(result.rules.first)
        #expect(rule.format == .elastic)
        #expect(rule.line == 6)
        #expect(rule.title == "Suspicious Inter-Process Communication via Outlook")
        #expect(rule.id == "1dee0500-4aeb-44ca-b24b-4a285d7b6ba1")
        #expect(rule.techniqueIDs == ["T1114", "T1114.001"])
        #expect(rule.tactics == ["collection", "command-and-control"])
        #expect(rule.tacticIDs == ["TA0009", "TA0011"])
        #expect(rule.maturity == "production")
        #expect(rule.level == "medium")
        #expect(rule.enabled == false)
        #expect(rule.logSource.indexes == ["logs-endpoint.events.process-*"])
        #expect(rule.logSource.dataSources == ["Elastic Defend", "endpoint"])
    }

    @Test func invalidTOMLIsReportedWithItsLine() throws {
        let text = "[rule]\nname = \"x\"\nseverity = \n"
        let issue = try #require(ElasticParser.parse(text: text, path: "bad.toml").issues.first)
        #expect(issue.path == "bad.toml")
        #expect(issue.line == 3)
        #expect(issue.reason.hasPrefix("invalid TOML: "))
    }

    @Test func aRuleWithNoNameIsAnError() {
        let result = ElasticParser.parse(text: "[metadata]\nmaturity = \"production\"\n\n[rule]\nseverity = \"low\"\n", path: "n.toml")
        #expect(result.rules.isEmpty)
        #expect(result.issues == [RuleIssue(path: "n.toml", line: 4, reason: "rule has no title (rule.name)")])
    }

    @Test func tagsThatAreNotStringsAreWarnings() {
        let result = ElasticParser.parse(text: "[rule]\nname = \"x\"\ntags = [\"a\", 3]\n", path: "t.toml")
        #expect(result.rules.first?.tags == ["a"])
        #expect(result.issues == [RuleIssue(path: "t.toml", line: 1, reason: "rule.tags[1] is not a string; ignored", severity: .warning)])
    }
}

extension ElasticParserTests {
    @Test func validTOMLWithoutARuleTableIsNotARuleButBrokenTOMLIsAnError() {
        guard case .notRules = RuleFormatDetector.parse(text: "[tool]\nname = \"x\"\n", path: "pyproject.toml") else {
            Issue.record("a TOML file without [rule] was read as a rule")
            return
        }
        guard case .parsed(.elastic, let result) = RuleFormatDetector.parse(text: "[tool\n", path: "broken.toml") else {
            Issue.record("broken TOML was skipped")
            return
        }
        #expect(result.issues.first?.line == 1)
    }
}

extension ElasticParserTests {
    @Test func theRuleTableLineIsFoundOnlyOnItsOwnLine() {
        #expect(ElasticParser.ruleTableLine("[metadata]\nx = 1\n\n[rule]\nname = \"a\"\n") == 4)
        #expect(ElasticParser.ruleTableLine("  [rule]  \r\n") == 1)
        #expect(ElasticParser.ruleTableLine("[rule.threat]\n[rules]\nx = \"[rule]\"\n") == nil)
        #expect(ElasticParser.ruleTableLine("[rule]") == 1)
    }
}
