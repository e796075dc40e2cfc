import ATTACK
import STIX

extension GateResult {
    /// The gate result as JSON (`ttpkit coverage gate --format json`): `passed`, `summary`,
    /// `detected`, `techniques`, `gates` (each with `kind`, `name`, `passed`, `message` and its
    /// `findings`), and with a `fail-on-gaps` gate the gap lists as `ttpkit gaps` writes them:
    /// `gap_count`, `gaps`, then the pre-compromise and waived gaps and the waivers' review.
    public var jsonValue: JSONValue {
        func location(_ l: RuleLocation) -> JSONValue { .object(JSONObject([("file", .string(l.path)), ("line", .number(Double(l.line)))])) }
        var members: [(String, JSONValue)] = [
            ("passed", .bool(passed)), ("summary", .string(summaryLine)),
            ("detected", .number(Double(detected))), ("techniques", .number(Double(total))),
            ("gates", .array(conditions.map { c in
                .object(JSONObject([
                    ("kind", .string(c.kind.rawValue)), ("name", .string(c.name)), ("passed", .bool(c.passed)), ("message", .string(c.message)),
                    ("findings", .array(c.findings.map { f in
                        .object(JSONObject([
                            ("id", .string(f.techniqueID)), ("name", .string(f.name)), ("state", .string(f.state.rawValue)),
                            ("message", .string(f.message)), ("location", f.location.map(location) ?? .null),
                            ("rules", .array(f.rules.map(location))),
                        ]))
                    })),
                ]))
            })),
        ]
        if let study = gapStudy {
            members += [("gap_count", .number(Double(study.gaps.count))), ("gaps", study.gapsJSON)] + study.apartJSONMembers
        }
        return .object(JSONObject(members))
    }
}
