import ATTACK
import Coverage

extension CoverageReport {
    /// Writes each section of the report from the computed analyses.
    struct Builder {
        let input: Input
        let release: String

        var kb: KnowledgeBase { input.knowledgeBase }
        var analysis: CoverageResult { input.result }
        var study: ThreatCoverage { input.study }
        var groupCount: Int { input.selection.choices.count }
        var total: Int { analysis.techniques.count }

        func share(_ state: CoverageState) -> String { ReportText.percent(analysis.count(state), of: total) }

        func summary(into doc: inout ReportDocument) {
            let detected = analysis.count(.detected)
            let logged = analysis.count(.logged)
            let blind = analysis.count(.blind)
            var figures = [
                KeyFigure(value: share(.detected), label: "of \(ReportText.count(total)) techniques detected", tone: .good),
                KeyFigure(value: share(.logged), label: "logged but no rule", tone: .warning),
                KeyFigure(value: share(.blind), label: "blind", tone: .bad),
            ]
            let chosen = study.totalExposure
            if chosen.techniques > 0 {
                figures.append(KeyFigure(
                    value: ReportText.percent(chosen.detected, of: chosen.techniques),
                    label: "of the chosen groups' \(ReportText.count(chosen.techniques)) techniques detected",
                    tone: .neutral))
            }
            doc.blocks.append(.keyFigures(figures))
            doc.blocks.append(.heading("Summary"))
            var bullets = [
                "\(ReportText.count(detected)) of \(ReportText.count(total)) techniques (\(share(.detected))) are detected by a rule that can fire.",
                "\(ReportText.count(logged)) (\(share(.logged))) are logged: the telemetry is collected, but no rule uses it.",
                "\(ReportText.count(blind)) (\(share(.blind))) are blind: no rule and no telemetry.",
            ]
            if chosen.techniques > 0 {
                bullets.append(
                    "The \(ReportText.plural(groupCount, "chosen group")) use \(ReportText.count(chosen.techniques)) techniques: "
                        + "\(ReportText.count(chosen.detected)) detected, \(ReportText.count(chosen.logged)) logged, \(ReportText.count(chosen.blind)) blind.")
            }
            if let first = study.gaps.first {
                bullets.append(
                    "The biggest blind spot is \(first.techniqueID) \(techniqueName(first.techniqueID, first.name)) (\(first.state.rawValue)): used by "
                        + "\(first.groups.count) of \(groupCount) chosen groups and \(ReportText.plural(first.groupsInRelease, "group")) in ATT&CK.")
            }
            if let pick = study.recommendations.first {
                bullets.append("Best next step: " + RecommendationText.sentence(pick, withGroups: groupCount > 0))
            }
            if let q = analysis.quality {
                var problems: [String] = []
                if q.cannotFire > 0 { problems.append("\(ReportText.plural(q.cannotFire, "rule")) that cannot fire") }
                if q.unknownIDRules > 0 { problems.append("\(ReportText.plural(q.unknownIDRules, "rule")) naming techniques \(release) does not know") }
                if q.tacticOnly > 0 { problems.append("\(ReportText.plural(q.tacticOnly, "rule")) with tactic tags only") }
                if q.failures > 0 { problems.append("\(ReportText.plural(q.failures, "file or rule", "files or rules")) that could not be read") }
                if !problems.isEmpty { bullets.append("Rule quality: " + problems.joined(separator: "; ") + ".") }
            }
            doc.blocks.append(.bullets(bullets))
        }

        func byTactic(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("Coverage by tactic"))
            let chart = StackedBars(
                segments: CoverageReport.palette.map { StackedBars.Segment(name: $0.name, color: $0.color) },
                rows: analysis.summaryByTactic(kb).map { s in
                    StackedBars.Row(label: kb.tactic(shortname: s.tactic)?.name ?? s.tactic, values: [s.detected, s.logged, s.blind])
                })
            doc.blocks.append(.figure(ReportFigure(
                svg: chart.svg(title: "Techniques per tactic: detected, logged, blind"),
                caption: "Each bar is one tactic's techniques and sub-techniques; the numbers are counts." + preCompromiseNote,
                fileName: input.heatmapFileName.map { $0.replacingOccurrences(of: "-heatmap.svg", with: "-by-tactic.svg") })))
            var rows: [[String]] = []
            for s in analysis.summaryByTactic(kb) {
                let name = kb.tactic(shortname: s.tactic)?.name ?? s.tactic
                rows.append([
                    name, ReportText.count(s.techniques),
                    ReportText.count(s.detected), ReportText.percent(s.detected, of: s.techniques),
                    ReportText.count(s.logged), ReportText.percent(s.logged, of: s.techniques),
                    ReportText.count(s.blind), ReportText.percent(s.blind, of: s.techniques),
                ])
            }
            rows.append([
                "All techniques", ReportText.count(total),
                ReportText.count(analysis.count(.detected)), share(.detected),
                ReportText.count(analysis.count(.logged)), share(.logged),
                ReportText.count(analysis.count(.blind)), share(.blind),
            ])
            doc.blocks.append(.table(ReportTable(
                columns: ["Tactic", "Techniques", "Detected", "%", "Logged", "%", "Blind", "%"], rows: rows,
                numericColumns: Set(1...7))))
            doc.blocks.append(.note("Techniques and sub-techniques are counted; a technique under several tactics counts in each."))
        }

