import ATTACK
import Foundation
import STIX
import TestSupport
import Testing
@testable import Coverage

/// SARIF that GitHub code scanning accepts: every artifact URI relative to the repository root
/// (`%SRCROOT%`), rule findings at the rule's file and line, gaps at their waiver or targets line.
struct SARIFTests {
    /// A checkout at `repo` (with a `.git` folder): rules under `rules/`, the waivers file at the top.
    struct Checkout {
        let folder: TemporaryFolder
        var repo: String { folder.path + "/repo" }

        init() throws {
            folder = try TemporaryFolder(["repo/.git/HEAD": "ref: refs/heads/main\n", "repo/rules/win/proxy.yml": "title: x\n",
                                          "repo/waivers.yaml": GapListTests.waivers])
        }
    }

    @Test func theRootIsTheGitTopLevelOfTheRulesFolderElseTheCurrentFolder() throws {
        let checkout = try Checkout()
        defer { checkout.folder.remove() }
        let root = SARIFRoot.locate(rules: "win", currentDirectory: checkout.repo + "/rules")
        #expect(root.directory == checkout.repo)
        #expect(root.uri("win/proxy.yml") == "rules/win/proxy.yml")
        #expect(root.uri(checkout.repo + "/./rules/../waivers.yaml") == "waivers.yaml")
        #expect(root.uri(checkout.folder.path + "/other/my rule.yml") == "../other/my%20rule.yml")
        #expect(root.uri(checkout.repo) == ".")
        let plain = SARIFRoot.locate(rules: checkout.folder.path + "/elsewhere", currentDirectory: checkout.folder.path)
        #expect(plain.directory == checkout.folder.path, "no .git above: the current folder")
        let explicit = SARIFRoot.locate(explicit: "repo/rules", rules: checkout.repo, currentDirectory: checkout.folder.path)
        #expect(explicit.uri("repo/rules/win/proxy.yml") == "win/proxy.yml")
    }

    @Test func everyURIIsRelativeAndFindingsPointAtRulesTargetsAndWaivers() throws {
        let checkout = try Checkout()
        defer { checkout.folder.remove() }
        let kb = try FixtureBundle.sample(preCompromise: true).knowledgeBase()
        let rules = [
            DetectionRule(format: .sigma, path: checkout.repo + "/rules/win/proxy.yml", line: 1, title: "Proxy", techniqueIDs: ["T1218"]),
            DetectionRule(format: .sigma, path: checkout.repo + "/rules/win/old.yml", line: 4, title: "Old", techniqueIDs: ["T1999"]),
        ]
        let telemetry = TelemetryInventory.parse(text: "- name: sysmon\n  channel: 1\n", path: "telemetry.yaml")
        var coverage = CoverageResult(rules: rules, telemetry: telemetry, knowledgeBase: kb)
        coverage.issues = [RuleIssue(path: checkout.repo + "/rules/win/broken.yml", line: 7, reason: "invalid YAML: mapping values are not allowed")]
        let selection = try GroupSelection.choose(.named(["APT Test", "Other Group"]), galaxy: nil, knowledgeBase: kb)
        let waivers = try WaiverFile.load(checkout.repo + "/waivers.yaml", knowledgeBase: kb)
        let gates = GateConfiguration(requiredTechniques: .groups(selection, knowledgeBase: kb), waivers: waivers, asOf: try #require(CalendarDay("2026-03-01")))
        let result = try GateEvaluator.evaluate(coverage, gates: gates, knowledgeBase: kb)
        let root = SARIFRoot.locate(rules: checkout.repo + "/rules", currentDirectory: checkout.folder.path)
        let context = GateReportContext(defaultArtifact: checkout.repo + "/rules", root: root)
        let sarif = try JSONValue.parse(Array(SARIFReport.render(result, coverage: coverage, context: context).utf8))
        let run = try #require(sarif["runs"]?[0])
        #expect(run["originalUriBaseIds"]?["%SRCROOT%"]?["description"]?["text"]?.stringValue?.isEmpty == false)
        #expect(run["originalUriBaseIds"]?["%SRCROOT%"]?["uri"] == nil, "no path of this machine in the log")
        let results = try #require(run["results"]?.arrayValue)

        func located(_ item: JSONValue) -> String {
            let physical = item["locations"]?[0]?["physicalLocation"]
            return "\(physical?["artifactLocation"]?["uri"]?.stringValue ?? "?"):\(physical?["region"]?["startLine"]?.doubleValue.map { Int($0) } ?? 0)"
        }
        let summary = results.map { "\($0["ruleId"]?.stringValue ?? "") \($0["level"]?.stringValue ?? "") \(located($0))" }
        #expect(summary == [
            "coverage-gap error waivers.yaml:6",  // T1059.001: not detected, its waiver expired
            "coverage-gap note waivers.yaml:2",  // T1027: waived
            "coverage-waiver-expired warning waivers.yaml:6",
            "coverage-waiver-unused note waivers.yaml:10",
            "rule-deprecated warning rules/win/old.yml:4",
            "rule-unreadable error rules/win/broken.yml:7",
        ])
        for item in results {
            let location = item["locations"]?[0]?["physicalLocation"]?["artifactLocation"]
            #expect(location?["uriBaseId"] == "%SRCROOT%")
            #expect(location?["uri"]?.stringValue?.hasPrefix("/") == false)
            #expect(location?["uri"]?.stringValue?.contains(checkout.folder.path) == false)
        }
        let waived = results[1]
        #expect(waived["suppressions"]?[0]?["kind"] == "external")
        #expect(waived["suppressions"]?[0]?["status"] == "accepted")
        #expect(waived["suppressions"]?[0]?["justification"] == "noisy on build servers (owner: soc, expires: 2026-06-30)")
        #expect(waived["partialFingerprints"]?["ttpkitGate/v1"] == "fail-on-gaps:T1027", "the same alert as when it was a gap")
        #expect(run["properties"]?["preCompromise"] == ["T1583.001"])
        let ruleIDs = run["tool"]?["driver"]?["rules"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
        for item in results { #expect(ruleIDs.contains(item["ruleId"]?.stringValue ?? "")) }
        for item in results {
            let index = Int(item["ruleIndex"]?.doubleValue ?? -1)
            #expect(ruleIDs.indices.contains(index) && ruleIDs[index] == item["ruleId"]?.stringValue)
        }
    }
}
