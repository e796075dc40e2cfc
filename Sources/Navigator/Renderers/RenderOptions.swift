/// What a renderer shows of a layer: filters and the sub-technique display.
///
/// ```swift
/// var options = RenderOptions()
/// options.platforms = ["Windows"]; options.onlyAnnotated = true
/// let svg = SVGRenderer.render(layer, matrix: MatrixIndex(kb), options: options)
/// ```
public struct RenderOptions: Sendable, Hashable {
    /// Which sub-techniques are drawn under their parent.
    public enum Subtechniques: String, Sendable, Hashable, CaseIterable {
        /// As the layer says: `layout.expandedSubtechniques` and each entry's `showSubtechniques`.
        case layer
        case all
        case annotated
        case none
    }

    /// Show only techniques on these platforms (any case); `nil`: the layer's
    /// `filters.platforms`, or every platform when it has none.
    public var platforms: [String]?
    /// Show only these tactics (shortnames, names or TA IDs); `nil`: all, in matrix order.
    public var tactics: [String]?
    /// Show only annotated techniques (and the parents of annotated sub-techniques).
    public var onlyAnnotated: Bool
    public var subtechniques: Subtechniques
    /// Draw disabled techniques (greyed); `nil`: as the layer's `hideDisabled` says.
    public var showDisabled: Bool?
    /// Title above the matrix; `nil`: the layer name.
    public var title: String?
    /// Print each cell's score; `nil`: only where scores differ (overlaps, scored lists) and
    /// the colours are not already named by legend letters.
    public var showScores: Bool?

    public init(
        platforms: [String]? = nil, tactics: [String]? = nil, onlyAnnotated: Bool = false,
        subtechniques: Subtechniques = .layer, showDisabled: Bool? = nil, title: String? = nil, showScores: Bool? = nil
    ) {
        self.showScores = showScores
        self.platforms = platforms
        self.tactics = tactics
        self.onlyAnnotated = onlyAnnotated
        self.subtechniques = subtechniques
        self.showDisabled = showDisabled
        self.title = title
    }
}
