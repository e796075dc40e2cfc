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
                    "The biggest gap is \(first.techniqueID) \(first.name) (\(first.state.rawValue)): used by \(first.groups.count) of "
                        + "\(groupCount) chosen groups and \(ReportText.plural(first.groupsInRelease, "group")) in ATT&CK.")
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

        func heatmap(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("Heatmap"))
            do {
                let svg = try CoverageHeatmap.svg(analysis, knowledgeBase: kb, title: "Detection coverage · \(release)")
                doc.blocks.append(.figure(ReportFigure(
                    svg: svg,
                    caption: "Green: detected. Yellow: logged, no rule. Red: blind. A technique takes the best state among it and its sub-techniques.",
                    fileName: input.heatmapFileName)))
            } catch {
                doc.blocks.append(.paragraph("The heatmap could not be drawn: \(error)."))
            }
        }

        func blindSpots(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("Top \(input.top) blind spots"))
            guard groupCount > 0 else {
                doc.blocks.append(.paragraph("No threat groups were chosen, so no gaps are ranked."))
                return
            }
            let shown = Array(study.gaps.prefix(input.top))
            guard !shown.isEmpty else {
                doc.blocks.append(.paragraph("Every technique the chosen groups use is detected."))
                return
            }
            doc.blocks.append(.paragraph(
                "\(ReportText.plural(study.gaps.count, "technique")) used by the chosen groups are not detected. "
                    + (study.usesPrevalence ? "Ranked by \(study.scoreExplanation)."
                        : "Ranked by how many chosen groups use each, then by how many groups in ATT&CK do.")))
            let rows = shown.enumerated().map { index, gap in
                [
                    "\(index + 1)", "\(gap.techniqueID) \(gap.name)", gap.state == .logged ? "Logged" : "Blind",
                    "\(gap.groups.count): " + ReportText.list(gap.groups.map(\.name)),
                    ReportText.count(gap.groupsInRelease),
                    gap.mitigations.isEmpty ? "none listed" : ReportText.list(gap.mitigations, limit: 2),
                ]
            }
            doc.blocks.append(.table(ReportTable(
                columns: ["#", "Technique", "State", "Chosen groups", "Groups in ATT&CK", "Mitigations"], rows: rows,
                numericColumns: [0, 4])))
        }

        /// Logged-not-Detected techniques the chosen groups use: rules to write today.
        func quickWins(into doc: inout ReportDocument) {
            guard groupCount > 0 else { return }
            let wins = study.quickWins
            doc.blocks.append(.heading("Quick wins"))
            guard !wins.isEmpty else {
                doc.blocks.append(.paragraph("None: every technique the chosen groups use that is logged is also detected."))
                return
            }
            doc.blocks.append(.paragraph(
                "\(ReportText.plural(wins.count, "technique")) the chosen groups use \(wins.count == 1 ? "is" : "are") logged but not detected: "
                    + "a rule can be written today with data already collected."))
            doc.blocks.append(.numbered(wins.prefix(min(input.top, 5)).map { w in
                var line = "\(w.name) (\(w.techniqueID)), used by \(ReportText.list(w.groups.map(\.label)))"
                if !w.telemetry.isEmpty { line += "; collected: \(w.telemetry.joined(separator: ", "))" }
                if study.hasAtomicTests {
                    line += w.atomicTests.isEmpty ? "; no Atomic Red Team test"
                        : "; validate with \(ReportText.plural(w.atomicTests.count, "Atomic Red Team test")) ("
                            + w.atomicTests.prefix(2).map(\.name).joined(separator: "; ") + (w.atomicTests.count > 2 ? "; …" : "") + ")"
                }
                return line + "."
            }))
        }

        func recommendations(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("What to collect next"))
            guard !study.recommendations.isEmpty else {
                doc.blocks.append(.paragraph("No collected log source would make a blind technique visible: ATT&CK links none to them."))
                return
            }
            doc.blocks.append(.paragraph(
                "Each step makes the most blind techniques visible that the steps before it did not. Visible means logged: a rule is still needed."))
            doc.blocks.append(.numbered(study.recommendations.map { RecommendationText.sentence($0, withGroups: groupCount > 0) }))
        }

        func exposure(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("Exposure by threat group"))
            guard !study.exposures.isEmpty else {
                doc.blocks.append(.paragraph("No threat groups were chosen."))
                return
            }
            let reasons = input.selection.choices.map(\.reason.description)
            let withReasons = input.selection.choices.contains { if case .named = $0.reason { false } else { true } }
            let rows = zip(study.exposures, reasons).map { e, reason -> [String] in
                var row = [
                    e.group?.label ?? "", ReportText.count(e.techniques),
                    ReportText.count(e.detected), ReportText.percent(e.detected, of: e.techniques),
                    ReportText.count(e.logged), ReportText.percent(e.logged, of: e.techniques),
                    ReportText.count(e.blind), ReportText.percent(e.blind, of: e.techniques),
                ]
                if withReasons { row.append(reason) }
                return row
            }
            var columns = ["Group", "Techniques", "Detected", "%", "Logged", "%", "Blind", "%"]
            if withReasons { columns.append("Why chosen") }
            doc.blocks.append(.table(ReportTable(columns: columns, rows: rows, numericColumns: Set(1...7))))
        }

        func ruleQuality(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("Rule quality"))
            guard let q = analysis.quality else {
                doc.blocks.append(.paragraph("Not available: the coverage was read from a layer, which does not keep rule details."))
                return
            }
            let formats = RuleFormat.allCases.compactMap { f in q.rulesPerFormat[f].map { "\(f.rawValue) \(ReportText.count($0))" } }
            var bullets = [
                "\(ReportText.plural(q.rules, "rule")) read" + (formats.isEmpty ? "" : " (\(formats.joined(separator: ", ")))")
                    + "; \(ReportText.count(q.withTechniques)) name techniques.",
            ]
            let lines: [(Int, String)] = [
                (q.tacticOnly, "tactic tags only. Tactic tags never count as coverage."),
                (q.untagged, "no ATT&CK tag."),
                (q.revokedIDRules, "a revoked technique. Counted as its replacement."),
                (q.deprecatedIDRules, "a deprecated technique, which is in no current matrix."),
                (q.unknownIDRules, "a technique \(release) does not know (a newer release?). Not counted."),
                (q.unknownTacticRules, "a tactic \(release) does not know."),
                (q.cannotFire, "cannot fire: the log source is not collected. Not counted."),
                (q.unchecked, "log source not checkable against the telemetry. Counted."),
                (q.excluded, "deprecated or disabled. Not counted."),
            ]
            for (n, text) in lines where n > 0 { bullets.append("\(ReportText.plural(n, "rule")): \(text)") }
            if q.failures > 0 { bullets.append("\(ReportText.count(q.failures)) unreadable: files or rules that could not be read.") }
            doc.blocks.append(.bullets(bullets))
            doc.blocks.append(.note("`ttpkit rules scan` lists every rule behind these counts with its file and line."))
        }

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
