import ATTACK
import Coverage

extension CoverageReport {
    /// Writes each section of the report from the computed analyses.
    struct Builder {
        let input: Input
        let analysis: CoverageAnalysis
        let gaps: GapAnalysis
        let picks: TelemetryRecommendations
        let release: String

        var kb: KnowledgeBase { input.knowledgeBase }
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
            let chosen = exposureTotals()
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
                    "The \(ReportText.plural(input.groups.count, "chosen group")) use \(ReportText.count(chosen.techniques)) techniques: "
                        + "\(ReportText.count(chosen.detected)) detected, \(ReportText.count(chosen.logged)) logged, \(ReportText.count(chosen.blind)) blind.")
            }
            if let first = gaps.gaps.first {
                bullets.append(
                    "The biggest gap is \(first.techniqueID) \(first.name) (\(first.state.rawValue)): used by \(first.groups.count) of "
                        + "\(input.groups.count) chosen groups and \(ReportText.plural(first.groupsInRelease, "group")) in ATT&CK.")
            }
            if let pick = picks.recommendations.first {
                bullets.append("Best next step: " + RecommendationText.sentence(pick, withGroups: !input.groups.isEmpty))
            }
            if let q = input.record.quality {
                var problems: [String] = []
                if q.cannotFire > 0 { problems.append("\(ReportText.plural(q.cannotFire, "rule")) that cannot fire") }
                if q.unknownIDRules > 0 { problems.append("\(ReportText.plural(q.unknownIDRules, "rule")) naming techniques \(release) does not know") }
                if q.tacticOnly > 0 { problems.append("\(ReportText.plural(q.tacticOnly, "rule")) with tactic tags only") }
                if q.failures > 0 { problems.append("\(ReportText.plural(q.failures, "file or rule", "files or rules")) that could not be read") }
                if !problems.isEmpty { bullets.append("Rule quality: " + problems.joined(separator: "; ") + ".") }
            }
            doc.blocks.append(.bullets(bullets))
        }

        func exposureTotals() -> (techniques: Int, detected: Int, logged: Int, blind: Int) {
            let states = gaps.chosenTechniques.compactMap { analysis.technique($0)?.state }
            return (states.count, states.count(where: { $0 == .detected }), states.count(where: { $0 == .logged }),
                    states.count(where: { $0 == .blind }))
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
            guard !input.groups.isEmpty else {
                doc.blocks.append(.paragraph("No threat groups were chosen, so no gaps are ranked."))
                return
            }
            let shown = Array(gaps.gaps.prefix(input.top))
            guard !shown.isEmpty else {
                doc.blocks.append(.paragraph("Every technique the chosen groups use is detected."))
                return
            }
            doc.blocks.append(.paragraph(
                "\(ReportText.plural(gaps.gaps.count, "technique")) used by the chosen groups are not detected. "
                    + "Ranked by how many chosen groups use each, then by how many groups in ATT&CK do."))
            let rows = shown.enumerated().map { index, gap in
                [
                    "\(index + 1)", "\(gap.techniqueID) \(gap.name)", gap.state == .logged ? "Logged" : "Blind",
                    "\(gap.groups.count): " + ReportText.list(gap.groups.map(shortGroup)),
                    ReportText.count(gap.groupsInRelease),
                    gap.mitigations.isEmpty ? "none listed" : ReportText.list(gap.mitigations, limit: 2),
                ]
            }
            doc.blocks.append(.table(ReportTable(
                columns: ["#", "Technique", "State", "Chosen groups", "Groups in ATT&CK", "Mitigations"], rows: rows,
                numericColumns: [0, 4])))
        }

        /// `APT29 (G0016)` → `APT29`.
        func shortGroup(_ label: String) -> String {
            guard label.hasSuffix(")"), let open = label.lastIndex(of: "(") else { return label }
            return String(label[..<open]).trimmingCharacters(in: .whitespaces)
        }

        /// Logged-not-Detected techniques the chosen groups use: rules to write today.
        func quickWins(into doc: inout ReportDocument) {
            guard !input.groups.isEmpty else { return }
            let wins = QuickWins(
                coverage: analysis, profiles: ThreatProfile.groups(input.groups.map(\.group), knowledgeBase: kb),
                atomics: input.atomics, knowledgeBase: kb).wins
            doc.blocks.append(.heading("Quick wins"))
            guard !wins.isEmpty else {
                doc.blocks.append(.paragraph("None: every technique the chosen groups use that is logged is also detected."))
                return
            }
            doc.blocks.append(.paragraph(
                "\(ReportText.plural(wins.count, "technique")) the chosen groups use \(wins.count == 1 ? "is" : "are") logged but not detected: "
                    + "a rule can be written today with data already collected."))
            doc.blocks.append(.numbered(wins.prefix(min(input.top, 5)).map { w in
                var line = "\(w.name) (\(w.techniqueID)), used by \(ReportText.list(w.groups))"
                if !w.telemetry.isEmpty { line += "; collected: \(w.telemetry.joined(separator: ", "))" }
                if input.atomics != nil {
                    line += w.atomicTests.isEmpty ? "; no Atomic Red Team test"
                        : "; validate with \(ReportText.plural(w.atomicTests.count, "Atomic Red Team test")) ("
                            + w.atomicTests.prefix(2).map(\.name).joined(separator: "; ") + (w.atomicTests.count > 2 ? "; …" : "") + ")"
                }
                return line + "."
            }))
        }

        func recommendations(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("What to collect next"))
            guard !picks.recommendations.isEmpty else {
                doc.blocks.append(.paragraph("No collected log source would make a blind technique visible: ATT&CK links none to them."))
                return
            }
            doc.blocks.append(.paragraph(
                "Each step makes the most blind techniques visible that the steps before it did not. Visible means logged: a rule is still needed."))
            doc.blocks.append(.numbered(picks.recommendations.map { RecommendationText.sentence($0, withGroups: !input.groups.isEmpty) }))
        }

        func exposure(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("Exposure by threat group"))
            guard !gaps.exposures.isEmpty else {
                doc.blocks.append(.paragraph("No threat groups were chosen."))
                return
            }
            let reasons = Dictionary(input.groups.map { ("\($0.group.name) (\($0.group.attackID))", $0.reason) }, uniquingKeysWith: { a, _ in a })
            let withReasons = reasons.values.contains { $0 != nil }
            let rows = gaps.exposures.map { e -> [String] in
                var row = [
                    e.group, ReportText.count(e.techniques),
                    ReportText.count(e.detected), ReportText.percent(e.detected, of: e.techniques),
                    ReportText.count(e.logged), ReportText.percent(e.logged, of: e.techniques),
                    ReportText.count(e.blind), ReportText.percent(e.blind, of: e.techniques),
                ]
                if withReasons { row.append((reasons[e.group] ?? nil) ?? "named") }
                return row
            }
            var columns = ["Group", "Techniques", "Detected", "%", "Logged", "%", "Blind", "%"]
            if withReasons { columns.append("Why chosen") }
            doc.blocks.append(.table(ReportTable(columns: columns, rows: rows, numericColumns: Set(1...7))))
        }

        func ruleQuality(into doc: inout ReportDocument) {
            doc.blocks.append(.heading("Rule quality"))
            guard let q = input.record.quality else {
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
                "\(release) (\(input.record.domain.rawValue)). Report date \(ReportText.day(input.date))"
                    + (input.record.generated.map { "; coverage computed \($0)." } ?? "."),
            ]
            bullets += input.record.notes
            doc.blocks.append(.bullets(bullets))
        }
    }
}
