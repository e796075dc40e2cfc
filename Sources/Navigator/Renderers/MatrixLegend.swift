/// What a drawn matrix needs explained: the colours (the layer's legend items, each with a
/// one-letter key when their initials differ, e.g. D/L/B for coverage), a gradient bar with
/// its minimum and maximum when scores are coloured continuously, and every other visual
/// encoding the cells use. HTML and SVG draw their legends from it, so nothing is left unsaid.
///
/// ```swift
/// let legend = MatrixView(layer: coverage, matrix: matrix).legend
/// legend.items.map(\.key)          // ["D", "L", "B"]
/// legend.encodings.contains(.comment)
/// ```
public struct MatrixLegend: Sendable {
    /// A colour of the legend.
    public struct Item: Sendable, Hashable {
        public var label: String
        public var color: RGBColor
        /// The letter printed in cells of this colour, when the legend's initials are distinct.
        public var key: String?
    }

    /// A visual encoding besides the fill colour.
    public enum Encoding: String, Sendable, CaseIterable {
        /// Amber bottom border: the technique has a comment.
        case comment
        /// Blue right border: the technique has links.
        case links
        /// Hatched and struck through: the technique is disabled in the layer.
        case disabled
        /// A +/− handle (HTML) or grey side bar (SVG): sub-techniques not drawn.
        case subtechniques
        /// The number after the name: the technique's score (HTML: shown on request or where scores differ).
        case score
        /// `Σ` number: the score aggregated over the technique and its sub-techniques.
        case aggregate
        /// A letter in the cell: the legend item its colour stands for.
        case key
    }

    public var items: [Item]
    /// The gradient to draw as a bar with its ends, when scored cells are coloured by it and
    /// the items do not name their colours.
    public var gradient: Gradient?
    /// Encodings used by the drawn cells, in declaration order.
    public var encodings: [Encoding]

    public var isEmpty: Bool { items.isEmpty && gradient == nil && encodings.isEmpty }
}

extension MatrixView {
    /// Letters for the layer's legend items (hex colour → letter), when there are 2–6 items
    /// whose labels start with distinct letters; empty otherwise.
    static func legendKeys(_ items: [LegendItem]) -> [String: String] {
        guard (2...6).contains(items.count) else { return [:] }
        var keys: [String: String] = [:]
        var used = Set<String>()
        for item in items {
            guard let first = item.label.first(where: { $0.isLetter }), let color = RGBColor(parsing: item.color) else { return [:] }
            let key = String(first).uppercased()
            guard used.insert(key).inserted else { return [:] }
            keys[color.opaqueOverWhite.hex] = key
        }
        return keys
    }

    /// The letter printed in `cell`, when its colour is a keyed legend item.
    public func key(of cell: Cell) -> String? {
        guard cell.isEnabled, let fill = cell.fill?.opaqueOverWhite else { return nil }
        return keys[fill.hex]
    }

    /// Every cell drawn: parents and the drawn sub-techniques of expanded parents.
    public var drawnCells: [Cell] { columns.flatMap { $0.cells.flatMap { [$0] + $0.drawnSubtechniques } } }

    /// The legend of this view (see ``MatrixLegend``).
    public var legend: MatrixLegend {
        let items = (layer.legendItems ?? []).compactMap { item -> MatrixLegend.Item? in
            guard let color = RGBColor(parsing: item.color)?.opaqueOverWhite else { return nil }
            return MatrixLegend.Item(label: item.label, color: color, key: keys[color.hex])
        }
        let named = Set(items.map(\.color.hex))
        let cells = drawnCells
        let continuous = cells.contains { c in
            c.isEnabled && c.entry?.explicitColor == nil && (c.aggregateScore ?? c.score) != nil && !named.contains(c.fill?.opaqueOverWhite.hex ?? "")
        }
        var used: [MatrixLegend.Encoding] = []
        func note(_ e: MatrixLegend.Encoding, _ condition: Bool) { if condition { used.append(e) } }
        note(.comment, cells.contains { !($0.entry?.comment ?? "").isEmpty })
        note(.links, cells.contains { !($0.entry?.links ?? []).isEmpty })
        note(.disabled, cells.contains { !$0.isEnabled })
        note(.subtechniques, columns.contains { $0.cells.contains { !$0.subtechniques.isEmpty } })
        note(.score, cells.contains { $0.score != nil })
        note(.aggregate, cells.contains { $0.aggregateScore != nil })
        note(.key, cells.contains { key(of: $0) != nil })
        return MatrixLegend(items: items, gradient: continuous ? gradient : nil, encodings: used)
    }
}
