import ATTACK

/// A `fail-under` condition: the Detected share, overall or in one tactic, must reach a
/// percentage.
///
/// Written `60` (overall), `60%`, or `TACTIC=80`, where the tactic is a shortname
/// (`execution`), a name (`Defense Evasion`) or an ID (`TA0002`) of the loaded release.
///
/// ```swift
/// try GateThreshold.parse("execution=80", knowledgeBase: kb)   // tactic "execution", 80 %
/// ```
public struct GateThreshold: Sendable, Hashable, CustomStringConvertible {
    /// The tactic shortname, or nil for all techniques.
    public var tactic: String?
    /// The minimum Detected share in percent (0…100).
    public var percent: Double

    /// `60%` or `execution=80%`.
    public var description: String {
        let number = percent.rounded() == percent ? String(Int(percent)) : String(percent)
        return tactic.map { "\($0)=\(number)%" } ?? "\(number)%"
    }

    /// Parses `60`, `60%` or `TACTIC=80`; the tactic is resolved against the release.
    public static func parse(_ text: String, knowledgeBase kb: KnowledgeBase) throws(CoverageInputError) -> GateThreshold {
        let parts = text.split(separator: "=", maxSplits: 1).map { String($0).trimmingBlanks() }
        let number = (parts.last ?? "").hasSuffix("%") ? String((parts.last ?? "").dropLast()) : (parts.last ?? "")
        guard let percent = Double(number), (0...100).contains(percent) else {
            throw CoverageInputError(path: "", reason: "threshold '\(text)' is not a percentage 0-100 (write 60 or execution=80)")
        }
        guard parts.count == 2 else { return GateThreshold(percent: percent) }
        let wanted = parts[0].lowercased()
        let tactics = kb.orderedTactics()
        guard let tactic = tactics.first(where: {
            $0.shortname.lowercased() == wanted || $0.name.lowercased() == wanted || $0.attackID.lowercased() == wanted
        }) else {
            throw CoverageInputError(
                path: "",
                reason: "threshold '\(text)': unknown tactic '\(parts[0])' in ATT&CK \(kb.attackVersion ?? "") (tactics: \(tactics.map(\.shortname).joined(separator: ", ")))")
        }
        return GateThreshold(tactic: tactic.shortname, percent: percent)
    }
}
