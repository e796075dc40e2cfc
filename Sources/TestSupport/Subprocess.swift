import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs programs for tests with `posix_spawn` and `waitpid`, without Foundation's `Process`.
///
/// `Process.waitUntilExit()` learns of a child's exit from a dispatch source; when a loaded
/// test run holds every dispatch worker (tests waiting on children of their own), that source
/// never runs and the wait never ends: the child stays a zombie and `swift test` hangs. Here
/// the waiting thread reaps its own child, and output goes through files, never a pipe that a
/// daemon the child starts (PostgreSQL's `pg_ctl start`) could hold open.
///
/// ```swift
/// let r = try Subprocess.run("/bin/echo", ["hello"])
/// print(r.status, r.stdout)  // 0 hello
/// ```
public enum Subprocess {
    /// How a program ended and what it wrote.
    public struct Result: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended it.
        public let status: Int32
        /// True when a signal ended it.
        public let signaled: Bool
        /// Its standard output and standard error, as UTF-8 (replacement characters for bad bytes).
        public let stdout: String, stderr: String
    }

    /// A failure to start the program.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Runs `executable` with `arguments` and waits for it.
    /// - Parameters:
    ///   - environment: its whole environment (nil: this process's).
    ///   - folder: its working folder (nil: this process's).
    ///   - stdin: what it reads (nil: `/dev/null`).
    ///   - stdoutPath: a file its standard output goes to instead of being captured (`/dev/full`).
    public static func run(
        _ executable: String, _ arguments: [String], environment: [String: String]? = nil, in folder: URL? = nil,
        stdin: Data? = nil, stdoutPath: String? = nil
    ) throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-subprocess-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("stdin").path
        let output = scratch.appendingPathComponent("stdout").path
        let errors = scratch.appendingPathComponent("stderr").path
        if let stdin { try stdin.write(to: URL(fileURLWithPath: input)) }
        let pid = try spawn(executable, arguments, environment: environment, folder: folder,
                            files: [(0, stdin == nil ? "/dev/null" : input, O_RDONLY),
                                    (1, stdoutPath ?? output, O_WRONLY | O_CREAT | O_TRUNC),
                                    (2, errors, O_WRONLY | O_CREAT | O_TRUNC)])
        let (status, signaled) = wait(pid)
        func read(_ path: String) -> String {
            String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        }
        return Result(status: status, signaled: signaled, stdout: stdoutPath == nil ? read(output) : "", stderr: read(errors))
    }

    /// Starts `executable` and returns its process id and the read end of a pipe that carries its
    /// standard output and error (for a server a test talks to: read its log until it listens;
    /// end it with ``stop(_:)``).
    public static func start(_ executable: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (pid: pid_t, log: FileHandle) {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw Failure(description: "cannot make a pipe: \(String(cString: strerror(errno)))") }
        let pid: pid_t
        do {
            pid = try spawn(executable, arguments, environment: environment, folder: nil, files: [(0, "/dev/null", O_RDONLY)],
                            duplicating: (ends[1], [1, 2]), closing: ends)
        } catch {
            close(ends[0]); close(ends[1])
            throw error
        }
        close(ends[1])
        return (pid, FileHandle(fileDescriptor: ends[0], closeOnDealloc: true))
    }

    /// Sends SIGTERM to a program ``start(_:_:environment:)`` started and reaps it.
    public static func stop(_ pid: pid_t) {
        kill(pid, SIGTERM)
        _ = wait(pid)
    }

    /// Whether the started program is still running (reaps it if it ended).
    public static func isRunning(_ pid: pid_t) -> Bool {
        var status: Int32 = 0
        return waitpid(pid, &status, WNOHANG) == 0
    }

    private static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String]?, folder: URL?, files: [(Int32, String, Int32)],
        duplicating: (Int32, [Int32])? = nil, closing: [Int32] = []
    ) throws -> pid_t {
        // A working folder goes through the shell: `cd` then `exec`, so the program itself is unchanged.
        var program = executable
        var argv = [executable] + arguments
        if let folder {
            program = "/bin/sh"
            argv = ["/bin/sh", "-c", "cd -- \"$0\" && exec \"$@\"", folder.path, executable] + arguments
        }
        let env = (environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for (fd, path, flags) in files {
            posix_spawn_file_actions_addopen(&actions, fd, path, flags, 0o600)
        }
        if let (source, targets) = duplicating {
            for target in targets { posix_spawn_file_actions_adddup2(&actions, source, target) }
        }
        for fd in closing { posix_spawn_file_actions_addclose(&actions, fd) }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = env.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, program, &actions, nil, cArgs, cEnv)
        guard result == 0 else { throw Failure(description: "cannot start \(program): \(String(cString: strerror(result)))") }
        return pid
    }

    /// Waits for `pid`: its status, and whether a signal ended it.
    private static func wait(_ pid: pid_t) -> (Int32, Bool) {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            guard errno == EINTR else { return (-1, false) }
        }
        let signal = status & 0x7f
        if signal == 0 { return ((status >> 8) & 0xff, false) }
        return (128 + signal, true)
    }
}
