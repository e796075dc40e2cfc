import Foundation
import Output

/// What a command reads from and writes to: the environment, standard input, standard output
/// and error. The process's own when ttpkit runs as a program; in-memory when tests run
/// commands in process (``TTPKit/run(_:environment:standardInput:)``). Set per task, so
/// commands run concurrently by tests never see each other's streams.
struct CommandContext: Sendable {
    let environment: [String: String]
    let input: @Sendable () -> Data
    let output: CommandStream
    let error: CommandStream
    /// True for the real process (keeps loaded data alive until exit; see ``ProcessLifetime``).
    let isProcess: Bool

    @TaskLocal static var current = CommandContext(
        environment: ProcessInfo.processInfo.environment,
        input: { FileHandle.standardInput.readDataToEndOfFile() },
        output: CommandStream(.descriptor(STDOUT_FILENO), name: "standard output"),
        error: CommandStream(.descriptor(STDERR_FILENO), name: "standard error"),
        isProcess: true)
}

/// One output stream of a command: a file descriptor or a buffer. Remembers the first
/// failed write and skips the rest, so the command can report it once at the end.
final class CommandStream: @unchecked Sendable {
    enum Target { case descriptor(Int32), buffer }

    let target: Target
    let name: String
    private let lock = NSLock()
    private var buffer = Data()
    private var failed: OutputError?

    init(_ target: Target, name: String) {
        self.target = target
        self.name = name
    }

    func write(_ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        guard failed == nil else { return }
        switch target {
        case .buffer: buffer.append(data)
        case .descriptor(let fd):
            do { try FileDescriptorWriter.write(data, to: fd, name: name) } catch { failed = error }
        }
    }

    /// The first failure, if a write failed.
    var failure: OutputError? {
        lock.lock()
        defer { lock.unlock() }
        return failed
    }

    /// What a buffer stream received, as text.
    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: buffer, as: UTF8.self)
    }

    var isTerminal: Bool {
        if case .descriptor(let fd) = target { return isatty(fd) == 1 }
        return false
    }
}
