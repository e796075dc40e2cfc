import ATTACK
import Coverage
import STIX

/// The JSON of a gap study (``ThreatCoverage``): coverage counts, the chosen groups, the ranked
/// gaps that count, quick wins, telemetry recommendations, exposure per group, then what is
/// listed apart (pre-compromise and waived gaps, the waivers' review). `ttpkit gaps --format
/// json` and the server's `/api/gaps` write it.
///
/// ```swift
/// let json = GapsJSON.value(result: coverage, selection: chosen, study: study)
/// print(json.serialized(pretty: true))
/// ```
public enum GapsJSON {
    /// The JSON of `ttpkit gaps --format json` (every gap and quick win, not only the top).
    public static func value(result: CoverageResult, selection: GroupSelection, study: ThreatCoverage,
                             prevalenceFiles: [String] = []) -> JSONValue {
        func percent(_ n: Int, _ total: Int) -> JSONValue { .number(total > 0 ? (Double(n) * 1000 / Double(total)).rounded() / 10 : 0) }
        func labels(_ groups: [ThreatProfile.Name]) -> JSONValue { ObjectJSON.strings(groups.map(\.label)) }
        let members: [(String, JSONValue)] = [
            ("attack_version", result.release.map(JSONValue.string) ?? .null),
            ("coverage", .object(JSONObject([
                ("techniques", .number(Double(result.techniques.count))), ("detected", .number(Double(result.count(.detected)))),
                ("logged", .number(Double(result.count(.logged)))), ("blind", .number(Double(result.count(.blind)))),
            ]))),
            ("selection", .string(selection.label)),
            ("groups", .array(selection.choices.map { c in
                let reason: JSONValue = if case .named = c.reason { .null } else { .string(c.reason.description) }
                return .object(JSONObject([("id", .string(c.group.attackID)), ("name", .string(c.group.name)), ("reason", reason)]))
            })),
            ("ranking", !study.usesPrevalence ? .string(study.scoreExplanation)
                : .object(JSONObject([
                    ("score", .string(study.scoreExplanation)), ("group_weight", .number(study.weights.groups)),
                    ("prevalence_weight", .number(study.weights.prevalence)), ("prevalence_files", ObjectJSON.strings(prevalenceFiles)),
                ]))),
            ("gap_count", .number(Double(study.gaps.count))),
            ("gaps", study.gapsJSON),
            ("quick_win_count", .number(Double(study.quickWins.count))),
            ("quick_wins", .array(study.quickWins.enumerated().map { i, w in
                .object(JSONObject([
                    ("rank", .number(Double(i + 1))), ("id", .string(w.techniqueID)), ("name", .string(w.name)),
                    ("groups", labels(w.groups)), ("groups_in_release", .number(Double(w.groupsInRelease))),
                    ("prevalence", .number(w.prevalence)), ("telemetry", ObjectJSON.strings(w.telemetry)),
                    ("atomic_tests", study.hasAtomicTests ? .array(w.atomicTests.map(CoverageDocument.atomicTestJSON)) : .null),
                ]))
            })),
            ("recommendations", .array(study.recommendations.map { p in
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
            ("exposure", .array(study.exposures.map { e in
                .object(JSONObject([
                    ("group", .string(e.group?.label ?? "")), ("techniques", .number(Double(e.techniques))),
                    ("detected", .number(Double(e.detected))), ("logged", .number(Double(e.logged))), ("blind", .number(Double(e.blind))),
                    ("detected_percent", percent(e.detected, e.techniques)), ("logged_percent", percent(e.logged, e.techniques)),
                    ("blind_percent", percent(e.blind, e.techniques)),
                ]))
            })),
        ]
        return .object(JSONObject(members + study.apartJSONMembers))
    }
}
