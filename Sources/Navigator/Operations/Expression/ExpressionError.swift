/// Why a score expression could not be read; prints as one line with the column.
///
/// ```swift
/// print(error)   // expression column 5: unknown variable 'c': there is no layer 3 (2 layers given: a, b)
/// ```
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based column in the expression text.
    public let column: Int
    public let message: String

    public var description: String { "expression column \(column): \(message)" }
}
