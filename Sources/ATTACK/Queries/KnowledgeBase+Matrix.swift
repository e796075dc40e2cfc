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
        var seen = Set<Int>()
        var result: [AttackObject] = []
        let matrices = objects(.matrix).sorted { $0.tacticRefs.count > $1.tacticRefs.count }
        for m in matrices {
            for ref in m.tacticRefs {
                if let t = object(stixID: ref), t.isActive, seen.insert(t.index).inserted { result.append(t) }
            }
        }
        for t in objects(.tactic) where seen.insert(t.index).inserted { result.append(t) }
        return result
    }

    /// The tactic with this shortname (any case).
    public func tactic(shortname: String) -> AttackObject? {
        objects(.tactic).first { $0.shortname.caseInsensitiveCompare(shortname) == .orderedSame }
    }
}

import Foundation
