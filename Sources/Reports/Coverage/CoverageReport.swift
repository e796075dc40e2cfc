import ATTACK
import Coverage
import Foundation

/// The executive coverage report: coverage by tactic, the blind spots that matter for the
/// chosen threat groups, what to collect next, each group's exposure, the heatmap, rule-quality
/// findings, the ATT&CK release and the date. Written for a manager: numbers first, short
/// sentences.
///
/// ```swift
/// let input = CoverageReport.Input(record: record, knowledgeBase: kb, groups: chosen, selection: "APT29, FIN7")
/// let document = CoverageReport.document(input)
/// try HTMLWriter.render(document).write(...)
/// ```
public enum CoverageReport {
    /// A chosen group and, when chosen by sector, why.
    public struct ChosenGroup: Sendable, Hashable {
        /// The ATT&CK group.
        public var group: AttackObject
        /// Why it was chosen, or nil when it was named.
        public var reason: String?

        /// Creates a choice.
        public init(group: AttackObject, reason: String? = nil) {
            self.group = group
            self.reason = reason
        }
    }

    /// Everything the report is made of.
    public struct Input: Sendable {
        /// The coverage (computed or read back).
        public var record: CoverageRecord
        /// The release the report speaks of.
        public var knowledgeBase: KnowledgeBase
        /// The chosen threat groups.
        public var groups: [ChosenGroup]
        /// How the groups were chosen, for the subtitle: "APT29, FIN7", "targeting Financial".
        public var selection: String
        /// How many gaps to list.
        public var top: Int
        /// How many recommendations to list.
        public var recommendationLimit: Int
        /// The report date.
        public var date: Date
        /// The title.
        public var title: String
        /// Where the Markdown version expects the heatmap SVG (beside the report), if written.
        public var heatmapFileName: String?
        /// Atomic Red Team tests for the quick wins, when given.
        public var atomics: AtomicIndex?

        /// Creates the input; gaps and recommendations are computed from it.
        public init(
            record: CoverageRecord, knowledgeBase: KnowledgeBase, groups: [ChosenGroup], selection: String,
            top: Int = 10, recommendationLimit: Int = 5, date: Date = Date(), title: String = "Detection coverage report",
            heatmapFileName: String? = nil, atomics: AtomicIndex? = nil
        ) {
            self.atomics = atomics
            self.record = record
            self.knowledgeBase = knowledgeBase
            self.groups = groups
            self.selection = selection
            self.top = top
            self.recommendationLimit = recommendationLimit
            self.date = date
            self.title = title
            self.heatmapFileName = heatmapFileName
        }
    }

    /// Assembles the report.
    public static func document(_ input: Input) -> ReportDocument {
        let kb = input.knowledgeBase
        let analysis = input.record.analysis
        let gaps = GapAnalysis(coverage: analysis, groups: input.groups.map(\.group), knowledgeBase: kb)
        let picks = TelemetryRecommendations(
            coverage: analysis, knowledgeBase: kb, focus: gaps.chosenTechniques, limit: input.recommendationLimit)
        let release = "ATT&CK \(kb.domain.displayName) \(analysis.release ?? "(unknown release)")"
        var doc = ReportDocument(title: input.title, subtitle: subtitle(input, release: release))
        let builder = Builder(input: input, analysis: analysis, gaps: gaps, picks: picks, release: release)
        builder.summary(into: &doc)
        builder.byTactic(into: &doc)
        builder.heatmap(into: &doc)
        builder.blindSpots(into: &doc)
        builder.quickWins(into: &doc)
        builder.recommendations(into: &doc)
        builder.exposure(into: &doc)
        builder.ruleQuality(into: &doc)
        builder.about(into: &doc)
        return doc
    }

    static func subtitle(_ input: Input, release: String) -> [String] {
        var lines = ["\(release) · \(ReportText.day(input.date))"]
        var sources: [String] = []
        if let q = input.record.quality { sources.append("\(ReportText.plural(q.rules, "rule")) read") }
        if !input.record.inputs.rules.isEmpty { sources.append("from " + ReportText.list(input.record.inputs.rules)) }
        if let telemetry = input.record.inputs.telemetry { sources.append("telemetry: \(telemetry)") }
        if !sources.isEmpty { lines.append(sources.joined(separator: " · ")) }
        lines.append("Threat groups: \(input.selection) (\(input.groups.count))")
        return lines
    }
}
