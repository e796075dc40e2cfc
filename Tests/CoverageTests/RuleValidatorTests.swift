import Testing
@testable import Coverage

struct RuleValidatorTests {
    static func rule(_ title: String, _ techniques: [String], tactics: [String] = [], line: Int = 1) -> DetectionRule {
        DetectionRule(format: .sigma, path: "r.yml", line: line, title: title, techniqueIDs: techniques, tactics: tactics)
    }

    @Test func revokedIDsAreReplacedAndUnknownOnesReported() throws {
        let kb = try FixtureKnowledgeBase.make()
        let validation = RuleValidator(knowledgeBase: kb).validate([
            Self.rule("old", ["T1086", "T1027"]),
            Self.rule("new", ["T1685.001", "T1000"], tactics: ["stealth", "execution"], line: 7),
            Self.rule("tactics", [], tactics: ["execution"], line: 9),
        ])
        #expect(validation.rules.map(\.techniqueIDs) == [["T1059.001", "T1027"], ["T1000"], []])
        #expect(validation.rules[0].replacedIDs == ["T1059.001": "T1086"])
        #expect(validation.findings.map(\.description) == [
            "r.yml:1: T1086 was revoked by T1059.001 PowerShell; counted as T1059.001",
            "r.yml:7: T1685.001 is not in ATT&CK 18.1 (a newer release?)",
            "r.yml:7: T1000 is deprecated in ATT&CK 18.1; it is in no current matrix",
            "r.yml:7: tactic 'stealth' is not in ATT&CK 18.1 (a newer release?)",
            "r.yml:9: tagged with tactics only (execution); tactic tags never count as coverage",
        ])
        #expect(validation.ruleCount(.unknown) == 1)
    }
}
