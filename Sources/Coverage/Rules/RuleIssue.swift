/// A problem met while reading input (detection content, a telemetry inventory, Atomic Red
/// Team files): where it is and what is wrong.
///
/// Issues are values, never thrown past the scanner: a bad file becomes an issue and the scan
/// goes on. `description` is the one-line form the CLI prints:
///
/// ```swift
/// RuleIssue(path: "rules/bad.yml", line: 7, reason: "invalid YAML: mapping values are not allowed here")
///     .description   // "rules/bad.yml:7: invalid YAML: mapping values are not allowed here"
/// ```
public struct RuleIssue: Error, Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// How bad an issue is.
    public enum Severity: String, Sendable, Hashable, Codable {
        /// The file or rule could not be read; nothing from it counts.
        case error
        /// The rule was read, but part of it was dropped (a tag that is not a string, a
        /// malformed technique ID...).
        case warning
    }

    /// The file the issue is about.
    public var path: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong, in words a user can act on.
    public var reason: String
    /// Whether the rule was dropped (`error`) or read in part (`warning`).
    public var severity: Severity = .error

    /// `path:line: reason` (or `path: reason` when the line is unknown), with `warning: ` before
    /// the reason for warnings.
    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return severity == .warning ? "\(location): warning: \(reason)" : "\(location): \(reason)"
    }

    /// Orders by path, then line (unknown lines first), then reason.
    public static func < (lhs: RuleIssue, rhs: RuleIssue) -> Bool {
        if lhs.path != rhs.path { return lhs.path < rhs.path }
        if lhs.line != rhs.line { return (lhs.line ?? 0) < (rhs.line ?? 0) }
        return lhs.reason < rhs.reason
    }
}

/// What one parser made of one file: the rules it read and the issues it met.
public struct RuleParseResult: Sendable, Hashable {
    /// The rules read, in file order.
    public var rules: [DetectionRule] = []
    /// The problems met, in file order.
    public var issues: [RuleIssue] = []

    static func failure(_ path: String, line: Int? = nil, _ reason: String) -> RuleParseResult {
        RuleParseResult(issues: [RuleIssue(path: path, line: line, reason: reason)])
    }
}
