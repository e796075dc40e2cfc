import Output
import Answers
import ATTACK
import Coverage
import Reports
import STIX

/// The renderings of a ``ThreatCoverage`` study (computed by the library; this only lays it out).
struct GapsView {
    let result: CoverageResult
    let selection: GroupSelection
    let study: ThreatCoverage
    let top: Int
    var prevalenceFiles: [String] = []

    var shown: [ThreatCoverage.Gap] { Array(study.gaps.prefix(top)) }
    var shownWins: [ThreatCoverage.QuickWin] { Array(study.quickWins.prefix(top)) }

    static func fraction(_ x: Double) -> String { String(format: "%.2f", x) }

    static func names(_ groups: [ThreatProfile.Name]) -> String {
        "\(groups.count): " + groups.map(\.name).joined(separator: ", ")
    }

    /// `3: Name A; Name B; …`, or why there is none.
    func atomicsCell(_ tests: [AtomicTest]) -> String {
        guard study.hasAtomicTests else { return "(--atomics)" }
        guard !tests.isEmpty else { return "none" }
        let names = tests.prefix(2).map(\.name).joined(separator: "; ")
        return "\(tests.count): " + names + (tests.count > 2 ? "; …" : "")
    }

    func table() -> String {
        let t = Terminal.standardOutput
        let total = result.techniques.count
        var out = t.bold("Gaps for \(selection.label)") + t.dim("  · ATT&CK \(result.release ?? "") · coverage: "
            + "\(CoverageView.cell(result.count(.detected), of: total)) detected, \(CoverageView.cell(result.count(.logged), of: total)) logged, "
            + "\(CoverageView.cell(result.count(.blind), of: total)) blind of \(total)") + "\n"
        if selection.choices.contains(where: { if case .named = $0.reason { false } else { true } }) {
            out += "\n" + t.bold("Groups chosen (\(selection.choices.count))") + "\n"
            out += Table(columns: ["group", "why"], rows: selection.choices.map { ["\($0.group.name) (\($0.group.attackID))", $0.reason.description] })
                .text(width: t.width)
        }
        out += gapsTable(t) + apartTables(t) + winsTable(t)
        out += "\n" + t.bold("What to collect next") + "\n"
        if study.recommendations.isEmpty { out += "  nothing: ATT&CK links no log source to the Blind techniques\n" }
        for (i, pick) in study.recommendations.enumerated() {
            out += "  \(i + 1). " + RecommendationText.sentence(pick) + "\n"
        }
        out += "\n" + t.bold("Exposure by group") + "\n"
        out += Table(
            columns: ["group", "techniques", "detected", "logged", "blind"],
            rows: study.exposures.map { e in
                [e.group?.label ?? "", String(e.techniques), CoverageView.cell(e.detected, of: e.techniques),
                 CoverageView.cell(e.logged, of: e.techniques), CoverageView.cell(e.blind, of: e.techniques)]
            }
        ).text(width: t.width)
        return out
    }

    func gapsTable(_ t: Terminal) -> String {
        let shown = self.shown
        var out = ""
        if study.usesPrevalence {
            out += "\n" + t.bold("Top \(shown.count) of \(study.gaps.count) gaps") + " (not Detected; chosen groups' techniques and those the prevalence reports name)\n"
            out += "  ranked by \(study.scoreExplanation); prevalence from \(prevalenceFiles.count == 1 ? prevalenceFiles[0] : "\(prevalenceFiles.count) files")\n"
        } else {
            out += "\n" + t.bold("Top \(shown.count) of \(study.gaps.count) gaps") + " (chosen groups' techniques not Detected)\n"
        }
        var apart: [String] = []
        if !study.waived.isEmpty { apart.append("\(study.waived.count) waived") }
        if !study.preCompromiseGaps.isEmpty { apart.append("\(study.preCompromiseGaps.count) pre-compromise") }
        if !apart.isEmpty { out += "  not counted, listed below: " + apart.joined(separator: ", ") + "\n" }
        guard !shown.isEmpty else {
            return out + "  none: every technique the chosen groups use is Detected" + (apart.isEmpty ? "" : ", waived or pre-compromise") + "\n"
        }
        let scored = study.usesPrevalence
        let rows = shown.enumerated().map { i, g in
            [String(i + 1), g.techniqueID, g.name, g.state.rawValue]
                + (scored ? [Self.fraction(g.score), Self.fraction(g.prevalence)] : [])
                + [String(g.groupsInRelease), Self.names(g.groups)]
        }
        let columns = ["#", "technique", "name", "state"] + (scored ? ["score", "prevalence"] : []) + ["all groups", "chosen groups"]
        out += Table(columns: columns, rows: rows).text(width: t.width)
        out += "\n" + t.bold("Mitigations") + "\n"
        for (i, g) in shown.enumerated() {
            out += "  \(i + 1). \(g.techniqueID): " + (g.mitigations.isEmpty ? "none in ATT&CK" : g.mitigations.joined(separator: "; ")) + "\n"
        }
        return out
    }

