import Testing
@testable import Coverage

struct SigmaParserTests {
    static let rule = """
        title: Whoami Execution
        id: e28a5a99-da44-436d-b7a0-2afc20a5f413
        status: test
        tags:
            - attack.discovery
            - attack.T1033
            - attack.defense_evasion
            - attack.g0016
            - attack.s0154
            - cve.2021-44228
        logsource:
            category: process_creation
            product: Windows
        detection:
            selection:
                Image|endswith: '\\whoami.exe'
            condition: selection
        level: High
        """

    @Test func readsTagsStatusLevelAndLogsource() throws {
        let result = SigmaParser.parse(text: Self.rule, path: "rules/whoami.yml")
        #expect(result.issues.isEmpty)
        let rule = try #require(result.rules.first)
        #expect(rule.format == .sigma)
        #expect(rule.title == "Whoami Execution")
        #expect(rule.id == "e28a5a99-da44-436d-b7a0-2afc20a5f413")
        #expect(rule.line == 1)
        #expect(rule.status == "test")
        #expect(rule.level == "high")
        #expect(rule.techniqueIDs == ["T1033"])
        #expect(rule.tactics == ["discovery", "defense-evasion"])
        #expect(rule.groupIDs == ["G0016"])
        #expect(rule.softwareIDs == ["S0154"])
        #expect(rule.tags.count == 6)
        #expect(rule.logSource == RuleLogSource(product: "windows", category: "process_creation"))
    }

    @Test func rulesInADeprecatedFolderAreDeprecated() throws {
        let result = SigmaParser.parse(text: Self.rule, path: "sigma/deprecated/windows/whoami.yml")
        #expect(result.rules.first?.status == "deprecated")
        #expect(result.rules.first?.isDeprecated == true)
    }

    @Test func unsupportedStatusCountsAsDeprecated() throws {
        let text = Self.rule.replacingOccurrences(of: "status: test", with: "status: unsupported")
        let rule = try #require(SigmaParser.parse(text: text, path: "x.yml").rules.first)
        #expect(rule.status == "unsupported")
        #expect(rule.isDeprecated)
    }

    @Test func multiDocumentFilesGiveOneRulePerDocumentWithItsLine() {
        let text = """
            title: First
            tags: [attack.t1059]
            logsource: {product: windows}
            detection: {sel: {a: b}, condition: sel}
            ---
            title: Second
            tags: [attack.t1106]
            logsource: {product: linux}
            detection: {sel: {a: b}, condition: sel}
            """
        let result = SigmaParser.parse(text: text, path: "c.yml")
        #expect(result.rules.map(\.title) == ["First", "Second"])
        #expect(result.rules.map(\.line) == [1, 6])
        #expect(result.rules.map(\.techniqueIDs) == [["T1059"], ["T1106"]])
    }

    @Test func globalActionIsMergedIntoEveryLaterDocument() {
        let text = """
            action: global
            title: Suspicious Service
            tags:
                - attack.persistence
                - attack.t1543.003
            detection:
                condition: selection
            level: high
            ---
            logsource:
                product: windows
                service: system
            detection:
                selection: {EventID: 7045}
            ---
            logsource:
                product: windows
                service: security
            detection:
                selection: {EventID: 4697}
            level: medium
            ---
            action: repeat
            logsource:
                service: sysmon
            """
        let result = SigmaParser.parse(text: text, path: "collection.yml")
        #expect(result.issues.isEmpty)
        #expect(result.rules.count == 3)
        #expect(result.rules.allSatisfy { $0.title == "Suspicious Service" && $0.techniqueIDs == ["T1543.003"] })
        #expect(result.rules.map(\.logSource.service) == ["system", "security", "sysmon"])
        #expect(result.rules.map(\.level) == ["high", "medium", "medium"])
        #expect(result.rules.map(\.line) == [10, 16, 23])
    }

    @Test func aRuleWithNoTitleIsAnErrorAtItsLine() {
        let text = """
            title: Good
            logsource: {product: windows}
            ---
            id: 1
            logsource: {product: windows}
            """
        let result = SigmaParser.parse(text: text, path: "rules/untitled.yml")
        #expect(result.rules.map(\.title) == ["Good"])
        #expect(result.issues == [RuleIssue(path: "rules/untitled.yml", line: 4, reason: "rule has no title")])
    }

    @Test func tagsThatAreNotStringsAreReportedWithTheirLine() throws {
        let text = """
            title: Odd Tags
            logsource: {product: windows}
            tags:
                - attack.t1059
                - 42
                - [attack.t1106]
                - true
            """
        let result = SigmaParser.parse(text: text, path: "odd.yml")
        #expect(result.rules.first?.techniqueIDs == ["T1059"])
        #expect(result.issues.map(\.line) == [5, 6, 7])
        #expect(result.issues.allSatisfy { $0.severity == .warning && $0.path == "odd.yml" })
        #expect(result.issues.first?.reason == "tags[1] is not a string (an integer); ignored")
    }

    @Test func invalidYAMLIsReportedWithItsLine() throws {
        let text = """
            title: Broken
            logsource:
                product: windows
              category: [unclosed
            """
        let result = SigmaParser.parse(text: text, path: "broken.yml")
        #expect(result.rules.isEmpty)
        let issue = try #require(result.issues.first)
        #expect(issue.path == "broken.yml")
        #expect(issue.line == 4)
        #expect(issue.reason.hasPrefix("invalid YAML: "))
    }
}
