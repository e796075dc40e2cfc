import ATTACK
import ArgumentParser
import STIX

/// An error the CLI reports as one line, with its exit code (see ``ExitStatus``; mapped with
/// every other error in ``ErrorReport``).
struct CLIError: Error, CustomStringConvertible {
    let message: String
    let exitCode: ExitStatus

    init(_ message: String, exitCode: ExitStatus = .badInput) {
        self.message = message
        self.exitCode = exitCode
    }

    var description: String { message }

    static func lookup(_ error: LookupError) -> CLIError { CLIError(ErrorReport.hint(for: error), exitCode: .badInput) }
    static func load(_ error: LoadError) -> CLIError { CLIError(ErrorReport.hint(for: error), exitCode: .badReferenceData) }
}
