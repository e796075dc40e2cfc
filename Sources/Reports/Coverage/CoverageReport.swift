import ATTACK
import Coverage
import Foundation

/// The executive coverage report: coverage by tactic, the blind spots that matter for the
/// chosen threat groups, what to collect next, each group's exposure, the heatmap, rule-quality
/// findings, the ATT&CK release and the date. Written for a manager: numbers first, short
/// sentences.
///
/// ```swift
/// let study = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb)
/// let input = CoverageReport.Input(result: result, knowledgeBase: kb, selection: selection, study: study)
/// let document = CoverageReport.document(input)
/// try HTMLWriter.render(document).write(...)
/// ```
public enum CoverageReport {
    /// Everything the report is made of: the coverage and the study of it for the chosen
    /// groups, both computed by the Coverage library; the report adds words, not numbers.
    public struct Input: Sendable {
        /// The coverage (computed or read back), aligned to `knowledgeBase`.
        public var result: CoverageResult
        /// The release the report speaks of.
        public var knowledgeBase: KnowledgeBase
        /// The chosen threat groups and why.
        public var selection: GroupSelection
        /// Gaps, quick wins, exposure and recommendations for them.
        public var study: ThreatCoverage
        /// How many gaps to list.
        public var top: Int
        /// The report date.
        public var date: Date
        /// The title.
        public var title: String
        /// Where the Markdown version expects the heatmap SVG (beside the report), if written.
        public var heatmapFileName: String?

        /// Creates the input.
        public init(
            result: CoverageResult, knowledgeBase: KnowledgeBase, selection: GroupSelection, study: ThreatCoverage,
            top: Int = 10, date: Date = Date(), title: String = "Detection coverage report", heatmapFileName: String? = nil
        ) {
            self.result = result
            self.knowledgeBase = knowledgeBase
            self.selection = selection
            self.study = study
            self.top = top
            self.date = date
            self.title = title
            self.heatmapFileName = heatmapFileName
        }
    }

    /// Assembles the report.
    public static func document(_ input: Input) -> ReportDocument {
        let kb = input.knowledgeBase
        let release = "ATT&CK \(kb.domain.displayName) \(input.result.release ?? "(unknown release)")"
        var doc = ReportDocument(title: input.title, subtitle: subtitle(input, release: release))
        var provenance = Provenance(knowledgeBase: kb)
        provenance.files += input.selection.provenanceFiles
        provenance.add("groups", input.selection.choices.map(\.group.attackID).joined(separator: ","))
        provenance.add("include_pre_compromise", String(input.study.includesPreCompromise))
        provenance.add("top", String(input.top))
        doc.provenance = provenance
        let builder = Builder(input: input, release: release)
        builder.summary(into: &doc)
        builder.byTactic(into: &doc)
        builder.blindSpots(into: &doc)
        builder.quickWins(into: &doc)
        builder.preCompromise(into: &doc)
        builder.waived(into: &doc)
        builder.recommendations(into: &doc)
        builder.exposure(into: &doc)
        builder.heatmap(into: &doc)
        builder.ruleQuality(into: &doc)
        builder.about(into: &doc)
        return doc
    }

    static func subtitle(_ input: Input, release: String) -> [String] {
        var lines = ["\(release) · \(ReportText.day(input.date))"]
        var sources: [String] = []
        if let q = input.result.quality { sources.append("\(ReportText.plural(q.rules, "rule")) read") }
        // Folder and file names only: a report travels, the paths of the machine that made it do not.
        if !input.result.inputs.rules.isEmpty { sources.append("from " + ReportText.list(input.result.inputs.rules.map(ReportText.fileName))) }
        if let telemetry = input.result.inputs.telemetry { sources.append("telemetry: \(ReportText.fileName(telemetry))") }
        if !sources.isEmpty { lines.append(sources.joined(separator: " · ")) }
        lines.append("Threat groups: \(input.selection.label) (\(input.selection.choices.count))")
        return lines
    }
}
