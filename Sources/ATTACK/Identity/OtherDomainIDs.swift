/// Which ATT&CK domain an ID belongs to when the loaded release does not know it, so that a
/// Mobile ID in an Enterprise run reads "a Mobile ATT&CK technique" rather than "newer
/// release?".
///
/// ATT&CK numbers technique, tactic and mitigation IDs from one sequence shared by the
/// domains, so an ID belongs to one domain only. ICS uses its own ranges (T08xx, TA01xx,
/// M08xx–M09xx); Mobile's IDs are scattered among Enterprise's, so they are listed as they
/// stand in Mobile ATT&CK 18.1 (checked against the shared bundles by a test). An ID past
/// that list is unknown: it may come from a newer release.
///
/// ```swift
/// OtherDomainIDs.domain(of: "T1626.001")   // .mobile
/// OtherDomainIDs.domain(of: "T0866")       // .ics
/// OtherDomainIDs.domain(of: "T1059")       // nil (an Enterprise ID, or one this list cannot place)
/// ```
public enum OtherDomainIDs {
    /// Mobile technique IDs (parents) of Mobile ATT&CK 18.1, as closed ranges of their numbers.
    static let mobileTechniques: [ClosedRange<Int>] = [
        1398...1478, 1481...1481, 1507...1510, 1512...1513, 1516...1517, 1520...1521, 1523...1523, 1532...1533,
        1540...1541, 1544...1544, 1575...1577, 1579...1579, 1581...1582, 1603...1605, 1616...1618, 1623...1646,
        1655...1655, 1658...1658, 1660...1664, 1670...1670, 1676...1676,
    ]
    /// Mobile tactic IDs (TA0027–TA0039, TA0041).
    static let mobileTactics: [ClosedRange<Int>] = [27...39, 41...41]
    /// Mobile-only mitigation IDs (M1013 is Enterprise's too).
    static let mobileMitigations: [ClosedRange<Int>] = [1001...1012, 1014...1014, 1058...1059]

    /// The domain of a technique (`T…`, sub-techniques by their parent), tactic (`TA…`) or
    /// mitigation (`M…`) ID other than Enterprise, or nil.
    public static func domain(of id: String) -> AttackDomain? {
        let upper = id.uppercased()
        let base = upper.split(separator: ".").first.map(String.init) ?? upper
        if base.hasPrefix("TA"), let n = Int(base.dropFirst(2)) {
            if (100...199).contains(n) { return .ics }
            return mobileTactics.contains { $0.contains(n) } ? .mobile : nil
        }
        guard let letter = base.first, let n = Int(base.dropFirst()) else { return nil }
        switch letter {
        case "T":
            if (800...899).contains(n) { return .ics }
            return mobileTechniques.contains { $0.contains(n) } ? .mobile : nil
        case "M":
            if (800...999).contains(n) { return .ics }
            return mobileMitigations.contains { $0.contains(n) } ? .mobile : nil
        default:
            return nil
        }
    }

    /// Why `kb` does not know `id`: it belongs to another domain (and how to read that one),
    /// or it may come from a newer release. Every answer that skips an unknown ID says this.
    ///
    /// ```swift
    /// OtherDomainIDs.reason("T1626", in: kb)
    /// // "a Mobile ATT&CK ID, not in Enterprise ATT&CK 18.1 (read Mobile data: --domain mobile)"
    /// ```
    public static func reason(_ id: String, in kb: KnowledgeBase) -> String {
        if let domain = domain(of: id), domain != kb.domain {
            return "\(domain == .ics ? "an" : "a") \(domain.displayName) ATT&CK ID, not in \(kb.title) (read \(domain.displayName) data: --domain \(domain.shortName))"
        }
        return "not in \(kb.title) (newer release? `ttpkit data update`)"
    }

    /// The warning for an ID `kb` does not know, which is skipped: "T1626 is a Mobile ATT&CK
    /// ID, not in … ; skipped".
    public static func unknownMessage(_ id: String, in kb: KnowledgeBase) -> String {
        "\(id) is \(reason(id, in: kb)); skipped"
    }
}
