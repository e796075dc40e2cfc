/// How ``LayerCombiner`` combines layers.
public enum LayerOperation: Sendable, Hashable {
    /// The Navigator's score expression over `a`, `b`, `c`… (``ScoreExpression``). A cell
    /// appears when at least one input scored it; unscored or missing cells count as 0.
    case expression(String)
    /// Cells annotated in any input; score = the highest input score.
    case union
    /// Cells annotated in every input; score = the lowest input score.
    case intersection
    /// Cells annotated in the first input and in none of the others; the first's score.
    case difference

    /// A short label for names and metadata.
    public var label: String {
        switch self {
        case .expression(let e): "score = \(e)"
        case .union: "union"
        case .intersection: "intersection"
        case .difference: "difference"
        }
    }
}
