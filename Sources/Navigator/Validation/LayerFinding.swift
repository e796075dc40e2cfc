/// One problem found in a layer: its severity, the JSON path it is at and what is wrong.
///
/// ```swift
/// print(finding)   // techniques[12].score: error: expected a number, found string "high"
/// ```
public struct LayerFinding: Sendable, Hashable, CustomStringConvertible {
    /// How bad a finding is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case warning
        case error

        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var severity: Severity
    /// JSON path inside the file: `techniques[12].score`, `[1].domain` for the second layer of an array.
    public var path: String
    public var message: String
    /// True when the reader cannot build a layer past this problem.
    public var isFatal: Bool

    public init(_ severity: Severity, _ path: String, _ message: String, fatal: Bool = false) {
        self.severity = severity
        self.path = path
        self.message = message
        self.isFatal = fatal
    }

    public var description: String { "\(path.isEmpty ? "(layer)" : path): \(severity.rawValue): \(message)" }

    /// `file: path: severity: message` — the line the CLI prints.
    public func line(file: String) -> String { "\(file): \(description)" }
}

/// One change made while reading an older layer into the 4.5 model.
public struct LayerUpgrade: Sendable, Hashable, CustomStringConvertible {
    /// JSON path of the field that changed.
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
