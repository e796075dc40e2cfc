/// What in a release happens before the compromise — outside the defender's network, watched
/// with threat intelligence and external monitoring rather than detected in a SOC's own logs.
///
/// Read from the release, never from tactic names: a technique is pre-compromise when its only
/// mitigation is ATT&CK's "Pre-compromise" mitigation (M1056), or when every tactic it sits in
/// is a pre-compromise tactic — one where most techniques have M1056 as their only mitigation
/// (Reconnaissance and Resource Development in Enterprise; none in Mobile or ICS).
///
/// ```swift
/// let pre = kb.preCompromise()
/// pre.tactics.map(\.name)                       // ["Reconnaissance", "Resource Development"]
/// pre.contains(kb.objects(attackID: "T1583.001")[0])   // true
/// ```
public struct PreCompromise: Sendable {
    /// The "Pre-compromise" mitigation of the release (M1056), if it has one.
    public let mitigation: AttackObject?
    /// The pre-compromise tactics, in matrix order.
    public let tactics: [AttackObject]
    let shortnames: Set<String>
    let onlyMitigatedBefore: Set<Int>

    /// True when `technique` happens before the compromise (see the type's description).
    public func contains(_ technique: AttackObject) -> Bool { reason(technique) != nil }

    /// Why `technique` is pre-compromise ("Resource Development", "only mitigation: Pre-compromise (M1056)"), or nil.
    public func reason(_ technique: AttackObject) -> String? {
        let own = technique.tacticShortnames
        if !own.isEmpty, own.allSatisfy(shortnames.contains) {
            return tactics.filter { own.contains($0.shortname) }.map(\.name).joined(separator: ", ")
        }
        if onlyMitigatedBefore.contains(technique.index), let m = mitigation { return "only mitigation: \(m.name) (\(m.attackID))" }
        return nil
    }
}

extension KnowledgeBase {
    /// The pre-compromise part of this release (see ``PreCompromise``).
    public func preCompromise() -> PreCompromise {
        let mitigation = objects(.mitigation).first { $0.attackID.caseInsensitiveCompare("M1056") == .orderedSame }
        var only = Set<Int>()
        var perTactic: [String: (all: Int, before: Int)] = [:]
        for t in objects(.technique) {
            let ms = mitigations(of: t)
            let isOnly = mitigation != nil && ms.count == 1 && ms[0].object.index == mitigation?.index
            if isOnly { only.insert(t.index) }
            for s in t.tacticShortnames {
                perTactic[s, default: (0, 0)].all += 1
                if isOnly { perTactic[s, default: (0, 0)].before += 1 }
            }
        }
        let tactics = orderedTactics().filter { t in
            guard let c = perTactic[t.shortname], c.all > 0 else { return false }
            return c.before * 2 > c.all
        }
        return PreCompromise(mitigation: mitigation, tactics: tactics, shortnames: Set(tactics.map(\.shortname)), onlyMitigatedBefore: only)
    }
}
