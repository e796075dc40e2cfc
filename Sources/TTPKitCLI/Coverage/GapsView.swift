import ATTACK
import Coverage
import Reports
import STIX

/// The renderings of a gap analysis.
struct GapsView {
    let record: CoverageRecord
    let chosen: [CoverageReport.ChosenGroup]
    let selection: String
    let gaps: GapAnalysis
    let picks: TelemetryRecommendations
    let top: Int

    var shown: ArraySlice<GapAnalysis.Gap> { gaps.gaps.prefix(top) }

    func table() -> String {
        let t = Terminal.standardOutput
        let a = record.analysis
        let total = a.techniques.count
        var out = t.bold("Gaps for \(selection)") + t.dim("  · ATT&CK \(a.release ?? "") · coverage: "
            + "\(CoverageView.cell(a.count(.detected), of: total)) detected, \(CoverageView.cell(a.count(.logged), of: total)) logged, "
            + "\(CoverageView.cell(a.count(.blind), of: total)) blind of \(total)") + "\n"
        if chosen.contains(where: { $0.reason != nil }) {
            out += "\n" + t.bold("Groups chosen (\(chosen.count))") + "\n"
            out += Table(columns: ["group", "why"], rows: chosen.map { ["\($0.group.name) (\($0.group.attackID))", $0.reason ?? "named"] })
                .text(width: t.width)
        }
        out += "\n" + t.bold("Top \(shown.count) of \(gaps.gaps.count) gaps") + " (chosen groups' techniques not Detected)\n"
        if shown.isEmpty {
            out += "  none: every technique the chosen groups use is Detected\n"
        } else {
            let rows = shown.enumerated().map { i, g in
                [String(i + 1), g.techniqueID, g.name, g.state.rawValue, String(g.groupsInRelease),
                 "\(g.groups.count): " + g.groups.map(Self.shortGroup).joined(separator: ", ")]
            }
            out += Table(columns: ["#", "technique", "name", "state", "all groups", "chosen groups"], rows: rows)
                .text(width: t.width)
            out += "\n" + t.bold("Mitigations") + "\n"
            for (i, g) in shown.enumerated() {
                out += "  \(i + 1). \(g.techniqueID): " + (g.mitigations.isEmpty ? "none in ATT&CK" : g.mitigations.joined(separator: "; ")) + "\n"
            }
        }
        out += "\n" + t.bold("What to collect next") + "\n"
        if picks.recommendations.isEmpty { out += "  nothing: ATT&CK links no log source to the Blind techniques\n" }
        for (i, pick) in picks.recommendations.enumerated() {
            out += "  \(i + 1). " + RecommendationText.sentence(pick) + "\n"
        }
        out += "\n" + t.bold("Exposure by group") + "\n"
        out += Table(
            columns: ["group", "techniques", "detected", "logged", "blind"],
            rows: gaps.exposures.map { e in
                [e.group, String(e.techniques), CoverageView.cell(e.detected, of: e.techniques),
                 CoverageView.cell(e.logged, of: e.techniques), CoverageView.cell(e.blind, of: e.techniques)]
            }
        ).text(width: t.width)
        return out
    }

    /// `APT29 (G0016)` → `APT29`.
    static func shortGroup(_ label: String) -> String {
        guard label.hasSuffix(")"), let open = label.lastIndex(of: "(") else { return label }
        return String(label[..<open]).trimmingCharacters(in: .whitespaces)
    }

    func json() -> JSONValue {
        let a = record.analysis
        func percent(_ n: Int, _ total: Int) -> JSONValue { .number(total > 0 ? (Double(n) * 1000 / Double(total)).rounded() / 10 : 0) }
        return .object(JSONObject([
            ("attack_version", a.release.map(JSONValue.string) ?? .null),
            ("coverage", .object(JSONObject([
                ("techniques", .number(Double(a.techniques.count))), ("detected", .number(Double(a.count(.detected)))),
                ("logged", .number(Double(a.count(.logged)))), ("blind", .number(Double(a.count(.blind)))),
            ]))),
            ("selection", .string(selection)),
            ("groups", .array(chosen.map { c in
                .object(JSONObject([("id", .string(c.group.attackID)), ("name", .string(c.group.name)),
                                    ("reason", c.reason.map(JSONValue.string) ?? .null)]))
            })),
            ("gap_count", .number(Double(gaps.gaps.count))),
            ("gaps", .array(shown.enumerated().map { i, g in
                .object(JSONObject([
                    ("rank", .number(Double(i + 1))), ("id", .string(g.techniqueID)), ("name", .string(g.name)),
                    ("state", .string(g.state.rawValue)), ("groups", ObjectJSON.strings(g.groups)),
                    ("groups_in_release", .number(Double(g.groupsInRelease))), ("mitigations", ObjectJSON.strings(g.mitigations)),
                ]))
            })),
            ("recommendations", .array(picks.recommendations.map { p in
                .object(JSONObject([
                    ("source", .string(p.source)), ("channel", p.channel.map(JSONValue.string) ?? .null),
                    ("data_components", ObjectJSON.strings(p.dataComponents)),
                    ("newly_visible", ObjectJSON.strings(p.newlyVisible)),
                    ("newly_visible_count", .number(Double(p.newlyVisible.count))),
                    ("newly_visible_used_by_chosen_groups", .number(Double(p.newlyVisibleInFocus))),
                    ("cumulative", .number(Double(p.cumulative))),
                    ("sentence", .string(RecommendationText.sentence(p))),
                ]))
            })),
            ("exposure", .array(gaps.exposures.map { e in
                .object(JSONObject([
                    ("group", .string(e.group)), ("techniques", .number(Double(e.techniques))),
                    ("detected", .number(Double(e.detected))), ("logged", .number(Double(e.logged))), ("blind", .number(Double(e.blind))),
                    ("detected_percent", percent(e.detected, e.techniques)), ("logged_percent", percent(e.logged, e.techniques)),
                    ("blind_percent", percent(e.blind, e.techniques)),
                ]))
            })),
        ]))
    }

    /// The ranked gaps, one row each.
    func csv() -> Table {
        Table(
            columns: ["rank", "id", "name", "state", "chosen_groups", "chosen_group_count", "groups_in_release", "mitigations"],
            rows: shown.enumerated().map { i, g in
                [String(i + 1), g.techniqueID, g.name, g.state.rawValue, g.groups.joined(separator: "; "), String(g.groups.count),
                 String(g.groupsInRelease), g.mitigations.joined(separator: "; ")]
            })
    }
}