        /// " Reconnaissance and Resource Development happen before the compromise: …" (tactics from the release).
        var preCompromiseNote: String {
            let names = kb.preCompromise().tactics.map(\.name)
            guard !names.isEmpty else { return "" }
            return " \(ReportText.list(names)) happen before the compromise, outside your network: blind by nature, watched with threat intelligence."
        }

        func heatmap(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("The matrix"))
            do {
                let svg = try CoverageHeatmap.svg(analysis, knowledgeBase: kb, title: "Detection coverage · \(release)")
                var figure = ReportFigure(
                    svg: svg,
                    caption: "Every technique of \(release) by ATT&CK ID, in tactic columns. D (blue) detected, L (orange) logged with no rule, "
                        + "B (red) blind. A technique with sub-techniques shows its weakest state: it is D only when it and all its "
                        + "sub-techniques are detected.",
                    fileName: input.heatmapFileName)
                figure.ownPage = true
                doc.blocks.append(.figure(figure))
            } catch {
                doc.blocks.append(.paragraph("The heatmap could not be drawn: \(error)."))
            }
        }

        func ruleQuality(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("Rule quality"))
            guard let q = analysis.quality else {
                doc.blocks.append(.paragraph("Not available: the coverage was read from a layer, which does not keep rule details."))
                return
            }
            var bullets = ["\(q.readText); \(ReportText.count(q.withTechniques)) name techniques."]
            for (n, label) in q.problems(release: release) where n > 0 { bullets.append("\(ReportText.plural(n, "rule")): \(label).") }
            if let tags = unknownTacticTags() { bullets.append(tags) }
            if q.failures > 0 { bullets.append("\(ReportText.count(q.failures)) unreadable: files or rules that could not be read.") }
            doc.blocks.append(.bullets(bullets))
            doc.blocks.append(.note("`ttpkit rules scan` lists every rule behind these counts with its file and line."))
        }

        /// The tactic tags the release does not know, counted, with one sentence on ATT&CK v19's
        /// split of Defense Evasion when they are its tactics.
        func unknownTacticTags() -> String? {
            var counts: [String: Int] = [:]
            for finding in analysis.findings where finding.kind == .unknownTactic {
                // The finding names its tactic in quotes: "tactic 'stealth' is not in …".
                let parts = finding.message.split(separator: "'", maxSplits: 2, omittingEmptySubsequences: false)
                if parts.count == 3 { counts[String(parts[1]), default: 0] += 1 }
            }
            guard !counts.isEmpty else { return nil }
            let listed = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.prefix(4).map { "\($0.key) (\(ReportText.count($0.value)))" }
            var text = "Unknown tactic tags: " + listed.joined(separator: ", ") + "."
            if counts.keys.contains(where: Self.v19Tactics.contains) {
                text += " stealth and defense-impairment are ATT&CK v19's split of Defense Evasion; \(release) predates them, "
                    + "so these tags match no tactic here while the rules' technique tags still count."
            }
            return text
        }

        /// Tactic shortnames ATT&CK v19 introduced in Enterprise; only used to explain rule tags.
        static let v19Tactics: Set<String> = ["stealth", "defense-impairment"]

        func about(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("How to read this report"))
            var bullets = [
                "Detected: at least one rule names the technique (a rule on a parent technique does not cover its sub-techniques"
                    + (analysis.options.parentRuleCoversSubtechniques ? ", except that this run counted them" : "")
                    + "), and its log source is collected when a telemetry inventory was given.",
                "Logged: no rule, but telemetry that ATT&CK says can detect the technique is collected.",
                "Blind: neither.",
                "\(release) (\((analysis.domain ?? kb.domain).rawValue)). Report date \(ReportText.day(input.date))"
                    + (analysis.generated.map { "; coverage computed \($0)." } ?? "."),
            ]
            bullets += analysis.notes
            doc.blocks.append(.bullets(bullets))
        }
    }
}
