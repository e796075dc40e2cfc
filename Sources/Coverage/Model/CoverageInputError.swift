/// A coverage-as-code input that cannot be used: a coverage file, a layer, a targets file, a
/// DeTT&CT file or a baseline. Carries the file, the line when known, and what is wrong.
///
/// `kind` says whose fault it is: ``Kind/badInput`` for the user's files,
/// ``Kind/badReferenceData`` for ATT&CK data that does not fit (a release without the tactics
/// asked for); front ends choose their exit codes from it. `remedy` names, without naming any
/// front end's options, what would fix it, so a front end can add its own hint.
///
/// ```swift
/// CoverageInputError(path: "old.json", line: 4, reason: "unknown state 'green'").description
/// // "old.json:4: unknown state 'green'"
/// ```
public struct CoverageInputError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Whose fault the error is.
    public enum Kind: Sendable, Hashable {
        /// The user's file is unreadable, malformed, of an unknown version or another domain.
        case badInput
        /// The ATT&CK reference data cannot answer the question.
        case badReferenceData
    }

    /// What would fix an error, for front ends to phrase in their own terms.
    public enum Remedy: Sendable, Hashable {
        /// Load the ATT&CK data of the file's domain.
        case loadFileDomain
        /// Give a coverage file, as a coverage run writes it.
        case writeCoverageFile
    }

    /// The file at fault.
    public var path: String
    /// The 1-based line, when known.
    public var line: Int? = nil
    /// What is wrong.
    public var reason: String
    /// Bad input or bad reference data.
    public var kind: Kind = .badInput
    /// The problems behind the error, when there are several (every rule file that failed
    /// when none could be read); front ends show them before the error.
    public var related: [RuleIssue] = []
    /// What would fix it, when one thing would.
    public var remedy: Remedy? = nil

    /// `path:line: reason`.
    public var description: String {
        let location = line.map { "\(path):\($0)" } ?? path
        return location.isEmpty ? reason : "\(location): \(reason)"
    }
}
