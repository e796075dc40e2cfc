import Foundation

extension KnowledgeBase {
    /// Objects of a kind in ATT&CK ID order, those whose ID, name or an alias contains `text`
    /// (any case) when it is given: the lists of `ttpkit groups --match` and `/api/groups?match=`.
    public func objects(_ kind: ObjectKind, matching text: String?, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        var list = objects(kind, including: inclusion).sorted { $0.sortRank < $1.sortRank }
        if let text, !text.isEmpty {
            list = list.filter { o in
                ([o.attackID, o.name] + o.aliases).contains { $0.range(of: text, options: .caseInsensitive) != nil }
            }
        }
        return list
    }
}
