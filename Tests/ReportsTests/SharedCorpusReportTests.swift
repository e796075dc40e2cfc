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
        let analysis = CoverageAnalysis(rules: scan.rules, telemetry: telemetry, knowledgeBase: kb)
        #expect(analysis.telemetryIssues.filter { $0.severity == .error }.isEmpty, "the shipped example names only known components")
        let record = CoverageRecord(analysis: analysis, domain: .enterprise, quality: RuleQuality(scan: scan, analysis: analysis), issues: scan.issues)
        let data = Data(CoverageFile.jsonValue(record, knowledgeBase: kb).serialized().utf8)
        let restored = try CoverageFile.parse(data, source: "all.json", knowledgeBase: kb)
        #expect(restored.notes.isEmpty)
        // Compared in summary: restored rules keep title, path, line, level and status only.
        func summary(_ a: CoverageAnalysis) -> [String] {
            a.techniques.map { "\($0.techniqueID) \($0.state) \($0.score) \($0.rules.map(\.rule.title)) \($0.telemetry.map(\.line))" }
        }
        #expect(summary(restored.analysis) == summary(analysis))
        #expect(restored.quality == record.quality)

        let groups = try ["APT29", "FIN7"].map { CoverageReport.ChosenGroup(group: try kb.resolve($0, kind: .group).object) }
        let input = CoverageReport.Input(record: restored, knowledgeBase: kb, groups: groups, selection: "APT29, FIN7")
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
