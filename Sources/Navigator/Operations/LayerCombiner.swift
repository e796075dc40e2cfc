/// Combines layers cell by cell (technique × tactic): score expressions as in the
/// Navigator's "create layer from other layers", and union, intersection and difference.
/// Comments, metadata and links of the inputs are merged into the result, not dropped.
///
/// ```swift
/// let a = try LayerFile.read(contentsOf: aURL).layers[0], b = try LayerFile.read(contentsOf: bURL).layers[0]
/// let both = try LayerCombiner.combine([a, b], .expression("a > 0 and b > 0"), matrix: MatrixIndex(kb)).layer
/// ```
public enum LayerCombiner {
    /// Combines `layers` (variables `a`, `b`… in this order).
    ///
    /// - Parameters:
    ///   - names: labels of the inputs for merged comments (default: the layer names).
    ///   - matrix: when given, entries without a tactic are first spread over their tactics,
    ///     so `T1078` in one layer meets `T1078 / persistence` in another.
    /// - Throws: ``CombineError`` for no layers, mixed domains or a bad expression.
    public static func combine(
        _ layers: [Layer], _ operation: LayerOperation, name: String? = nil, names: [String]? = nil, matrix: MatrixIndex? = nil
    ) throws(CombineError) -> GeneratedLayer {
        guard let first = layers.first else { throw CombineError.noLayers }
        let labels = names ?? layers.map(\.name)
        if Set(layers.map(\.domain)).count > 1 {
            throw CombineError.differentDomains(zip(labels, layers).map { "\($0.0) (\($0.1.domain.rawValue))" })
        }
        let inputs = matrix.map { m in layers.map { $0.withExplicitTactics(m).layer } } ?? layers
        let tables = inputs.map(CellTable.init)
        var order: [CellKey] = []
        var seen = Set<CellKey>()
        for t in tables { for k in t.order where seen.insert(k).inserted { order.append(k) } }

        var notes: [String] = []
        var entries: [LayerTechnique] = []
        var isBoolean = false
        switch operation {
        case .expression(let text):
            let expression: ScoreExpression
            do { expression = try ScoreExpression(text, variables: layers.count) } catch { throw CombineError.expression(error) }
            isBoolean = expression.root.isBoolean
            var values = [Double](repeating: 0, count: tables.count)
            var skipped = 0
            for key in order {
                var scored = false
                for (i, t) in tables.enumerated() {
                    let s = t.cells[key]?.score
                    values[i] = s ?? 0
                    if s != nil { scored = true }
                }
                guard scored else { continue }
                let result = expression.evaluate(values)
                guard result.isFinite else { skipped += 1; continue }
                var e = merged(key, tables, labels)
                e.score = result
                entries.append(e)
            }
            if skipped > 0 { notes.append("\(skipped) cell(s) left unscored: the expression gave no finite number (division by zero?)") }
        case .union, .intersection, .difference:
            for key in order {
                let present = tables.map { $0.cells[key]?.isAnnotated ?? false }
                let keep: Bool
                switch operation {
                case .union: keep = present.contains(true)
                case .intersection: keep = !present.contains(false)
                default: keep = present[0] && !present.dropFirst().contains(true)
                }
                guard keep else { continue }
                let scores = tables.compactMap { $0.cells[key]?.score }
                var e = operation == .difference ? tables[0].cells[key] ?? LayerTechnique(techniqueID: key.techniqueID) : merged(key, tables, labels)
                e.score = operation == .union ? scores.max() : operation == .intersection ? scores.min() : tables[0].cells[key]?.score
                entries.append(e)
            }
        }
        entries = withParents(entries, tables)

        var layer = Layer(name: name ?? "\(operation.label) of \(labels.joined(separator: ", "))", domain: first.domain)
        layer.versions = first.versions ?? LayerVersions()
        layer.description = "Made by ttpkit from " + zip(labels.indices, labels).map { "\(ScoreExpression.variableName($0.0)) = \($0.1)" }.joined(separator: "; ")
            + " (\(operation.label))"
        layer.filters = first.filters
        layer.layout = first.layout
        layer.sorting = first.sorting
        layer.hideDisabled = first.hideDisabled
        layer.techniques = entries
        let scores = entries.compactMap(\.score)
        if isBoolean || (!scores.isEmpty && scores.allSatisfy { $0 == 0 || $0 == 1 }) && first.gradient == nil {
            layer.gradient = Gradient(colors: ["#ffffff", "#66b1ff"], minValue: 0, maxValue: 1)
        } else {
            let lo = scores.min() ?? 0
            let hi = scores.max() ?? 1
            layer.gradient = Gradient(colors: first.effectiveGradient.colors, minValue: lo, maxValue: hi > lo ? hi : lo + 1)
        }
        var legend: [LegendItem] = []
        var metadata: [LayerMetadata] = [.item(name: "operation", value: operation.label)]
        var links: [LayerLink] = []
        for (i, l) in layers.enumerated() {
            metadata.append(.item(name: ScoreExpression.variableName(i), value: labels[i]))
            for item in l.legendItems ?? [] where !legend.contains(item) { legend.append(item) }
            for m in l.metadata ?? [] where m != .divider && !metadata.contains(m) { metadata.append(m) }
            for k in l.links ?? [] where k != .divider && !links.contains(k) { links.append(k) }
        }
        layer.legendItems = legend
        layer.metadata = metadata
        layer.links = links
        return GeneratedLayer(layer: layer, notes: notes)
    }

