import ATTACK

/// A layer laid over the matrix, ready to draw: columns of tactics in matrix order, each
/// with its techniques (sorted as the layer asks), their entry, score, fill colour and
/// sub-techniques. Every renderer draws from this, so they agree on what is shown.
public struct MatrixView: Sendable {
    /// One technique cell.
    public struct Cell: Sendable {
        public var technique: AttackObject
        /// The layer's entry for this technique under this tactic.
        public var entry: LayerTechnique?
        public var isSubtechnique: Bool
        public var score: Double?
        /// Explicit colour, else the score's gradient colour; nil when neither.
        public var fill: RGBColor?
        public var isEnabled: Bool
        /// Shown sub-techniques first when ``isExpanded``; all of them otherwise.
        public var subtechniques: [Cell]
        /// True when the sub-techniques are drawn open.
        public var isExpanded: Bool

        public var isAnnotated: Bool { entry?.isAnnotated ?? false }
    }

    /// One tactic column.
    public struct Column: Sendable {
        public var tactic: AttackObject
        public var cells: [Cell]

        /// Parents, each followed by all its sub-techniques (for tables).
        public var allCells: [Cell] { cells.flatMap { [$0] + $0.subtechniques } }
        /// Techniques drawn: parents and the sub-techniques of expanded parents.
        public var visibleCount: Int { cells.reduce(0) { $0 + 1 + ($1.isExpanded ? $1.subtechniques.count : 0) } }
    }

    public let layer: Layer
    public let columns: [Column]
    public let gradient: Gradient
    public let title: String
    /// Platforms the view is filtered to (nil: all).
    public let platforms: [String]?

    public init(layer: Layer, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) {
        self.layer = layer
        gradient = layer.effectiveGradient
        title = options.title ?? layer.name
        let requested = options.platforms ?? layer.filters?.platforms
        let allPlatforms = matrix.kb.platforms
        let platformSet: Set<String>? = requested.flatMap { list in
            let set = Set(list.map { $0.lowercased() })
            return set.isEmpty || allPlatforms.allSatisfy({ set.contains($0.lowercased()) }) ? nil : set
        }
        platforms = platformSet.map { set in allPlatforms.filter { set.contains($0.lowercased()) } }
        var tactics = matrix.tactics
        if let wanted = options.tactics?.map({ $0.lowercased() }), !wanted.isEmpty {
            tactics = tactics.filter { wanted.contains($0.shortname.lowercased()) || wanted.contains($0.name.lowercased()) || wanted.contains($0.attackID.lowercased()) }
        }
        var entries: [CellKey: LayerTechnique] = [:]
        for t in layer.techniques { entries[t.cellKey] = t }
        let layout = layer.effectiveLayout
        let showDisabled = options.showDisabled ?? !(layer.hideDisabled ?? false)
        let gradient = self.gradient

        func onPlatform(_ t: AttackObject) -> Bool {
            guard let platformSet else { return true }
            return t.platforms.contains { platformSet.contains($0.lowercased()) }
        }
        func cell(_ t: AttackObject, tactic: String, isSub: Bool) -> Cell? {
            let id = t.attackID.uppercased()
            let entry = entries[CellKey(techniqueID: id, tactic: tactic)] ?? entries[CellKey(techniqueID: id, tactic: "")]
            let enabled = entry?.isEnabled ?? true
            if !enabled && !showDisabled { return nil }
            let fill = entry?.explicitColor.flatMap(RGBColor.init(parsing:)) ?? entry?.score.flatMap { gradient.color(for: $0) }
            return Cell(technique: t, entry: entry, isSubtechnique: isSub, score: entry?.score, fill: fill, isEnabled: enabled, subtechniques: [], isExpanded: false)
        }
        let sorting = layer.sorting ?? 0
        func sorted(_ cells: [Cell]) -> [Cell] {
            switch sorting {
            case 1: return cells.sorted { $0.technique.name > $1.technique.name }
            case 2: return cells.sorted { ($0.score ?? .infinity, $0.technique.name) < ($1.score ?? .infinity, $1.technique.name) }
            case 3: return cells.sorted { ($0.score ?? -.infinity, $1.technique.name) > ($1.score ?? -.infinity, $0.technique.name) }
            default: return cells.sorted { $0.technique.name < $1.technique.name }
            }
        }

        var columns: [Column] = []
        for tactic in tactics {
            let short = tactic.shortname.lowercased()
            var cells: [Cell] = []
            for parent in matrix.parentsByTactic[tactic.shortname] ?? [] where onPlatform(parent) {
                guard var c = cell(parent, tactic: short, isSub: false) else { continue }
                var subs = (matrix.subtechniquesByParent[parent.attackID.uppercased()] ?? []).filter(onPlatform)
                    .compactMap { cell($0, tactic: short, isSub: true) }
                if options.onlyAnnotated { subs = subs.filter(\.isAnnotated) }
                let anyAnnotated = subs.contains(where: \.isAnnotated)
                if options.onlyAnnotated && !c.isAnnotated && !anyAnnotated { continue }
                c.subtechniques = sorted(subs)
                switch options.subtechniques {
                case .all: c.isExpanded = !subs.isEmpty
                case .none: c.isExpanded = false
                case .annotated: c.isExpanded = anyAnnotated
                case .layer:
                    c.isExpanded = !subs.isEmpty && (c.entry?.showSubtechniques == true || layout.expandedSubtechniques == "all"
                        || (layout.expandedSubtechniques == "annotated" && anyAnnotated))
                }
                cells.append(c)
            }
            if options.onlyAnnotated && cells.isEmpty { continue }
            columns.append(Column(tactic: tactic, cells: sorted(cells)))
        }
        self.columns = columns
    }

    /// The legend: the layer's items, else the gradient's ends when anything is scored.
    public var legend: [LegendItem] {
        if let items = layer.legendItems, !items.isEmpty { return items }
        guard layer.techniques.contains(where: { $0.score != nil }) else { return [] }
        return [
            LegendItem(label: formatScore(gradient.minValue), color: gradient.colors.first ?? "#ffffff"),
            LegendItem(label: formatScore(gradient.maxValue), color: gradient.colors.last ?? "#ffffff"),
        ]
    }
}
