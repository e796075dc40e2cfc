import Output
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
    var knowledgeBase: KnowledgeBase? = nil
    /// The ranking with prevalence, when `--prevalence` was given.
    var ranking: PrevalenceRanking? = nil
    var prevalenceFiles: [String] = []
    var quickWins: QuickWins? = nil
    /// Whether Atomic Red Team tests were read (else quick wins say how to list them).
    var atomicsGiven = false

    /// One ranked gap, with or without prevalence.
    struct Row {
        var techniqueID: String
        var name: String
        var state: CoverageState
        var groups: [String]
        var groupsInRelease: Int
        var mitigations: [String]
        /// Score, group share, prevalence and reports, with prevalence only.
        var ranked: PrevalenceRanking.RankedGap?
    }

    var gapCount: Int { ranking?.gaps.count ?? gaps.gaps.count }

    var shown: [Row] {
        guard let ranking else {
            return gaps.gaps.prefix(top).map {
                Row(techniqueID: $0.techniqueID, name: $0.name, state: $0.state, groups: $0.groups,
                    groupsInRelease: $0.groupsInRelease, mitigations: $0.mitigations, ranked: nil)
            }
        }
        let known = Dictionary(gaps.gaps.map { ($0.techniqueID, $0.mitigations) }, uniquingKeysWith: { a, _ in a })
        return ranking.gaps.prefix(top).map { g in
            let mitigations = known[g.techniqueID] ?? knowledgeBase.flatMap { kb in
                kb.objects(attackID: g.techniqueID).first(where: \.isActive).map { object in
                    kb.mitigations(of: object).map { "\($0.object.name) (\($0.object.attackID))" }.sorted()
                }
            } ?? []
            return Row(techniqueID: g.techniqueID, name: g.name, state: g.state, groups: g.groups,
                       groupsInRelease: g.groupsInRelease, mitigations: mitigations, ranked: g)
        }
    }

    var shownWins: [QuickWins.Win] { Array((quickWins?.wins ?? []).prefix(top)) }

    /// How the prevalence score is made, one sentence.
    static let scoreExplanation = "score = 0.6 × group share (chosen groups using it) + 0.4 × prevalence "
        + "(mean over the reports of count ÷ the report's highest count)"

    static func fraction(_ x: Double) -> String { String(format: "%.2f", x) }

    /// `3: Name A; Name B; …`, or why there is none.
    func atomicsCell(_ tests: [AtomicTest]) -> String {
        guard atomicsGiven else { return "(--atomics)" }
        guard !tests.isEmpty else { return "none" }
        let names = tests.prefix(2).map(\.name).joined(separator: "; ")
        return "\(tests.count): " + names + (tests.count > 2 ? "; …" : "")
    }

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
        let shown = self.shown
        if ranking != nil {
            out += "\n" + t.bold("Top \(shown.count) of \(gapCount) gaps") + " (not Detected; chosen groups' techniques and those the prevalence reports name)\n"
            out += "  ranked by \(Self.scoreExplanation); prevalence from \(prevalenceFiles.count == 1 ? prevalenceFiles[0] : "\(prevalenceFiles.count) files")\n"
        } else {
            out += "\n" + t.bold("Top \(shown.count) of \(gaps.gaps.count) gaps") + " (chosen groups' techniques not Detected)\n"
        }
        if shown.isEmpty {
            out += "  none: every technique the chosen groups use is Detected\n"
        } else {
            let rows = shown.enumerated().map { i, g in
                [String(i + 1), g.techniqueID, g.name, g.state.rawValue, String(g.groupsInRelease),
                 "\(g.groups.count): " + g.groups.map(Self.shortGroup).joined(separator: ", ")]
            }
            if ranking != nil {
                let ranked = shown.enumerated().map { i, g in
                    [String(i + 1), g.techniqueID, g.name, g.state.rawValue, Self.fraction(g.ranked?.score ?? 0),
                     Self.fraction(g.ranked?.prevalence ?? 0), String(g.groupsInRelease),
                     "\(g.groups.count): " + g.groups.map(Self.shortGroup).joined(separator: ", ")]
                }
                out += Table(columns: ["#", "technique", "name", "state", "score", "prevalence", "all groups", "chosen groups"], rows: ranked)
                    .text(width: t.width)
            } else {
                out += Table(columns: ["#", "technique", "name", "state", "all groups", "chosen groups"], rows: rows)
                    .text(width: t.width)
            }
            out += "\n" + t.bold("Mitigations") + "\n"
            for (i, g) in shown.enumerated() {
                out += "  \(i + 1). \(g.techniqueID): " + (g.mitigations.isEmpty ? "none in ATT&CK" : g.mitigations.joined(separator: "; ")) + "\n"
            }
        }
        if let quickWins {
            out += "\n" + t.bold("Quick wins: \(shownWins.count) of \(quickWins.wins.count)")
                + " (Logged, not Detected, used by the chosen groups: write a rule today with the telemetry already collected)\n"
            if shownWins.isEmpty {
                out += "  none: no technique the chosen groups use is Logged without a rule\n"
            } else {
                out += Table(
                    columns: ["#", "technique", "name", "chosen groups", "telemetry collected", "atomic tests"],
                    rows: shownWins.enumerated().map { i, w in
                        [String(i + 1), w.techniqueID, w.name,
                         "\(w.groups.count): " + w.groups.map(Self.shortGroup).joined(separator: ", "),
                         w.telemetry.isEmpty ? "-" : w.telemetry.joined(separator: "; "), atomicsCell(w.atomicTests)]
                    }
                ).text(width: t.width)
                if !atomicsGiven { out += t.dim("  Atomic Red Team tests to validate each new rule: add --atomics DIR") + "\n" }
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
            ("ranking", ranking == nil ? .string("chosen groups using the technique, then groups of the whole release")
                : .object(JSONObject([
                    ("score", .string(Self.scoreExplanation)), ("group_weight", .number(0.6)), ("prevalence_weight", .number(0.4)),
                    ("prevalence_files", ObjectJSON.strings(prevalenceFiles)),
                ]))),
            ("gap_count", .number(Double(gapCount))),
            ("gaps", .array(shown.enumerated().map { i, g in
                var members: [(String, JSONValue)] = [
                    ("rank", .number(Double(i + 1))), ("id", .string(g.techniqueID)), ("name", .string(g.name)),
                    ("state", .string(g.state.rawValue)), ("groups", ObjectJSON.strings(g.groups)),
                    ("groups_in_release", .number(Double(g.groupsInRelease))), ("mitigations", ObjectJSON.strings(g.mitigations)),
                ]
                if let r = g.ranked {
                    members += [("score", .number(r.score)), ("group_share", .number(r.groupShare)),
                                ("prevalence", .number(r.prevalence)), ("prevalence_reports", ObjectJSON.strings(r.reports))]
                }
                return .object(JSONObject(members))
            })),
            ("quick_win_count", .number(Double(quickWins?.wins.count ?? 0))),
            ("quick_wins", .array(shownWins.enumerated().map { i, w in
                .object(JSONObject([
                    ("rank", .number(Double(i + 1))), ("id", .string(w.techniqueID)), ("name", .string(w.name)),
                    ("groups", ObjectJSON.strings(w.groups)), ("groups_in_release", .number(Double(w.groupsInRelease))),
                    ("prevalence", .number(w.prevalence)), ("telemetry", ObjectJSON.strings(w.telemetry)),
                    ("atomic_tests", atomicsGiven ? .array(w.atomicTests.map { a in
                        .object(JSONObject([("name", .string(a.name)), ("guid", a.guid.map(JSONValue.string) ?? .null),
                                            ("platforms", ObjectJSON.strings(a.platforms))]))
                    }) : .null),
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
        let base = ["rank", "id", "name", "state", "chosen_groups", "chosen_group_count", "groups_in_release", "mitigations"]
        return Table(
            columns: base + (ranking != nil ? ["score", "prevalence"] : []),
            rows: shown.enumerated().map { i, g in
                [String(i + 1), g.techniqueID, g.name, g.state.rawValue, g.groups.joined(separator: "; "), String(g.groups.count),
                 String(g.groupsInRelease), g.mitigations.joined(separator: "; ")]
                    + (g.ranked.map { [Self.fraction($0.score), Self.fraction($0.prevalence)] } ?? [])
            })
    }
}
