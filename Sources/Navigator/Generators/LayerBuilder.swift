import ATTACK

/// Places scored techniques in the matrix: filters by platform, writes one entry per tactic (or
/// only under the chosen tactic), and marks parents of annotated sub-techniques with
/// `showSubtechniques` (adding an unscored parent entry when the parent is not annotated).
struct LayerBuilder {
    let matrix: MatrixIndex
    let platforms: [String]?
    let tactic: String?
    let color: String?
    /// The score of a technique scored nil.
    let defaultScore: Double

    /// Resolves the options against the release: platform and tactic names as the bundle
    /// spells them, the colour checked.
    init(matrix: MatrixIndex, options: GeneratorOptions) throws(GeneratorError) {
        self.matrix = matrix
        let known = matrix.kb.platforms
        if let requested = options.platforms, !requested.isEmpty {
            var names: [String] = []
            for p in requested {
                guard let match = matrix.kb.platform(named: p) else {
                    throw GeneratorError.unknownPlatform(p, available: known)
                }
                names.append(match)
            }
            platforms = names
        } else {
            platforms = nil
        }
        if let t = options.tactic {
            guard let tactic = matrix.tactics.first(where: {
                $0.shortname.caseInsensitiveCompare(t) == .orderedSame || $0.name.caseInsensitiveCompare(t) == .orderedSame
                    || $0.attackID.caseInsensitiveCompare(t) == .orderedSame
            }) else { throw GeneratorError.unknownTactic(t, available: matrix.tactics.map(\.shortname)) }
            self.tactic = tactic.shortname
        } else {
            tactic = nil
        }
        if let c = options.color, RGBColor(parsing: c) == nil { throw GeneratorError.invalidColor(c) }
        color = options.color
        defaultScore = options.score ?? 1
    }

    /// The platforms written to `filters.platforms`: the chosen ones, else all of the release.
    var filterPlatforms: [String] { platforms ?? matrix.kb.platforms }

    /// The technique's page on attack.mitre.org, the first link of every entry.
    func pageLink(_ t: AttackObject) -> [LayerLink] {
        t.url.map { [.link(label: "\(t.attackID) on attack.mitre.org", url: $0)] } ?? []
    }

    func admits(_ t: AttackObject) -> Bool {
        guard let platforms else { return true }
        return t.platforms.contains { platforms.contains($0) }
    }

    /// The technique entries for `scored`, and notes on what was left out.
    func entries(_ scored: ScoredTechniques) -> (entries: [LayerTechnique], notes: [String]) {
        var entries: [LayerTechnique] = []
        var notes: [String] = []
        var index: [CellKey: Int] = [:]
        var filteredByPlatform = 0
        var filteredByTactic = 0
        for a in scored.entries {
            guard admits(a.technique) else { filteredByPlatform += 1; continue }
            var tactics = matrix.tactics(of: a.technique.attackID)
            if let tactic { tactics = tactics.filter { $0 == tactic } }
            if tactics.isEmpty { filteredByTactic += 1; continue }
            for t in tactics {
                let e = LayerTechnique(
                    techniqueID: a.technique.attackID, tactic: t, score: a.score ?? defaultScore, color: a.color ?? color,
                    comment: a.comment, enabled: true, metadata: a.facts.map { .item(name: $0.name, value: $0.value) },
                    links: pageLink(a.technique) + a.links.map { .link(label: $0.label, url: $0.url) }, showSubtechniques: false)
                index[e.cellKey] = entries.count
                entries.append(e)
            }
        }
        // Parents of annotated sub-techniques open by default.
        for e in entries {
            guard let parent = matrix.technique(e.techniqueID)?.parentAttackID, let tactic = e.tactic else { continue }
            let key = CellKey(techniqueID: parent.uppercased(), tactic: tactic)
            if let i = index[key] {
                entries[i].showSubtechniques = true
            } else if matrix.tactics(of: parent).contains(tactic) {
                index[key] = entries.count
                entries.append(LayerTechnique(
                    techniqueID: parent, tactic: tactic, color: "", comment: "", enabled: true, metadata: [], links: [],
                    showSubtechniques: true))
            }
        }
        let order = Dictionary(matrix.tactics.enumerated().map { ($0.element.shortname, $0.offset) }, uniquingKeysWith: { a, _ in a })
        entries.sort { a, b in
            a.techniqueID != b.techniqueID
                ? KnowledgeBase.attackIDLess(a.techniqueID, b.techniqueID)
                : (order[a.tactic ?? ""] ?? 0) < (order[b.tactic ?? ""] ?? 0)
        }
        if filteredByPlatform > 0, let platforms {
            notes.append("\(filteredByPlatform) technique(s) left out: not on \(platforms.joined(separator: ", "))")
        }
        if filteredByTactic > 0, let tactic { notes.append("\(filteredByTactic) technique(s) left out: not in tactic \(tactic)") }
        return (entries, notes)
    }
}
