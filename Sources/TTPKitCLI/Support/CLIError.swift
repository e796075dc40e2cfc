import ATTACK
import ArgumentParser
import STIX

/// An error the CLI reports as one line, with its exit code.
///
/// Exit codes: 0 success, 1 a gate failed (findings), 2 bad input from the user (unknown
/// name, unreadable or malformed file), 3 bad or missing ATT&CK reference data.
struct CLIError: Error, CustomStringConvertible {
    enum Code: Int32 {
        case gateFailed = 1
        case badInput = 2
        case badReferenceData = 3
    }

    let message: String
    let exitCode: Code

    init(_ message: String, exitCode: Code = .badInput) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }

    static func lookup(_ error: LookupError) -> CLIError { CLIError(error.description, exitCode: .badInput) }
    static func load(_ error: LoadError) -> CLIError { CLIError(error.description, exitCode: .badReferenceData) }
}
