import ATTACK
import Coverage

extension CoverageReport {
    /// The colours of Detected, Logged and Blind in the report's figures: blue, orange, red —
    /// told apart by people with red-green colour blindness, each with its letter.
    static let palette: [(name: String, color: String)] = CoverageState.allCases.map { ($0.label, $0.color) }
}

extension CoverageReport.Builder {
    /// "Acquire Infrastructure: Domains" for a sub-technique of the release, else `fallback`.
    func techniqueName(_ id: String, _ fallback: String) -> String {
        kb.objects(attackID: id).first(where: \.isActive).map { ReportText.name(of: $0, in: kb) } ?? fallback
    }

    /// A technique cell linked to its ATT&CK page.
    func techniqueLink(_ id: String, _ fallback: String) -> ReportLink {
        let object = kb.objects(attackID: id).first(where: \.isActive)
        return ReportLink("\(id) \(techniqueName(id, fallback))", url: object?.url)
    }

    /// The top of the one ranked gap list (``ThreatCoverage/gaps``) — the same techniques in the
    /// same order as `ttpkit gaps` and `/api/gaps` — with each gap's state: Blind, or Logged
    /// (a quick win). Pre-compromise and waived gaps have their own sections.
    func blindSpots(into doc: inout ReportDocument) {
        doc.blocks.append(.heading("Top \(input.top) blind spots"))
        guard groupCount > 0 else {
            doc.blocks.append(.paragraph("No threat groups were chosen, so no gaps are ranked."))
            return
        }
        let gaps = study.gaps
        let shown = Array(gaps.prefix(input.top))
        var apart: [String] = []
        if !study.preCompromiseGaps.isEmpty { apart.append("Pre-compromise techniques") }
        if !study.waived.isEmpty { apart.append(apart.isEmpty ? "Gaps accepted by a waiver" : "gaps accepted by a waiver") }
        let listed = apart.isEmpty ? "" : " " + apart.joined(separator: " and ") + " are listed apart below."
        guard !shown.isEmpty else {
            doc.blocks.append(.paragraph("None: every technique the chosen groups use is detected." + listed))
            return
        }
        let blind = gaps.count(where: { $0.state == .blind })
        var states = "\(ReportText.count(blind)) blind (no rule and no telemetry)"
        if gaps.count > blind {
            states += ", \(ReportText.count(gaps.count - blind)) logged (the telemetry is collected but no rule uses it: the quick wins below)"
        }
        doc.blocks.append(.paragraph(
            "\(ReportText.plural(gaps.count, "technique")) the chosen groups use \(gaps.count == 1 ? "is" : "are") not detected: \(states). "
                + (study.usesPrevalence ? "Ranked by \(study.scoreExplanation)."
                    : "Ranked by how many chosen groups use each, then by how many groups in ATT&CK do.")
                + listed))
        doc.blocks.append(.linkedTable(LinkedTable(
            columns: ["#", "Technique", "State", "Chosen groups", "Groups in ATT&CK", "Mitigations"],
            rows: shown.enumerated().map { index, gap in
                [
                    ReportLink("\(index + 1)"), techniqueLink(gap.techniqueID, gap.name), ReportLink(gap.state.rawValue.capitalized),
                    ReportLink("\(gap.groups.count): " + ReportText.list(gap.groups.map(\.name))),
                    ReportLink(ReportText.count(gap.groupsInRelease)),
                    ReportLink(gap.mitigations.isEmpty ? "none listed" : ReportText.list(gap.mitigations, limit: 2)),
                ]
            },
            numericColumns: [0, 4])))
    }

    /// The gaps a waivers file accepts, with reason, owner and expiry; expired and unused waivers.
    func waived(into doc: inout ReportDocument) {
        let review = study.waivers
        guard groupCount > 0, let path = review.path else { return }
        doc.blocks.append(.heading("Accepted gaps (waivers)"))
        let file = ReportText.fileName(path)
        doc.blocks.append(.paragraph(
            "\(ReportText.plural(study.waived.count, "gap")) \(study.waived.count == 1 ? "is" : "are") accepted in \(file) "
                + "(judged on \(review.asOf)) and not counted among the blind spots."))
        if !study.waived.isEmpty {
            doc.blocks.append(.links(study.waived.map { item in
                let link = techniqueLink(item.gap.techniqueID, item.gap.name)
                return ReportLink(link.text + " (\(item.gap.state.rawValue)) — \(item.waiver.reason); owner \(item.waiver.owner), until \(item.waiver.expires)",
                                  url: link.url)
            }, numbered: false))
        }
        if !review.expired.isEmpty {
            doc.blocks.append(.note("Expired, no longer waiving: " + ReportText.list(review.expired.map { "\($0.techniqueID) (until \($0.expires), \($0.owner))" }, limit: 8) + "."))
        }
        if !review.unused.isEmpty {
            doc.blocks.append(.note("Unused, naming no gap: " + ReportText.list(review.unused.map { "\($0.waiver.techniqueID) (\($0.why))" }, limit: 8) + "."))
        }
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
        doc.blocks.append(.links(wins.prefix(min(input.top, 5)).map { w in
            var line = "\(techniqueName(w.techniqueID, w.name)) (\(w.techniqueID)), used by \(ReportText.list(w.groups.map(\.label)))"
            if !w.telemetry.isEmpty { line += "; collected: \(ReportText.list(w.telemetry, limit: 3))" }
            if study.hasAtomicTests {
                line += w.atomicTests.isEmpty ? "; no Atomic Red Team test"
                    : "; validate with \(ReportText.plural(w.atomicTests.count, "Atomic Red Team test")) ("
                        + w.atomicTests.prefix(2).map(\.name).joined(separator: "; ") + (w.atomicTests.count > 2 ? "; …" : "") + ")"
            }
            return ReportLink(line + ".", url: kb.objects(attackID: w.techniqueID).first(where: \.isActive)?.url)
        }, numbered: true))
    }

