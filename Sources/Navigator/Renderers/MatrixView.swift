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
        /// The parent technique's name, for sub-techniques.
        public var parentName: String? = nil
        /// The score aggregated over the technique and its sub-techniques, when the layout
        /// asks for aggregate scores (`showAggregateScores`) and there is anything to aggregate.
        public var aggregateScore: Double? = nil

        public var isAnnotated: Bool { entry?.isAnnotated ?? false }

        /// `Command and Scripting Interpreter: PowerShell` for a sub-technique, the name otherwise.
        public var qualifiedName: String {
            parentName.map { "\($0): \(technique.name)" } ?? technique.name
        }

        /// The sub-techniques drawn under an expanded parent: the annotated ones when there are
        /// any, else all of them. Every renderer draws these, so HTML and SVG show the same rows.
        public var drawnSubtechniques: [Cell] {
            guard isExpanded else { return [] }
            let annotated = subtechniques.filter(\.isAnnotated)
            return annotated.isEmpty ? subtechniques : annotated
        }
    }

    /// One tactic column.
    public struct Column: Sendable {
        public var tactic: AttackObject
        public var cells: [Cell]

        /// Parents, each followed by all its sub-techniques (for tables).
        public var allCells: [Cell] { cells.flatMap { [$0] + $0.subtechniques } }
        /// Rows drawn: parents and the drawn sub-techniques of expanded parents.
        public var visibleCount: Int { cells.reduce(0) { $0 + 1 + $1.drawnSubtechniques.count } }
    }

    public let layer: Layer
    public let columns: [Column]
    public let gradient: Gradient
    public let title: String
    /// Platforms the view is filtered to (nil: all).
    public let platforms: [String]?
    /// True when cells print their score (see ``RenderOptions/showScores``).
    public let showsScores: Bool
    /// Legend letters by fill colour (`#rrggbb` → `D`).
    let keys: [String: String]

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
                    .map { sub in var sub = sub; sub.parentName = parent.name; return sub }
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
                if layout.showAggregateScores, let aggregate = Self.aggregate(c, subs, layout: layout) {
                    c.aggregateScore = aggregate
                    if c.entry?.explicitColor == nil { c.fill = gradient.color(for: aggregate) }
                }
                cells.append(c)
            }
            if options.onlyAnnotated && cells.isEmpty { continue }
            columns.append(Column(tactic: tactic, cells: sorted(cells)))
        }
        self.columns = columns
        keys = Self.legendKeys(layer.legendItems ?? [])
        let distinct = Set(layer.techniques.filter(\.isEnabled).compactMap(\.score))
        showsScores = options.showScores ?? (keys.isEmpty && distinct.count > 1)
    }

    /// The Navigator's aggregate of a parent and its sub-techniques (`average`, `min`, `max`,
    /// `sum`); unscored ones count as 0 only with `countUnscored`. Nil when nothing is scored.
    static func aggregate(_ parent: Cell, _ subs: [Cell], layout: LayerLayout) -> Double? {
        guard !subs.isEmpty else { return nil }
        let all = [parent] + subs
        guard all.contains(where: { $0.score != nil }) else { return nil }
        let values = layout.countUnscored ? all.map { $0.score ?? 0 } : all.compactMap(\.score)
        switch layout.aggregateFunction {
        case "min": return values.min()
        case "max": return values.max()
        case "sum": return values.reduce(0, +)
        default: return values.reduce(0, +) / Double(max(values.count, 1))
        }
    }
}
