import ATTACK
import Foundation
import Navigator
import TestSupport
import Testing
@testable import Coverage
@testable import Reports

/// The sample fixture: T1059.001 (detected through DET0001 → AN0001 `sysmon` / `1`), T1059,
/// T1027, T1218; APT Test (G0001) uses T1027 and, through campaign C0001, T1059.001.
@Suite("Executive coverage report")
struct CoverageReportTests {
    let kb: KnowledgeBase

    init() throws {
        kb = try FixtureBundle.sample().knowledgeBase(source: "enterprise-attack-18.1.json")
    }

    func record(_ rules: [DetectionRule], quality: RuleQuality? = nil) -> CoverageResult {
        var result = CoverageResult(rules: rules, knowledgeBase: kb)
        result.generated = "2026-01-02T03:04:05Z"
        result.inputs = CoverageResult.Inputs(rules: ["rules/"])
        result.quality = quality
        return result
    }

    static let obfuscation = DetectionRule(format: .sigma, path: "rules/a.yml", line: 1, title: "Packed payload", techniqueIDs: ["T1027"])

    /// The report input for `groups` (none: an empty selection), studied by the library.
    func input(_ result: CoverageResult, groups: [String], date: Date = Date(), heatmap: String? = nil) throws -> CoverageReport.Input {
        let selection = groups.isEmpty
            ? GroupSelection(criterion: .named([]), choices: [])
            : try GroupSelection.choose(.named(groups), galaxy: nil, knowledgeBase: kb)
        let study = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb)
        return CoverageReport.Input(result: result, knowledgeBase: kb, selection: selection, study: study, date: date, heatmapFileName: heatmap)
    }

    @Test func numbersFirstThenSectionsInOrder() throws {
        let quality = RuleQuality(rules: 3, withTechniques: 1, tacticOnly: 1, unknownIDRules: 1, cannotFire: 2)
        let input = try self.input(
            record([Self.obfuscation], quality: quality), groups: ["G0001"], date: Date(timeIntervalSince1970: 1_767_225_600),
            heatmap: "r-heatmap.svg")
        let doc = CoverageReport.document(input)
        #expect(doc.subtitle.first == "ATT&CK Enterprise 18.1 · 2026-01-01")
        guard case .keyFigures(let figures) = doc.blocks.first else {
            Issue.record("the report does not open with key figures")
            return
        }
        #expect(figures.map(\.value) == ["25%", "0%", "75%", "50%"], "1 of 4 detected; APT Test: T1027 of T1027, T1059.001")
        let headings = doc.blocks.compactMap { block -> String? in if case .heading(let h, _) = block { return h } else { return nil } }
        #expect(headings == ["Summary", "Coverage by tactic", "Top 10 blind spots", "Quick wins",
                             "What to collect next", "Exposure by threat group", "The matrix", "Rule quality", "How to read this report"])
        let md = MarkdownWriter.render(doc)
        #expect(md.contains("None: every technique the chosen groups use that is logged is also detected."), "no Logged technique here")
        #expect(md.contains("| 1 | [T1059.001 Command and Scripting Interpreter: PowerShell](https://attack.mitre.org/techniques/T1059/001) | Blind | 1: APT Test | 2 | none listed |"), "\(md)")
        #expect(md.contains("1. Process creation logging (Sysmon Event ID 1) — makes 1 of your adversaries' blind techniques visible, 1 in all (1 after this step); e.g. Command and Scripting Interpreter: PowerShell."), "\(md)")
        #expect(md.contains("| [APT Test (G0001)](https://attack.mitre.org/groups/G0001) | 2 | 50% | 0% | 50% |"))
        #expect(md.contains("- 3 rules read; 1 name techniques."), "\(md)")
        #expect(md.contains("- 2 rules: cannot fire: the log source is not collected; not counted."))
        #expect(md.contains("- 1 rule: tactic tags only (tactic tags never count as coverage)."))
        #expect(md.contains("- 1 rule: naming a technique ATT&CK Enterprise 18.1 does not know (a newer release?); not counted."))
        #expect(md.contains("![Every technique of ATT&CK Enterprise 18.1 by ATT&CK ID"))
        #expect(md.contains("(r-heatmap.svg)"))
        #expect(md.contains("| Execution | 3 | 0 | 0% | 0 | 0% | 3 | 100% |"))
        #expect(md.contains("| All techniques | 4 | 1 | 25% | 0 | 0% | 3 | 75% |"))
    }

    @Test func htmlReportEmbedsTheHeatmap() throws {
        let input = try self.input(record([Self.obfuscation]), groups: ["G0001"])
        let html = HTMLWriter.render(CoverageReport.document(input))
        #expect(html.contains("<svg"))
        #expect(html.contains("Obfuscated Files or Information") || html.contains("T1027"))
        #expect(!html.contains("<script"))
    }

    @Test func heatmapNeverDrawsAParentAsCoveringMoreThanItsSubtechniques() throws {
        let rule = DetectionRule(format: .sigma, path: "r.yml", line: 1, title: "PS", techniqueIDs: ["T1059.001"])
        let analysis = CoverageResult(rules: [rule], knowledgeBase: kb)
        #expect(analysis.technique("T1059")?.state == .blind)
        let layer = try CoverageHeatmap.layer(analysis, knowledgeBase: kb)
        let parent = layer.techniques.first { $0.techniqueID == "T1059" }
        #expect(parent?.score == 0 && parent?.color == CoverageReport.palette[2].color, "a Detected sub-technique does not colour a Blind parent")
        let both = CoverageResult(rules: [DetectionRule(format: .sigma, path: "p.yml", line: 1, title: "CSI", techniqueIDs: ["T1059"])], knowledgeBase: kb)
        let family = try CoverageHeatmap.layer(both, knowledgeBase: kb).techniques.first { $0.techniqueID == "T1059" }
        let weakest = ["T1059", "T1059.001", "T1059.004"].compactMap { both.technique($0)?.state }.max()
        #expect(both.technique("T1059")?.state == .detected && weakest != .detected)
        #expect(family?.score == weakest.map { both.options.scores.score($0) }, "nor does a Detected parent with an undetected sub-technique")
        let svg = try CoverageHeatmap.svg(analysis, knowledgeBase: kb, title: "Coverage")
        #expect(svg.hasPrefix("<?xml"))
    }

    @Test func withoutGroupsTheReportSaysSo() throws {
        let input = try self.input(record([Self.obfuscation]), groups: [])
        let md = MarkdownWriter.render(CoverageReport.document(input))
        #expect(md.contains("No threat groups were chosen, so no gaps are ranked."))
        #expect(md.contains("Process creation logging (Sysmon Event ID 1) — makes 1 blind technique visible (1 after this step)."), "\(md)")
    }

    @Test func aLayerRecordHasNoRuleQuality() throws {
        let layer = try CoverageResult(rules: [Self.obfuscation], knowledgeBase: kb).layer(knowledgeBase: kb).layer
        let data = Data(LayerFile.serialize([layer]).utf8)
        let restored = try CoverageDocument.parse(data, source: "layer.json", knowledgeBase: kb)
        let input = try self.input(restored, groups: ["G0001"])
        let md = MarkdownWriter.render(CoverageReport.document(input))
        #expect(md.contains("Not available: the coverage was read from a layer"))
        #expect(md.contains("| [APT Test (G0001)](https://attack.mitre.org/groups/G0001) | 2 | 50% |"))
    }
}

