import ATTACK
import ArgumentParser
import STIX

/// An error the CLI reports as one line, with its exit code (see ``ExitStatus``; mapped with
/// every other error in ``ErrorReport``).
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

    static func lookup(_ error: LookupError) -> CLIError { CLIError(ErrorReport.hint(for: error), exitCode: .badInput) }
    static func load(_ error: LoadError) -> CLIError { CLIError(ErrorReport.hint(for: error), exitCode: .badReferenceData) }
}
