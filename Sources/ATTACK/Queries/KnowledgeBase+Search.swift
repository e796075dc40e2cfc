import Foundation

/// One hit of a free-text search.
public struct SearchHit: Sendable {
    public let object: AttackObject
    /// Where the text was found: `id`, `name`, `alias` or `description`.
    public let field: String
    /// 0 for an exact ID/name hit, rising for weaker matches.
    public let rank: Int
}

extension KnowledgeBase {
    /// Finds objects whose ATT&CK ID, name, aliases or description contain `text` (any case),
    /// best matches first: exact ID or name, then name or alias, then description; within each,
    /// techniques, groups and software before detection content, closer names first.
    public func search(_ text: String, kinds: Set<ObjectKind>? = nil, including inclusion: Inclusion = .activeOnly) -> [SearchHit] {
        let needle = text.trimmedWhitespace()
        guard !needle.isEmpty else { return [] }
        let match = CaseInsensitiveMatch(needle)
        var hits: [SearchHit] = []
        for o in objects where inclusion.admits(o) && (kinds?.contains(o.kind) ?? true) {
            let idHit = match.equals(o.attackID)
            if idHit || match.equals(o.name) {
                hits.append(SearchHit(object: o, field: idHit ? "id" : "name", rank: 0))
            } else if match.found(in: o.name) {
                hits.append(SearchHit(object: o, field: "name", rank: 1))
            } else if o.aliases.contains(where: { match.found(in: $0) }) {
                hits.append(SearchHit(object: o, field: "alias", rank: 2))
            } else if let description = o.descriptionText, match.found(in: description) {
                hits.append(SearchHit(object: o, field: "description", rank: 3))
            }
        }
        // Within a rank, what analysts look for first (techniques, groups, software...) comes before
        // detection strategies and analytics whose names repeat technique names, and a name the
        // text covers more of (`OS Credential Dumping` for "credential dumping") before longer ones.
        return hits.sorted { a, b in
            if a.rank != b.rank { return a.rank < b.rank }
            let ka = Self.searchPriority(a.object.kind), kb = Self.searchPriority(b.object.kind)
            if ka != kb { return ka < kb }
            if a.rank == 1, a.object.name.count != b.object.name.count { return a.object.name.count < b.object.name.count }
            return Self.attackIDOrder(a.object, b.object)
        }
    }

    static func searchPriority(_ kind: ObjectKind) -> Int {
        switch kind {
        case .technique: 0
        case .group: 1
        case .software: 2
        case .campaign: 3
        case .tactic: 4
        case .mitigation: 5
        case .dataComponent, .dataSource: 6
        case .asset: 7
        default: 8
        }
    }

    /// Objects created strictly after `timestamp` (an ISO 8601 date or date-time).
    public func objects(createdAfter timestamp: String, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        let t = Self.normalizedTimestamp(timestamp)
        return objects.filter { inclusion.admits($0) && ($0.created.map { Self.normalizedTimestamp($0) > t } ?? false) }
    }

    /// Objects modified strictly after `timestamp` (an ISO 8601 date or date-time).
    public func objects(modifiedAfter timestamp: String, including inclusion: Inclusion = .activeOnly) -> [AttackObject] {
        let t = Self.normalizedTimestamp(timestamp)
        return objects.filter { inclusion.admits($0) && ($0.modified.map { Self.normalizedTimestamp($0) > t } ?? false) }
    }

    /// `2024-01-01` → `2024-01-01T00:00:00.000Z`, so timestamps compare as text.
    static func normalizedTimestamp(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        if t.count == 10 { t += "T00:00:00" }
        if t.hasSuffix("Z") { t.removeLast() }
        if !t.contains(".") { t += ".000" }
        let parts = t.split(separator: ".", maxSplits: 1)
        let fraction = parts.count > 1 ? String(parts[1].prefix(3)).padding(toLength: 3, withPad: "0", startingAt: 0) : "000"
        return String(parts[0]) + "." + fraction + "Z"
    }
}