@Suite("Recommendation sentences")
struct RecommendationTextTests {
    func pick(_ source: String, _ channel: String?, components: [String] = ["Process Creation"]) -> TelemetryRecommendations.Recommendation {
        TelemetryRecommendations.Recommendation(
            source: source, channel: channel, dataComponents: components, newlyVisible: Array(repeating: "T1", count: 57),
            newlyVisibleInFocus: 12, cumulative: 57)
    }

    @Test func namesLogSourcesAsPeopleSayThem() {
        #expect(RecommendationText.sourceName(pick("WinEventLog:Sysmon", "EventCode=1")) == "Sysmon Event ID 1")
        #expect(RecommendationText.sourceName(pick("sysmon", "3, 22")) == "Sysmon Event IDs 3, 22")
        #expect(RecommendationText.sourceName(pick("WinEventLog:Security", "EventCode=4624, 4648")) == "Windows Security Event IDs 4624, 4648")
        #expect(RecommendationText.sourceName(pick("linux:Sysmon", "EventCode=1")) == "Sysmon for Linux Event ID 1")
        #expect(RecommendationText.sourceName(pick("auditd:SYSCALL", "execve")) == "auditd:SYSCALL (execve)")
        #expect(RecommendationText.sourceName(pick("AWS:CloudTrail", nil)) == "AWS:CloudTrail")
    }

    @Test func sentenceInTheIssuesForm() {
        #expect(RecommendationText.sentence(pick("WinEventLog:Sysmon", "EventCode=1"), examples: ["Command and Scripting Interpreter: PowerShell"])
            == "Process creation logging (Sysmon Event ID 1) — makes 12 of your adversaries' blind techniques visible, 57 in all (57 after this step); e.g. Command and Scripting Interpreter: PowerShell.")
        #expect(RecommendationText.sentence(pick("Process Creation", nil, components: []), withGroups: false)
            == "Process creation logging — makes 57 blind techniques visible (57 after this step).")
    }
}
