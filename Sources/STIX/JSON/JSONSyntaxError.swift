/// Where and why JSON text could not be read.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// Byte offset from the start of the input.
    public let offset: Int
    /// What the reader expected at that offset, e.g. "',' or '}' after an object member".
    public let expected: String
    /// What it found instead ("end of input", "'x'").
    public let found: String
}
