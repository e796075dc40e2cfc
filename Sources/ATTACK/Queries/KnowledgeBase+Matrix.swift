extension KnowledgeBase {
    /// The matrices of this domain with their tactics in matrix order.
    public func tacticsByMatrix(including inclusion: Inclusion = .activeOnly) -> [(matrix: AttackObject, tactics: [AttackObject])] {
        objects(.matrix, including: inclusion).map { m in
            (m, m.tacticRefs.compactMap { object(stixID: $0) })
        }
    }

    /// Every active tactic once, in the order of the domain's matrices (the main matrix
    /// first), then tactics no matrix lists. Read from the bundle, never hard-coded, so
    /// renamed or split tactics in later releases come out right.
    public func orderedTactics() -> [AttackObject] {
        tacticOrder.map { objects[$0] }
    }

    static func tacticOrder(objects: [AttackObject], byKind: [ObjectKind: [Int]], byStixID: [String: Int]) -> [Int] {
        var seen = Set<Int>()
        var result: [Int] = []
        let matrices = (byKind[.matrix] ?? []).map { objects[$0] }.filter(\.isActive)
            .sorted { $0.tacticRefs.count > $1.tacticRefs.count }
        for m in matrices {
            for ref in m.tacticRefs {
                if let i = byStixID[ref], objects[i].isActive, seen.insert(i).inserted { result.append(i) }
            }
        }
        for i in byKind[.tactic] ?? [] where objects[i].isActive && seen.insert(i).inserted { result.append(i) }
        return result
    }

    /// The tactic with this shortname (any case).
    public func tactic(shortname: String) -> AttackObject? {
        objects(.tactic).first { $0.shortname.caseInsensitiveCompare(shortname) == .orderedSame }
    }
}

import Foundation