    /// Gaps that happen before the compromise: watched outside the network.
    func preCompromise(into doc: inout ReportDocument) {
        let gaps = study.preCompromiseGaps
        guard groupCount > 0, !gaps.isEmpty else { return }
        doc.blocks.append(.heading("Outside your network: watch with threat intelligence"))
        doc.blocks.append(.paragraph(
            "\(ReportText.plural(gaps.count, "technique")) the chosen groups use happen before the compromise (reconnaissance, acquiring "
                + "infrastructure and accounts). No log of yours sees them: watch them with threat intelligence and external monitoring "
                + "(domain registrations, certificate transparency, leaked credentials). They are left out of the blind spots and the collection plan."))
        let shown = gaps.prefix(8)
        doc.blocks.append(.links(shown.map { gap in
            let link = techniqueLink(gap.techniqueID, gap.name)
            return ReportLink(link.text + " — " + (study.preCompromise[gap.techniqueID] ?? "pre-compromise")
                + "; used by " + ReportText.list(gap.groups.map(\.name)), url: link.url)
        }, numbered: false))
        if gaps.count > shown.count {
            doc.blocks.append(.note("\(ReportText.count(gaps.count - shown.count)) more; a gap ranking that includes pre-compromise tactics ranks them with the others."))
        }
    }

    func recommendations(into doc: inout ReportDocument) {
        doc.blocks.append(.heading("What to collect next"))
        guard !study.recommendations.isEmpty else {
            doc.blocks.append(.paragraph("No log source would make a blind technique visible: ATT&CK links none to them."))
            return
        }
        doc.blocks.append(.paragraph(
            "Each step makes the most of your adversaries' blind techniques visible that the steps before it did not, then the most of all. "
                + "Visible means logged: a rule is still needed."))
        doc.blocks.append(.numbered(study.recommendations.map { pick in
            let focus = pick.newlyVisible.filter(study.chosenTechniques.contains)
            let names = focus.prefix(3).map { techniqueName($0, $0) }
            return RecommendationText.sentence(pick, withGroups: groupCount > 0, examples: names)
        }))
    }

    /// Each chosen group's exposure, worst first; groups with no technique in this release are
    /// marked and listed last.
    func exposure(into doc: inout ReportDocument) {
        doc.blocks.append(.heading("Exposure by threat group"))
        guard !study.exposures.isEmpty else {
            doc.blocks.append(.paragraph("No threat groups were chosen."))
            return
        }
        let reasons = input.selection.choices.map(\.reason.description)
        let withReasons = input.selection.choices.contains { if case .named = $0.reason { false } else { true } }
        let sorted = zip(study.exposures, reasons).sorted { a, b in
            if (a.0.techniques == 0) != (b.0.techniques == 0) { return b.0.techniques == 0 }
            let da = a.0.percent(.detected), db = b.0.percent(.detected)
            if da != db { return da < db }
            return a.0.percent(.blind) > b.0.percent(.blind)
        }
        var empty: [String] = []
        var rows: [[ReportLink]] = []
        for (e, reason) in sorted {
            let name = e.group?.label ?? ""
            guard e.techniques > 0 else {
                empty.append(name)
                continue
            }
            var row = [
                ReportLink(name, url: e.group?.attackID.flatMap { kb.objects(attackID: $0).first?.url }), ReportLink(ReportText.count(e.techniques)),
                ReportLink(ReportText.percent(e.detected, of: e.techniques)), ReportLink(ReportText.percent(e.logged, of: e.techniques)),
                ReportLink(ReportText.percent(e.blind, of: e.techniques)),
            ]
            if withReasons { row.append(ReportLink(reason)) }
            rows.append(row)
        }
        var columns = ["Group (least detected first)", "Techniques", "Detected", "Logged", "Blind"]
        if withReasons { columns.append("Why chosen") }
        doc.blocks.append(.linkedTable(LinkedTable(columns: columns, rows: rows, numericColumns: Set(1...4))))
        if !empty.isEmpty {
            doc.blocks.append(.note("No technique in \(release), left out: " + ReportText.list(empty, limit: 8) + "."))
        }
    }
}
