extension KnowledgeBase {
    /// Finds the object a user means by an ATT&CK ID, STIX id, name, alias, tactic shortname or
    /// `Parent: Sub-technique` name (any case).
    ///
    /// A revoked ID is followed along the revoked-by chain to its replacement, with a note.
    /// A deprecated object is refused unless `inclusion` admits it. A miss throws
    /// ``LookupError/notFound(query:kind:suggestions:)`` with the closest names.
    ///
    /// ```swift
    /// try kb.resolve("T1086").note   // "T1086 was revoked by T1059.001 (PowerShell)"
    /// ```
    public func resolve(_ query: String, kind: ObjectKind? = nil, including inclusion: Inclusion = .activeOnly) throws(LookupError) -> Resolution {
        let q = query.trimmedWhitespace(newlines: true)
        let candidates = exactMatches(q).filter { kind == nil || $0.kind == kind }
        if candidates.isEmpty {
            throw LookupError.notFound(query: q, kind: kind, suggestions: suggestions(for: q, kind: kind))
        }
        let admitted = candidates.filter { inclusion.admits($0) }
        let active = admitted.filter(\.isActive)
        let pool = active.isEmpty ? admitted : active
        if pool.count == 1, let only = pool.first {
            let note: String? = only.isActive ? nil : "\(only.label) is \(only.isRevoked ? "revoked" : "deprecated")"
            return Resolution(object: only, note: note)
        }
        if pool.count > 1 {
            // An exact ATT&CK ID or name match beats an alias match.
            let exact = pool.filter { $0.attackID.caseInsensitiveCompare(q) == .orderedSame || $0.name.caseInsensitiveCompare(q) == .orderedSame }
            if exact.count == 1, let only = exact.first { return Resolution(object: only, note: nil) }
            throw LookupError.ambiguous(query: q, candidates: pool.map(Self.suggestion))
        }
        // Everything matched is excluded: follow revocations, else explain.
        for c in candidates where c.isRevoked {
            let replacement: AttackObject?
            switch status(of: c) {
            case .remapped(_, let to): replacement = to
            case .revoked(_, let last?) where inclusion.admits(last) || last.isActive: replacement = last
            default: replacement = nil
            }
            if let replacement {
                let label = c.attackID.isEmpty ? c.name : c.attackID
                return Resolution(object: replacement, note: "\(label) was revoked by \(replacement.label)")
            }
        }
        let first = candidates[0]
        throw LookupError.excluded(query: q, object: Self.suggestion(first), reason: first.isRevoked ? .revoked : .deprecated)
    }

    private func exactMatches(_ q: String) -> [AttackObject] {
        if let i = byStixID[q] { return [objects[i]] }
        var result = (byAttackID[q.uppercased()] ?? []).map { objects[$0] }
        if result.isEmpty { result = (byName[q.lowercased()] ?? []).map { objects[$0] } }
        // Tactics are also known by their shortname (`credential-access`), as tables print them.
        if result.isEmpty, let tactic = tactic(shortname: q.lowercased()) { result = [tactic] }
        // Sub-techniques are also written `Parent: Sub` (`Phishing: Spearphishing Link`), as ATT&CK
        // shows them; this also tells apart sub-techniques of the same name under two parents.
        if result.isEmpty, let colon = q.range(of: ": ") {
            let parentName = q[..<colon.lowerBound].trimmingCharacters(in: .whitespaces).lowercased()
            let subName = q[colon.upperBound...].trimmingCharacters(in: .whitespaces).lowercased()
            let parents = (byName[parentName] ?? byAttackID[parentName.uppercased()] ?? []).map { objects[$0] }.filter { $0.kind == .technique }
            result = (byName[subName] ?? []).map { objects[$0] }.filter { sub in
                sub.kind == .technique && parents.contains { $0.attackID == sub.parentAttackID }
            }
        }
        return result
    }

    static func suggestion(_ o: AttackObject) -> LookupError.Suggestion {
        LookupError.Suggestion(attackID: o.attackID, name: o.name, kind: o.kind)
    }

    /// Up to three active objects whose name, alias or ID is closest to `q`.
    func suggestions(for q: String, kind: ObjectKind?) -> [LookupError.Suggestion] {
        let target = normalizedForMatching(q)
        guard !target.isEmpty else { return [] }
        let targetChars = Array(target)
        let limit = max(1, min(3, target.count / 3))
        var scored: [(score: Int, object: AttackObject)] = []
        for o in objects where o.isActive && (kind == nil || o.kind == kind) {
            var best = Int.max
            for key in [o.attackID, o.name] + o.aliases where !key.isEmpty {
                let k = normalizedForMatching(key)
                if k == target { best = 0; break }
                if k.hasPrefix(target) || (target.count >= 4 && k.contains(target)) { best = min(best, 1); continue }
                let d = editDistance(Array(k), targetChars, limit: limit)
                if d <= limit { best = min(best, d + 1) }
            }
            if best != Int.max { scored.append((best, o)) }
        }
        scored.sort { $0.score != $1.score ? $0.score < $1.score : $0.object.attackID < $1.object.attackID }
        return scored.prefix(3).map { Self.suggestion($0.object) }
    }
}

import Foundation
