/// A score expression over layers, as in the Navigator's "create layer from other layers":
/// variables `a`, `b`, `c`… name the input layers in order; `+ - * / %`, comparisons
/// (`== != < <= > >=`), `and or xor not` (also `&& || !`), the ternary `c ? x : y`,
/// `min(…)`, `max(…)`, `abs(…)`, numbers, `true` and `false`. Booleans count as 1 and 0.
///
/// ```swift
/// let e = try ScoreExpression("a > b ? 25 : min(a, 10)", variables: 2)
/// e.evaluate([30, 5])   // 25
/// ```
public struct ScoreExpression: Sendable, Hashable, CustomStringConvertible {
    /// The text as given.
    public let text: String
    let root: Node
    /// The variables the expression reads (0 = `a`).
    public let variablesUsed: Set<Int>

    /// Parses `text`; `variables` is how many layers there are (`a`… up to that many).
    /// - Throws: ``ExpressionError`` naming the column and what was expected, or a
    ///   variable with no layer.
    public init(_ text: String, variables: Int) throws(ExpressionError) {
        self.text = text
        var parser = ExpressionParser(text, variableCount: variables)
        root = try parser.parseAll()
        variablesUsed = parser.used
    }

    /// Evaluates with `values[i]` as variable i (missing ones are 0).
    public func evaluate(_ values: [Double]) -> Double {
        root.evaluate(values)
    }

    public var description: String { text }

    /// The variable name of layer `i`: `a`, `b`, … `z`, then `a1`, `b1`…
    public static func variableName(_ i: Int) -> String {
        let letter = String(UnicodeScalar(UInt8(97 + i % 26)))
        return i < 26 ? letter : letter + String(i / 26)
    }
}

/// A parsed expression.
indirect enum Node: Sendable, Hashable {
    case number(Double)
    case variable(Int)
    case unary(String, Node)
    case binary(String, Node, Node)
    case ternary(Node, Node, Node)
    case call(String, [Node])

    func evaluate(_ v: [Double]) -> Double {
        switch self {
        case .number(let n): return n
        case .variable(let i): return i < v.count ? v[i] : 0
        case .unary(let op, let x):
            let a = x.evaluate(v)
            return op == "-" ? -a : op == "+" ? a : (a == 0 ? 1 : 0)
        case .binary(let op, let l, let r):
            let a = l.evaluate(v)
            // Short-circuit the logical operators.
            if op == "and" { return a != 0 ? (r.evaluate(v) != 0 ? 1 : 0) : 0 }
            if op == "or" { return a != 0 ? 1 : (r.evaluate(v) != 0 ? 1 : 0) }
            let b = r.evaluate(v)
            switch op {
            case "+": return a + b
            case "-": return a - b
            case "*": return a * b
            case "/": return a / b
            case "%": return a.truncatingRemainder(dividingBy: b)
            case "^": return Self.power(a, b)
            case "==": return a == b ? 1 : 0
            case "!=": return a != b ? 1 : 0
            case "<": return a < b ? 1 : 0
            case "<=": return a <= b ? 1 : 0
            case ">": return a > b ? 1 : 0
            case ">=": return a >= b ? 1 : 0
            case "xor": return (a != 0) != (b != 0) ? 1 : 0
            default: return .nan
            }
        case .ternary(let c, let x, let y): return c.evaluate(v) != 0 ? x.evaluate(v) : y.evaluate(v)
        case .call(let f, let args):
            let xs = args.map { $0.evaluate(v) }
            switch f {
            case "min": return xs.min() ?? .nan
            case "max": return xs.max() ?? .nan
            case "abs": return abs(xs.first ?? .nan)
            default: return .nan
            }
        }
    }

    static func power(_ a: Double, _ b: Double) -> Double {
        if b == b.rounded(), abs(b) < 64 {
            var r = 1.0
            for _ in 0..<Int(abs(b)) { r *= a }
            return b < 0 ? 1 / r : r
        }
        return .nan
    }

    /// True when the result is a comparison or logical value (0 or 1).
    var isBoolean: Bool {
        switch self {
        case .unary(let op, _): return op == "not"
        case .binary(let op, _, _): return ["==", "!=", "<", "<=", ">", ">=", "and", "or", "xor"].contains(op)
        case .ternary(_, let x, let y): return x.isBoolean && y.isBoolean
        default: return false
        }
    }
}
