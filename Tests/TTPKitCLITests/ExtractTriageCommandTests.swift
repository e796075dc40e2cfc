import Foundation
import STIX
import TestSupport
import Testing

/// `ttpkit extract` for triage (issue 21): the table by tactic with lines and short evidence,
/// `--all`, `--format csv` and `--format stix`, IDs of another domain.
@Suite("Extract: triage formats")
struct ExtractTriageCommandTests {
    let bundle: URL

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
    }

    func ttpkit(_ args: [String], stdin: String? = nil) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path, "--no-learned"], stdin: stdin)
    }

    static let report = "Intro.\n\nAPT Test staged its tools, then ran T1218 on each host.\nLater they packed payloads with T1027.\n=cmd|' /C calc'!A0 EvilTool\n"

    @Test func tableListsTechniquesByTacticWithLinesAndShortEvidence() throws {
        let r = try ttpkit(["extract", "-"], stdin: Self.report)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.split(separator: " ", omittingEmptySubsequences: true) == ["tactic", "id", "name", "confidence", "via", "line", "evidence"])
        let t1218 = try #require(lines.first { $0.contains("T1218") })
        #expect(t1218.hasPrefix("Execution "), "listed under its first tactic in matrix order: \(t1218)")
        #expect(t1218.contains(" 3  [also Defense Evasion] APT Test staged its tools, then ran T1218 on each host."))
        let t1027 = try #require(lines.first { $0.contains("T1027") })
        #expect(t1027.hasPrefix("Defense Evasion "))
        #expect(t1027.contains(" 4  Later they packed payloads with T1027."))
        #expect(lines.contains { $0.hasPrefix("Groups ") && $0.contains("G0001") })
        #expect(lines.allSatisfy { $0.count < 300 }, "no whole paragraphs")
    }

    @Test func csvHasAHeaderAndIsSafeToOpenInASpreadsheet() throws {
        let r = try ttpkit(["extract", "-", "--format", "csv"], stdin: Self.report)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.components(separatedBy: "\r\n")
        #expect(rows.first == "id,name,type,tactic,other_tactics,confidence,below_threshold,found_by,line,evidence")
        #expect(rows.contains("T1218,System Binary Proxy Execution,technique,Execution,Defense Evasion,1.000,false,id,3,\"APT Test staged its tools, then ran T1218 on each host.\""))
        let tool = try #require(rows.first { $0.hasPrefix("S0001,") })
        #expect(tool.hasSuffix(",5,'=cmd|' /C calc'!A0 EvilTool"), "a formula is neutralised: \(tool)")
    }

    @Test func stixBundleIsWrittenAtomicallyAndIsTheSameForTheSameReport() throws {
        let input = try CommandRunner.temporaryFile("apt-report.txt", Self.report)
        let out = input.deletingLastPathComponent().appendingPathComponent("apt-report.stix.json")
        let r = try ttpkit(["extract", input.path, "--format", "stix", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let first = try Data(contentsOf: out)
        let json = try JSONValue.parse(Array(first))
        let objects = json["objects"]?.arrayValue ?? []
        let report = try #require(objects.first { $0["type"]?.stringValue == "report" })
        #expect(report["name"]?.stringValue == "apt-report.txt")
        let refs = Set(report["object_refs"]?.stringArray ?? [])
        let patterns = objects.filter { $0["type"]?.stringValue == "attack-pattern" }
        #expect(Set(patterns.compactMap { $0["id"]?.stringValue }).isSubset(of: refs) && patterns.count == 2)
        #expect(objects.contains { $0["type"]?.stringValue == "intrusion-set" && refs.contains($0["id"]?.stringValue ?? "") })
        #expect(objects.contains { $0["type"]?.stringValue == "malware" && $0["is_family"]?.boolValue == true })
        #expect(try ttpkit(["extract", input.path, "--format", "stix", "-o", out.path]).status == 0)
        #expect(try Data(contentsOf: out) == first, "deterministic")
        let named = try ttpkit(["extract", input.path, "--format", "stix", "--name", "APT report", "--published", "2024-05-01"])
        let namedReport = try JSONValue.parse(Array(named.stdout.utf8))["objects"]?.arrayValue?.first { $0["type"]?.stringValue == "report" }
        #expect(namedReport?["name"]?.stringValue == "APT report" && namedReport?["published"]?.stringValue == "2024-05-01T00:00:00.000Z")
        #expect(namedReport?["id"] == report["id"], "the id comes from the report's text")
        let bad = try ttpkit(["extract", input.path, "--format", "stix", "--published", "May 1st"])
        #expect(bad.status == 2 && bad.stderr.contains("--published"))
        let nothing = try ttpkit(["extract", "-", "--format", "stix", "-o", out.path + ".none"], stdin: "Nothing here.")
        #expect(nothing.status == 2 && nothing.stderr.hasPrefix("ttpkit: error: standard input: no techniques"))
        #expect(!FileManager.default.fileExists(atPath: out.path + ".none"))
    }

    @Test func allListsWhatTheCutOffDropsInParentheses() throws {
        let text = "APT Test ran obfuscated files or information, then T1059.001."
        let cut = try InProcess.run(["extract", "-", "--min-confidence", "0.95", "--data", bundle.path], stdin: text)
        #expect(cut.status == 0, "\(cut.stderr)")
        #expect(cut.stdout.contains("T1059.001") && !cut.stdout.contains("T1027"))
        let all = try InProcess.run(["extract", "-", "--min-confidence", "0.95", "--all", "--data", bundle.path], stdin: text)
        let t1027 = try #require(all.stdout.split(separator: "\n").first { $0.contains("T1027") })
        #expect(t1027.contains("(0.90)"))
        #expect(all.stderr.contains("ttpkit: note: --all: a confidence in parentheses is under the 0.95 cut-off"))
        let json = try InProcess.run(["extract", "-", "--min-confidence", "0.95", "--all", "--format", "json", "--data", bundle.path], stdin: text)
        let findings = try JSONValue.parse(Array(json.stdout.utf8))["findings"]?.arrayValue ?? []
        #expect(findings.first { $0["id"]?.stringValue == "T1027" }?["below_threshold"]?.boolValue == true)
        // The layer keeps the cut-off.
        let layer = try InProcess.run(["extract", "-", "--min-confidence", "0.95", "--all", "--format", "layer", "--data", bundle.path], stdin: text)
        let ids = (try JSONValue.parse(Array(layer.stdout.utf8))["techniques"]?.arrayValue ?? []).compactMap { $0["techniqueID"]?.stringValue }
        #expect(ids.contains("T1059.001") && !ids.contains("T1027"))
    }

    @Test func aMobileIDInAnEnterpriseRunIsSaidToBeOne() throws {
        let r = try ttpkit(["extract", "-", "--format", "json"], stdin: "The app used T1626.001 and T0866, and T1027.")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("ttpkit: warning: T1626.001 is a Mobile ATT&CK ID, not in Enterprise ATT&CK"))
        #expect(r.stderr.contains("ttpkit: warning: T0866 is an ICS ATT&CK ID, not in Enterprise ATT&CK"))
        #expect(!r.stderr.contains("T1626.001 is not in") && !r.stderr.contains("newer release"))
        let warnings = try JSONValue.parse(Array(r.stdout.utf8))["warnings"]?.arrayValue ?? []
        #expect(warnings.count == 2)
    }
}