    /// The waived gaps and the pre-compromise ones, each listed in full.
    func apartTables(_ t: Terminal) -> String {
        var out = ""
        if !study.waived.isEmpty {
            out += "\n" + t.bold("Waived: \(study.waived.count)") + " (accepted in \(study.waivers.path ?? "the waivers file"), not counted; judged on \(study.waivers.asOf))\n"
            out += Table(
                columns: ["technique", "name", "state", "reason", "owner", "expires", "line"],
                rows: study.waived.map { w in
                    [w.gap.techniqueID, w.gap.name, w.gap.state.rawValue, w.waiver.reason, w.waiver.owner, w.waiver.expires.description, String(w.waiver.line)]
                }
            ).text(width: t.width)
        }
        if !study.preCompromiseGaps.isEmpty {
            out += "\n" + t.bold("Pre-compromise: \(study.preCompromiseGaps.count)")
                + " (before the compromise, outside your logs: watch with threat intelligence; --include-pre-compromise counts them)\n"
            out += Table(
                columns: ["technique", "name", "why", "chosen groups"],
                rows: study.preCompromiseGaps.map { g in [g.techniqueID, g.name, study.preCompromise[g.techniqueID] ?? "", Self.names(g.groups)] }
            ).text(width: t.width)
        }
        return out
    }

    func winsTable(_ t: Terminal) -> String {
        var out = "\n" + t.bold("Quick wins: \(shownWins.count) of \(study.quickWins.count)")
            + " (Logged, not Detected, used by the chosen groups: write a rule today with the telemetry already collected)\n"
        guard !shownWins.isEmpty else { return out + "  none: no technique the chosen groups use is Logged without a rule\n" }
        out += Table(
            columns: ["#", "technique", "name", "chosen groups", "telemetry collected", "atomic tests"],
            rows: shownWins.enumerated().map { i, w in
                [String(i + 1), w.techniqueID, w.name, Self.names(w.groups),
                 w.telemetry.isEmpty ? "-" : w.telemetry.joined(separator: "; "), atomicsCell(w.atomicTests)]
            }
        ).text(width: t.width)
        if !study.hasAtomicTests { out += t.dim("  Atomic Red Team tests to validate each new rule: add --atomics DIR") + "\n" }
        return out
    }

    func json(knowledgeBase kb: KnowledgeBase) -> JSONValue {
        Questions.gaps(study, result: result, selection: selection, prevalenceFiles: prevalenceFiles, in: kb).json
    }

    /// The ranked gaps, one row each.
    func csv() -> Table {
        let base = ["rank", "id", "name", "state", "chosen_groups", "chosen_group_count", "groups_in_release", "mitigations"]
        return Table(
            columns: base + (study.usesPrevalence ? ["score", "prevalence"] : []),
            rows: shown.enumerated().map { i, g in
                [String(i + 1), g.techniqueID, g.name, g.state.rawValue, g.groups.map(\.label).joined(separator: "; "), String(g.groups.count),
                 String(g.groupsInRelease), g.mitigations.joined(separator: "; ")]
                    + (study.usesPrevalence ? [Self.fraction(g.score), Self.fraction(g.prevalence)] : [])
            })
    }
}
