import ATTACK

extension CoverageSnapshot {
    /// The snapshot completed against a release: names and tactics filled in where the source
    /// left them out, and every active technique it does not list added as Blind — so shares
    /// (`fail-under`) count the whole release. Techniques the release does not know are kept.
    ///
    /// ```swift
    /// let full = try CoverageSnapshot.read(path: "partial.json").completed(with: kb)
    /// full.entries.count == kb.objects(.technique).count   // true when all IDs are known
    /// ```
    public func completed(with kb: KnowledgeBase) -> CoverageSnapshot {
        var entries = self.entries
        for index in entries.indices where entries[index].name.isEmpty || entries[index].tactics.isEmpty {
            guard let technique = kb.objects(attackID: entries[index].techniqueID).first(where: \.isActive) else { continue }
            if entries[index].name.isEmpty { entries[index].name = technique.name }
            if entries[index].tactics.isEmpty { entries[index].tactics = technique.tacticShortnames }
        }
        for technique in kb.objects(.technique) where entry(technique.attackID) == nil {
            entries.append(Entry(techniqueID: technique.attackID, name: technique.name, tactics: technique.tacticShortnames, state: .blind))
        }
        return CoverageSnapshot(source: source, domain: domain ?? kb.domain, release: release ?? kb.attackVersion, entries: entries)
    }
}
