/// Why a score expression could not be read; prints as one line with the column.
///
/// ```swift
/// print(error)   // expression column 5: unknown variable 'd' (layers are a, b, c)
/// ```
public struct ExpressionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 1-based column in the expression text.
    public let column: Int
    public let message: String

    public init(column: Int, message: String) {
        self.column = column
        self.message = message
    }

    public var description: String { "expression column \(column): \(message)" }
}
