import ATTACK
import Coverage
import Foundation
import Reports
import TestSupport
import Testing

/// The three shared corpora against Enterprise 18.1: the coverage file round trip and the
/// report for real groups.
@Suite("Coverage report on the shared corpora", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct SharedCorpusReportTests {
    static let corpora = ["sigma/rules", "elastic/rules/windows", "splunk/detections/endpoint"]
        .map { SharedData.corpora.appendingPathComponent($0).path }

    @Test func threeCorporaRoundTripAndReport() async throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let scan = await RuleScanner().scan(Self.corpora)
        #expect(scan.report.rulesPerFormat == [.sigma: 3141, .elastic: 487, .splunk: 1175])
        #expect(scan.report.failures == 0)
        let telemetry = TelemetryInventory.load(path: SharedData.packageRoot.appendingPathComponent("examples/telemetry.yaml").path)
        var analysis = CoverageResult(rules: scan.rules, telemetry: telemetry, knowledgeBase: kb)
        #expect(analysis.issues.filter { $0.severity == .error }.isEmpty, "the shipped example names only known components")
        analysis.quality = RuleQuality(scan: scan, result: analysis)
        analysis.issues = scan.issues + analysis.issues
        let data = Data(CoverageDocument.jsonValue(analysis, knowledgeBase: kb).serialized().utf8)
        let restored = try CoverageDocument.parse(data, source: "all.json", knowledgeBase: kb)
        #expect(restored.notes.isEmpty)
        // Compared in summary: restored rules keep title, path, line, level and status only.
        func summary(_ a: CoverageResult) -> [String] {
            a.techniques.map { "\($0.techniqueID) \($0.state) \($0.score) \($0.rules.map(\.rule.title)) \($0.telemetry.map(\.line))" }
        }
        #expect(summary(restored) == summary(analysis))
        #expect(restored.quality == analysis.quality)

        let selection = try GroupSelection.choose(.named(["APT29", "FIN7"]), galaxy: nil, knowledgeBase: kb)
        let study = ThreatCoverage(coverage: restored, profiles: selection.profiles(kb), knowledgeBase: kb)
        let input = CoverageReport.Input(result: restored, knowledgeBase: kb, selection: selection, study: study)
        let md = MarkdownWriter.render(CoverageReport.document(input))
        let detected = analysis.count(.detected)
        let expected = "- \(ReportText.count(detected)) of 691 techniques (\(ReportText.percent(detected, of: 691))) are detected"
        #expect(md.contains(expected), "\(md.prefix(1200))")
        #expect(md.contains("| [APT29 (G0016)](https://attack.mitre.org/groups/G0016) |"))
        #expect(md.contains("of your adversaries' blind techniques visible"))
        let html = HTMLWriter.render(CoverageReport.document(input))
        #expect(html.contains("<svg") && !html.contains("<script"))
    }

    /// SigmaHQ + the example telemetry, APT29 and FIN7: the blind spots a manager reads are the
    /// gaps (not Detected), none happens before the compromise, and the first thing to collect
    /// helps a chosen group.
    @Test func blindSpotsAreBlindInsideTheNetworkAndTheFirstPickHelpsTheGroups() async throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let scan = await RuleScanner().scan([Self.corpora[0]])
        let telemetry = TelemetryInventory.load(path: SharedData.packageRoot.appendingPathComponent("examples/telemetry.yaml").path)
        var result = CoverageResult(rules: scan.rules, telemetry: telemetry, knowledgeBase: kb)
        result.quality = RuleQuality(scan: scan, result: result)
        let selection = try GroupSelection.choose(.named(["APT29", "FIN7"]), galaxy: nil, knowledgeBase: kb)
        let study = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb)
        let pre = kb.preCompromise()
        #expect(pre.tactics.count == 2, "Reconnaissance and Resource Development, read from the release")
        let top = study.gaps.prefix(10)
        #expect(!top.isEmpty)
        for gap in top {
            #expect(result.state(gap.techniqueID) == gap.state && gap.state != .detected, "\(gap.techniqueID) is \(gap.state)")
            let object = kb.objects(attackID: gap.techniqueID).first(where: \.isActive)
            #expect(object.map { !pre.contains($0) } == true, "\(gap.techniqueID) is pre-compromise")
        }
        let wins = Set(study.quickWins.map(\.techniqueID))
        #expect(top.filter { $0.state == .logged }.allSatisfy { wins.contains($0.techniqueID) }, "a Logged gap is a quick win")
        #expect(study.preCompromiseGaps.contains { $0.techniqueID == "T1583.001" }, "Acquire Infrastructure: Domains is watched apart")
        let first = try #require(study.recommendations.first)
        #expect(first.newlyVisibleInFocus >= 1, "\(first)")
        #expect(!first.newlyVisible.contains { id in kb.objects(attackID: id).first.map(pre.contains) ?? false })

        let input = CoverageReport.Input(result: result, knowledgeBase: kb, selection: selection, study: study)
        let html = HTMLWriter.render(CoverageReport.document(input))
        let paths = html.components(separatedBy: SharedData.corpora.path).dropFirst().map { String($0.prefix(80)) }
        #expect(paths.isEmpty, "no local paths in the report: \(paths.prefix(3))")
        #expect(html.contains("stealth and defense-impairment are ATT&amp;CK v19"))
        #expect(html.contains("<a href=\"https://attack.mitre.org/techniques/"))
        #expect(html.contains("@media print") && html.contains("class=\"own-page\""))
    }
}
