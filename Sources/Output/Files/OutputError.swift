/// Why an output could not be written: the path (or `standard output`) and what the system said.
///
/// ```swift
/// OutputError(path: "/dev/full", reason: "No space left on device").description
/// // "/dev/full: No space left on device"
/// ```
public struct OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
