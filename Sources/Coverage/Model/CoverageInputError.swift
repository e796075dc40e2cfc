/// A coverage-as-code input that cannot be used: a coverage file, a layer, a targets file, a
/// DeTT&CT file or a baseline. Carries the file, the line when known, and what is wrong.
///
/// `kind` tells the CLI which exit code to use: ``Kind/badInput`` (2) for the user's files,
/// ``Kind/badReferenceData`` (3) for ATT&CK data that does not fit (a release without the
/// tactics asked for).
///
/// ```swift
/// CoverageInputError(path: "old.json", line: 4, reason: "unknown state 'green'").description
/// // "old.json:4: unknown state 'green'"
/// ```
public struct CoverageInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Which exit code the error calls for.
    public enum Kind: Sendable, Hashable {
        /// The user's file is unreadable, malformed, of an unknown version or another domain.
        case badInput
        /// The ATT&CK reference data cannot answer the question.
        case badReferenceData
    }

    /// The file at fault.
    public var path: String
    /// The 1-based line, when known.
    public var line: Int?
    /// What is wrong.
    public var reason: String
    /// Bad input or bad reference data.
    public var kind: Kind
    /// The problems behind the error, when there are several (every rule file that failed
    /// when none could be read); front ends show them before the error.
    public var related: [RuleIssue]

    /// Creates an error.
    public init(path: String, line: Int? = nil, reason: String, kind: Kind = .badInput, related: [RuleIssue] = []) {
        self.path = path
        self.line = line
        self.reason = reason
        self.kind = kind
        self.related = related
    }

    /// `path:line: reason`.
    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return location.isEmpty ? reason : "\(location): \(reason)"
    }

    /// The exit status this error calls for.
    public var exitStatus: ExitStatus { kind == .badInput ? .badInput : .badReferenceData }
}

/// The exit codes of ttpkit's coverage-as-code commands, distinct so CI can tell a failed gate
/// from a broken pipeline.
///
/// | code | meaning |
/// |---|---|
/// | 0 | every gate passed |
/// | 1 | a gate failed |
/// | 2 | bad input: an unreadable or malformed file, an unknown version, another domain |
/// | 3 | bad or missing ATT&CK reference data |
public enum ExitStatus: Int32, Sendable, Hashable, CaseIterable {
    /// Every gate passed.
    case ok = 0
    /// At least one gate failed.
    case gateFailed = 1
    /// A user file cannot be used.
    case badInput = 2
    /// The ATT&CK data cannot be used.
    case badReferenceData = 3
}
