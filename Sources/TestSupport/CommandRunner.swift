import Foundation

/// Runs the built `ttpkit` executable the way a user would, capturing its output: for the
/// end-to-end tests (exit codes, real standard streams, network commands). Most command tests
/// run commands in process instead (`TTPKit.run(_:environment:standardInput:)`).
public enum CommandRunner {
    /// The outcome of one run.
    public struct Result: Sendable {
        public let status: Int32
        public let stdout: String
        public let stderr: String
    }

    /// The `ttpkit` binary next to the test bundle in the build folder.
    public static var executable: URL {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("ttpkit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir.deleteLastPathComponent()
        }
        return Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("ttpkit")
    }

    /// Runs `ttpkit arguments...` with `environment` added to a minimal environment (no
    /// TTPKIT_DATA unless given; the cache pointed at an empty temporary folder), in `folder`
    /// (default: the test process's current folder).
    public static func run(_ arguments: [String], environment: [String: String] = [:], stdin: String? = nil, in folder: URL? = nil) throws -> Result {
        let r = try Subprocess.run(executable.path, arguments, environment: testEnvironment(environment), in: folder, stdin: stdin.map { Data($0.utf8) })
        return Result(status: r.status, stdout: r.stdout, stderr: r.stderr)
    }

    /// A minimal environment for a command under test: no TTPKIT_DATA unless given, the cache
    /// (the data folder) pointed at an empty temporary folder — so no corpus is imported and
    /// `extract` learns from the test's bundle alone — and offline; `extra` added.
    public static func testEnvironment(_ extra: [String: String] = [:]) -> [String: String] {
        // Snapshots are written before the answer (not by a background child that would outlive
        // the test); the background path has its own test.
        var env = [
            "PATH": "/usr/bin:/bin", "HOME": NSTemporaryDirectory(), "TTPKIT_CACHE": emptyCache.path, "TTPKIT_OFFLINE": "1",
            "TTPKIT_SNAPSHOT_BACKGROUND": "0",
        ]
        for (k, v) in extra { env[k] = v }
        return env
    }

    /// An empty cache folder, so tests never see a developer's cache or reach the network.
    public static let emptyCache: URL = {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-test-cache-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// Writes `text` to a new temporary file and returns its URL.
    public static func temporaryFile(_ name: String, _ text: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = dir.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url
    }
}
