import Foundation
import STIX
import TestSupport
import Testing

@Suite("rules scan on fixture rules")
struct RulesScanCommandTests {
    let bundle: URL
    let fixtures: CoverageFixtures

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        fixtures = try CoverageFixtures()
    }

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path])
    }

    @Test func listsWhatWasReadAndEveryProblemWithPathAndLine() throws {
        let rules = try fixtures.mixedRules()
        let r = try ttpkit(["rules", "scan", rules, "--limit", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        let out = r.stdout
        #expect(out.contains("sigma   "), "a row per format")
        #expect(out.contains("sentinel  1      1"))
        #expect(out.contains("csv       1      1"))
        #expect(out.contains("rules/use-cases.csv:3: rule has no title"))
        #expect(out.contains("rules/good/old_tag.yml:9: T1086 was revoked by T1059.001 PowerShell; counted as T1059.001"))
        #expect(out.contains("rules/newer/impair.yml:10: T1685 is not in ATT&CK 18.1 (a newer release?)"))
        #expect(out.contains("rules/newer/deprecated_id.yml:9: T1999 is deprecated in ATT&CK 18.1"))
        #expect(out.contains("rules/newer/tactic_only.yml:1: tagged with tactics only (execution)"))
        #expect(out.contains("rules/bad/invalid.yml:"), "invalid YAML with its line")
        #expect(out.contains("rules/bad/no_title.yml:1: rule has no title"))
        #expect(out.contains("rules/bad/tags_not_strings.yml:"))
        #expect(out.contains("rules/bad/broken.toml:"), "invalid TOML with its line")
        #expect(out.contains("rules/bad/binary.yml: binary file, not detection content"))
        #expect(r.stderr.contains("ttpkit: warning: revoked technique IDs in 1 rule; counted as their replacements"))
        #expect(r.stderr.contains("ttpkit: hint: IDs not in ATT&CK 18.1 may be from a newer release: `ttpkit data update` fetches it"),
                "the CLI, not the library, names the command")
        #expect(r.stderr.contains("ttpkit: read 9 rules from"))
    }

    @Test func jsonCountsEverything() throws {
        let rules = try fixtures.mixedRules()
        let r = try ttpkit(["rules", "scan", rules, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        let summary = try #require(j["summary"])
        #expect(summary["rules"]?.doubleValue == 9)
        #expect(summary["rules_per_format"]?["sentinel"]?.doubleValue == 1)
        #expect(summary["rules_per_format"]?["csv"]?.doubleValue == 1)
        #expect(summary["revoked_id_rules"]?.doubleValue == 1)
        #expect(summary["deprecated_id_rules"]?.doubleValue == 1)
        #expect(summary["unknown_id_rules"]?.doubleValue == 1)
        #expect(summary["tactic_only"]?.doubleValue == 1)
        #expect(summary["failures"]?.doubleValue == 5, "invalid YAML, no title (Sigma and CSV), invalid TOML, binary")
        #expect((summary["warnings"]?.doubleValue ?? 0) >= 1, "a tag that is not a string")
        #expect(summary["skipped_files"]?.doubleValue == 1, "README.md")
        let old = try #require(j["rules"]?.arrayValue?.first { $0["title"]?.stringValue == "Old PowerShell Tag" })
        #expect(old["techniques"]?.stringArray == ["T1059.001"])
        #expect(old["tagged_techniques"]?.stringArray == ["T1086"])
        #expect(j["issues"]?.arrayValue?.allSatisfy { $0["path"]?.stringValue?.isEmpty == false } == true)
    }

    @Test func csvHasARowPerRuleAndPerFailedFile() throws {
        let rules = try fixtures.mixedRules()
        let r = try ttpkit(["rules", "scan", rules, "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\r\n")
        #expect(lines.first == "path,line,format,title,status,level,techniques,tactics,problems")
        #expect(lines.contains { $0.contains("binary.yml") && $0.contains("error: binary file") })
        #expect(lines.contains { $0.contains("old_tag.yml") && $0.contains(",T1059.001,") })
    }

    @Test func nothingUsableExitsTwoAfterListingTheFailures() throws {
        try fixtures.write("only-bad/invalid.yml", "title: [\n")
        try fixtures.write("only-bad/blob.yaml", Data([0, 1, 2, 3]))
        let r = try ttpkit(["rules", "scan", fixtures.path("only-bad")])
        #expect(r.status == 2)
        #expect(r.stdout.contains("invalid.yml:"))
        #expect(r.stdout.contains("blob.yaml: binary file"))
        #expect(r.stderr.hasSuffix("\n"))
        let errors = r.stderr.split(separator: "\n").filter { $0.hasPrefix("ttpkit: error: ") }
        #expect(errors.count == 1)
        #expect(errors.first?.contains("no detection rule could be read") == true)
    }

    @Test func aMissingPathIsReportedAndTheRestIsRead() throws {
        let rules = try fixtures.mixedRules()
        let r = try ttpkit(["rules", "scan", rules + "/good", fixtures.path("missing")])
        #expect(r.status == 0)
        #expect(r.stdout.contains("missing: no such file or directory"))
    }
}
