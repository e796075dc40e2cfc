/// Why an output could not be written: the path (or `standard output`) and what the system said.
///
/// ```swift
/// OutputError(path: "/dev/full", reason: "No space left on device").description
/// // "/dev/full: No space left on device"
/// ```
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file, or `standard output`.
    public let path: String
    /// What the system said: "No space left on device".
    public let reason: String

    public init(path: String, reason: String) { (self.path, self.reason) = (path, reason) }

    public var description: String { "\(path): \(reason)" }
}
