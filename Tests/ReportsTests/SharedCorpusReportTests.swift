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
        #expect(md.contains("| APT29 (G0016) |"))
        #expect(md.contains("1. Enable ") || md.contains("1. Collect "))
        let html = HTMLWriter.render(CoverageReport.document(input))
        #expect(html.contains("<svg") && !html.contains("<script"))
    }
}
