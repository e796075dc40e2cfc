import Foundation
@testable import TestSupport
import TTPKitCLI

/// Runs `ttpkit` commands in this process, as the package's tests do: the same parsing,
/// error mapping and exit codes as the binary, with the environment, standard input and both
/// output streams of the run its own (so tests running in parallel never mix). The end-to-end
/// tests that need the real binary use ``CommandRunner/run(_:environment:stdin:)``.
enum InProcess {
    static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil) throws -> CommandRunner.Result {
        let r = TTPKit.run(arguments, environment: CommandRunner.testEnvironment(environment), standardInput: Data((stdin ?? "").utf8))
        return CommandRunner.Result(status: r.status, stdout: r.standardOutput, stderr: r.standardError)
    }
}
