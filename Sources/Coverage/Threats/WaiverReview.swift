/// What a waivers file did to a ranked gap list, on a given day: which waivers expired (they
/// no longer waive, and their gap counts again), which name no gap (unused: worth removing,
/// not an error), and the notes of reading the file. The waived gaps themselves are
/// ``ThreatCoverage/waived``.
///
/// ```swift
/// study.waivers.expired.map(\.techniqueID)   // ["T1059.001"]
/// study.waivers.warnings.map(\.description)
/// // ["waivers.yaml:7: warning: waiver for T1059.001 expired (expires: 2026-03-31, owner: soc): T1059.001 counts as a gap again"]
/// ```
public struct WaiverReview: Sendable, Hashable {
    /// A waiver that names no gap, and why.
    public struct Unused: Sendable, Hashable {
        /// The waiver.
        public var waiver: Waiver
        /// Why it waives nothing (`T1027 is detected`).
        public var why: String
    }

    /// The waivers file, nil when none was given.
    public var path: String?
    /// The day expiry was judged on.
    public var asOf: CalendarDay
    /// Waivers past their expiry day, in file order.
    public var expired: [Waiver]
    /// Unexpired waivers that name no gap, in file order.
    public var unused: [Unused]
    /// Notes of reading the file (revoked IDs followed).
    public var notes: [RuleIssue]
    /// The techniques of the ranked gap list (waived or not), to tell whether an expired waiver's gap counts again.
    let gapIDs: Set<String>

    /// Reviews `file` against the ranked gaps (before waivers and pre-compromise are taken out).
    init(file: WaiverFile?, asOf today: CalendarDay, gaps ranked: [ThreatCoverage.Gap], coverage: CoverageResult) {
        path = file?.path
        asOf = today
        notes = file?.notes ?? []
        let ids = Set(ranked.map(\.techniqueID))
        gapIDs = ids
        let waivers = file?.waivers ?? []
        expired = waivers.filter { $0.isExpired(asOf: today) }
        unused = waivers.filter { !$0.isExpired(asOf: today) && !ids.contains($0.techniqueID) }.map { waiver in
            let detected = coverage.technique(waiver.techniqueID)?.state == .detected
            return Unused(waiver: waiver, why: detected ? "\(waiver.techniqueID) is detected"
                : "\(waiver.techniqueID) is not a technique of the chosen groups or targets")
        }
    }

    /// The expired waiver of a technique, if any.
    public func expiredWaiver(for techniqueID: String) -> Waiver? { expired.first { $0.techniqueID == techniqueID } }

    /// What an expired waiver means now (`waiver for T1059.001 expired (expires: …, owner: …): T1059.001 counts as a gap again`).
    public func message(expired waiver: Waiver) -> String {
        let id = waiver.techniqueID
        let then = gapIDs.contains(id) ? "\(id) counts as a gap again" : "it waives nothing (\(id) is not a gap)"
        return "waiver for \(id) expired (expires: \(waiver.expires), owner: \(waiver.owner)): \(then)"
    }

    /// Why an unused waiver waives nothing (`waiver for T1027 is unused: T1027 is detected`).
    public func message(unused item: Unused) -> String { "waiver for \(item.waiver.techniqueID) is unused: \(item.why)" }

    /// Notes, expired waivers and unused ones as warnings at their lines, in file order.
    public var warnings: [RuleIssue] {
        notes + expired.map { RuleIssue(path: $0.path, line: $0.line, reason: message(expired: $0), severity: .warning) }
            + unused.map { RuleIssue(path: $0.waiver.path, line: $0.waiver.line, reason: message(unused: $0), severity: .warning) }
    }
}
