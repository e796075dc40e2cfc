import ATTACK

extension CoverageResult {
    /// The result lined up with a release — the one "align to a release" step every reader
    /// uses:
    ///
    /// - a result of another domain is an error;
    /// - a revoked ID moves to the technique that replaced it (``AlignmentChange/Kind/remapped``);
    ///   when that technique is listed too, the better state wins (``AlignmentChange/Kind/merged``)
    ///   and the rules of both are kept;
    /// - deprecated and unknown IDs are left out and reported (``alignment``);
    /// - every active technique the result does not list is added as Blind;
    /// - names, tactics, platforms and parents come from the release, techniques in its order.
    ///
    /// Notes say what happened in words. Aligning twice changes nothing.
    public func aligned(to kb: KnowledgeBase) throws(CoverageInputError) -> CoverageResult {
        if let domain, domain != kb.domain {
            throw CoverageInputError(
                path: source, reason: "holds \(domain.rawValue) coverage but the loaded ATT&CK data is \(kb.domain.rawValue)")
        }
        var changes: [AlignmentChange] = []
        var moved: [String: TechniqueCoverage] = [:]
        for var entry in techniques {
            let original = entry.techniqueID
            let status = kb.status(ofAttackID: original, kind: .technique)
            guard let technique = status.current else {
                var kind = AlignmentChange.Kind.deprecated
                if case .unknown = status { kind = .unknown }
                changes.append(AlignmentChange(kind: kind, techniqueID: original, state: entry.state))
                continue
            }
            let id = technique.attackID
            if id != original {
                changes.append(AlignmentChange(
                    kind: .remapped, techniqueID: original, replacement: id, state: entry.state, replacementName: technique.name))
                entry.techniqueID = id
            }
            if var existing = moved[id] {
                if entry.state < existing.state {
                    existing.state = entry.state
                    existing.score = entry.score
                    existing.dettect = entry.dettect ?? existing.dettect
                }
                existing.rules += entry.rules.filter { !existing.rules.contains($0) }
                existing.telemetry += entry.telemetry.filter { !existing.telemetry.contains($0) }
                changes.append(AlignmentChange(
                    kind: .merged, techniqueID: original, replacement: id, state: entry.state, replacementName: technique.name))
                moved[id] = existing
            } else {
                moved[id] = entry
            }
        }
        var aligned: [TechniqueCoverage] = []
        var missing = 0
        for technique in kb.objects(.technique).sorted(by: { $0.sortRank < $1.sortRank }) where technique.isActive {
            let id = technique.attackID
            var coverage = moved[id] ?? TechniqueCoverage(
                techniqueID: id, name: technique.name, state: .blind, score: options.scores.blind)
            if moved[id] == nil { missing += 1 }
            coverage.name = technique.name
            coverage.isSubtechnique = technique.isSubtechnique
            coverage.parentID = technique.parentAttackID
            coverage.tactics = technique.tacticShortnames
            coverage.platforms = technique.platforms
            aligned.append(coverage)
        }
        var result = self
        result.domain = kb.domain
        result.release = kb.attackVersion ?? release
        result.replaceTechniques(aligned)
        result.alignment = alignment + changes
        result.notes += alignmentNotes(changes, missing: missing, kb: kb)
        return result
    }

    func alignmentNotes(_ changes: [AlignmentChange], missing: Int, kb: KnowledgeBase) -> [String] {
        var notes: [String] = []
        let loaded = kb.attackVersion ?? ""
        if let release, release != loaded {
            notes.append("\(source) was computed on ATT&CK \(release); lined up with the loaded ATT&CK \(loaded)")
        }
        let remapped = changes.filter { $0.kind == .remapped }
        if !remapped.isEmpty {
            notes.append("\(remapped.count) revoked technique ID\(remapped.count == 1 ? "" : "s") in \(source) moved to the replacement: "
                + Self.sample(remapped.map { "\($0.techniqueID) → \($0.replacement ?? "")" }))
        }
        let dropped = changes.filter { $0.kind == .deprecated || $0.kind == .unknown }
        if !dropped.isEmpty {
            notes.append("\(dropped.count) technique\(dropped.count == 1 ? "" : "s") in \(source) not active in ATT&CK \(loaded) left out: "
                + Self.sample(dropped.map { "\($0.techniqueID) (\($0.kind.rawValue))" }))
        }
        if missing > 0 && origin != .computed && origin != .dettect {
            notes.append("\(missing) technique\(missing == 1 ? "" : "s") of ATT&CK \(loaded) not in \(source) count as Blind")
        }
        return notes
    }

    static func sample(_ items: [String]) -> String {
        items.prefix(5).joined(separator: ", ") + (items.count > 5 ? ", …" : "")
    }
}
