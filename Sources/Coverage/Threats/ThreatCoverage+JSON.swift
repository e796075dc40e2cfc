import ATTACK
import STIX

/// The JSON of the gap lists, written the same way wherever a gap list is answered:
/// `ttpkit gaps --format json` and `/api/gaps` (through `GapsJSON`) and `ttpkit coverage gate
/// --format json`.
extension ThreatCoverage {
    /// A gap: `rank` (counted gaps only), `id`, `name`, `state`, `groups`, `groups_in_release`,
    /// `mitigations`, and with prevalence `score`, `group_share`, `prevalence`, `prevalence_reports`.
    public func json(_ gap: Gap, rank: Int? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = rank.map { [("rank", .number(Double($0)))] } ?? []
        members += [
            ("id", .string(gap.techniqueID)), ("name", .string(gap.name)), ("state", .string(gap.state.rawValue)),
            ("groups", ObjectJSON.strings(gap.groups.map(\.label))),
            ("groups_in_release", .number(Double(gap.groupsInRelease))), ("mitigations", ObjectJSON.strings(gap.mitigations)),
        ]
        if usesPrevalence {
            members += [("score", .number(gap.score)), ("group_share", .number(gap.groupShare)),
                        ("prevalence", .number(gap.prevalence)), ("prevalence_reports", ObjectJSON.strings(gap.reports))]
        }
        return .object(JSONObject(members))
    }

    /// The counted gaps, ranked from 1.
    public var gapsJSON: JSONValue { .array(gaps.enumerated().map { json($1, rank: $0 + 1) }) }

    /// What is listed apart from the counted gaps: `include_pre_compromise`,
    /// `pre_compromise_count`, `pre_compromise` (each gap with its `reason`), `waived_count`,
    /// `waived` (each gap with its `waiver`) and `waivers` (the file, the day judged, `expired`,
    /// `unused` and `notes`; null without a waivers file).
    public var apartJSONMembers: [(String, JSONValue)] {
        func with(_ gap: Gap, _ key: String, _ value: JSONValue) -> JSONValue {
            guard case .object(var object) = json(gap) else { return json(gap) }
            object[key] = value
            return .object(object)
        }
        let review: JSONValue = waivers.path.map { path in
            .object(JSONObject([
                ("file", .string(path)), ("as_of", .string(waivers.asOf.description)),
                ("expired", .array(waivers.expired.map { Self.json($0, ("counts_again", .bool(waivers.gapIDs.contains($0.techniqueID)))) })),
                ("unused", .array(waivers.unused.map { Self.json($0.waiver, ("why", .string($0.why))) })),
                ("notes", ObjectJSON.strings(waivers.notes.map(\.description))),
            ]))
        } ?? .null
        return [
            ("include_pre_compromise", .bool(includesPreCompromise)),
            ("pre_compromise_count", .number(Double(preCompromiseGaps.count))),
            ("pre_compromise", .array(preCompromiseGaps.map { with($0, "reason", .string(preCompromise[$0.techniqueID] ?? "")) })),
            ("waived_count", .number(Double(waived.count))),
            ("waived", .array(waived.map { with($0.gap, "waiver", Self.json($0.waiver)) })),
            ("waivers", review),
        ]
    }

    /// A waiver: `technique`, `written`, `reason`, `owner`, `expires`, `file`, `line`, and `extra`.
    static func json(_ waiver: Waiver, _ extra: (String, JSONValue)? = nil) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("technique", .string(waiver.techniqueID)), ("written", .string(waiver.written)), ("reason", .string(waiver.reason)),
            ("owner", .string(waiver.owner)), ("expires", .string(waiver.expires.description)),
            ("file", .string(waiver.path)), ("line", .number(Double(waiver.line))),
        ]
        if let extra { members.append(extra) }
        return .object(JSONObject(members))
    }
}
