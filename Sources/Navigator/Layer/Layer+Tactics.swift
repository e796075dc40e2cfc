import ATTACK

extension Layer {
    /// The layer with an explicit `tactic` on every technique entry: an entry without one
    /// becomes one entry per tactic of the technique (matrix order), as the Navigator reads
    /// it. Entries for techniques the data does not know are kept unchanged.
    ///
    /// - Returns: the layer and one note per entry that was expanded.
    public func withExplicitTactics(_ matrix: MatrixIndex) -> (layer: Layer, notes: [String]) {
        var out = self
        out.techniques = []
        var notes: [String] = []
        out.techniques.reserveCapacity(techniques.count)
        for (i, t) in techniques.enumerated() {
            guard t.tactic == nil else { out.techniques.append(t); continue }
            let tactics = matrix.tactics(of: t.techniqueID)
            if tactics.isEmpty { out.techniques.append(t); continue }
            for tactic in tactics {
                var copy = t
                copy.tactic = tactic
                out.techniques.append(copy)
            }
            notes.append("techniques[\(i)]: \(t.techniqueID) had no tactic; written under \(tactics.joined(separator: ", "))")
        }
        return (out, notes)
    }

    /// The same layer stamped with the knowledge base's domain and ATT&CK version.
    public func stamped(with kb: KnowledgeBase) -> Layer {
        var out = self
        var versions = out.versions ?? LayerVersions()
        if let v = kb.attackVersion { versions.attack = v }
        out.versions = versions
        out.domain = kb.domain
        return out
    }

    /// Throws ``LayerError/wrongDomain(file:layerDomain:expected:)`` when the layer is not
    /// for the knowledge base's domain (call before rendering or combining with `kb`).
    public func requireDomain(of kb: KnowledgeBase, file: String) throws(LayerError) {
        if domain != kb.domain {
            throw LayerError.wrongDomain(file: file, layerDomain: domain.rawValue, expected: kb.domain.rawValue)
        }
    }
}
