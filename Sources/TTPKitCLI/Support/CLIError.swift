import Answers
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

    /// The answer of a library question; a question that cannot be answered as asked is one
    /// line and exit 2.
    static func answering<T>(_ ask: () throws(QuestionError) -> T) throws -> T {
        do throws(QuestionError) {
            return try ask()
        } catch {
            throw CLIError(error.description)
        }
    }
}

/// Validates date arguments (`--since`, `--created-after`) as the library questions do.
enum DateArgument {
    static func check(_ s: String) throws -> String {
        try CLIError.answering { () throws(QuestionError) in try Questions.checkedDate(s) } ?? s
    }
}