    /// One cell's annotations from every input: comments labelled by layer, metadata and
    /// links de-duplicated, disabled only when every input disables it.
    static func merged(_ key: CellKey, _ tables: [CellTable], _ labels: [String]) -> LayerTechnique {
        var out = LayerTechnique(techniqueID: key.techniqueID, tactic: key.tactic.isEmpty ? nil : key.tactic)
        var comments: [String] = []
        var metadata: [LayerMetadata] = []
        var links: [LayerLink] = []
        var enabled: [Bool] = []
        for (i, t) in tables.enumerated() {
            guard let e = t.cells[key] else { continue }
            if out.techniqueID == key.techniqueID { out.techniqueID = e.techniqueID }
            if let tactic = e.tactic { out.tactic = tactic }
            if out.color == nil, let c = e.explicitColor { out.color = c }
            if let c = e.comment, !c.isEmpty {
                comments.append(tables.count > 1 ? "[\(labels[i])] \(c)" : c)
            }
            for m in e.metadata ?? [] where m == .divider || !metadata.contains(m) { metadata.append(m) }
            for l in e.links ?? [] where l == .divider || !links.contains(l) { links.append(l) }
            enabled.append(e.isEnabled)
            if e.showSubtechniques == true { out.showSubtechniques = true }
        }
        while metadata.last == .divider { metadata.removeLast() }
        while links.last == .divider { links.removeLast() }
        out.comment = comments.joined(separator: "\n")
        out.metadata = metadata
        out.links = links
        out.enabled = enabled.contains(true) || enabled.isEmpty
        return out
    }

    /// Adds unscored parent entries (with `showSubtechniques`) for sub-techniques in the
    /// result whose parent cell is not there, when some input had that parent cell.
    static func withParents(_ entries: [LayerTechnique], _ tables: [CellTable]) -> [LayerTechnique] {
        var out = entries
        var keys = Set(entries.map(\.cellKey))
        var index = Dictionary(entries.enumerated().map { ($0.element.cellKey, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for e in entries {
            let id = e.techniqueID.uppercased()
            guard let dot = id.firstIndex(of: ".") else { continue }
            let parent = CellKey(techniqueID: String(id[..<dot]), tactic: e.cellKey.tactic)
            if let i = index[parent] {
                out[i].showSubtechniques = true
            } else if keys.insert(parent).inserted, let source = tables.lazy.compactMap({ $0.cells[parent] }).first {
                index[parent] = out.count
                out.append(LayerTechnique(techniqueID: source.techniqueID, tactic: source.tactic, showSubtechniques: true))
            }
        }
        return out
    }
}

/// A layer's entries by cell, in first-seen order; a repeated cell keeps the last entry
/// (as the Navigator does).
struct CellTable {
    var cells: [CellKey: LayerTechnique] = [:]
    var order: [CellKey] = []

    init(_ layer: Layer) {
        cells.reserveCapacity(layer.techniques.count)
        order.reserveCapacity(layer.techniques.count)
        for t in layer.techniques {
            let k = t.cellKey
            if cells.updateValue(t, forKey: k) == nil { order.append(k) }
        }
    }
}
