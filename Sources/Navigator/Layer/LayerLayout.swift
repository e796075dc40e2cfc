import STIX

/// The `layout` object: how the Navigator lays out the matrix.
public struct LayerLayout: Sendable, Hashable {
    /// `side`, `flat` or `mini`.
    public var layout: String
    public var showID: Bool
    public var showName: Bool
    public var showAggregateScores: Bool
    public var countUnscored: Bool
    /// `average`, `min`, `max` or `sum`.
    public var aggregateFunction: String
    /// `none`, `all` or `annotated` (4.5).
    public var expandedSubtechniques: String
    /// Fields this model does not know.
    public var extra: JSONObject

    public init(
        layout: String = "side", showID: Bool = false, showName: Bool = true, showAggregateScores: Bool = false,
        countUnscored: Bool = false, aggregateFunction: String = "average", expandedSubtechniques: String = "none",
        extra: JSONObject = JSONObject()
    ) {
        self.layout = layout
        self.showID = showID
        self.showName = showName
        self.showAggregateScores = showAggregateScores
        self.countUnscored = countUnscored
        self.aggregateFunction = aggregateFunction
        self.expandedSubtechniques = expandedSubtechniques
        self.extra = extra
    }

    static let layouts = ["side", "flat", "mini"]
    static let aggregateFunctions = ["average", "min", "max", "sum"]
    static let expansions = ["none", "all", "annotated"]
}
