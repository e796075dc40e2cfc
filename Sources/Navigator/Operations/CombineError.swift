/// Why layers could not be combined; one line each.
public enum CombineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No input layers.
    case noLayers
    /// Inputs of several domains: `["a.json: enterprise-attack", "b.json: mobile-attack"]`.
    case differentDomains([String])
    /// The score expression is malformed or names a missing layer.
    case expression(ExpressionError)

    public var description: String {
        switch self {
        case .noLayers: "no layers to combine"
        case .differentDomains(let list): "cannot combine layers of different domains: " + list.joined(separator: ", ")
        case .expression(let e): e.description
        }
    }
}
