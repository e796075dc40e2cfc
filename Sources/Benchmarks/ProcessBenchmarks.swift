import Foundation

/// Whole-process timings of the `ttpkit` executable built beside this one.
enum ProcessBenchmarks {
    /// Runs `ttpkit ARGS` `runs` times; returns wall milliseconds and the largest peak RSS in MB.
    static func time(_ arguments: [String], runs: Int) throws -> (times: [Double], peakMB: Double) {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ttpkit")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CLIFailure("\(binary.path) not found: build it with `swift build -c release`")
        }
        var times: [Double] = []
        var peak = 0.0
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            let (status, rssKB) = try spawnAndWait(binary.path, arguments)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            peak = max(peak, Double(rssKB) / 1024)
            guard status == 0 else { throw CLIFailure("ttpkit \(arguments.joined(separator: " ")) exited \(status)") }
        }
        return (times, peak)
    }

    /// Spawns a process with output discarded and waits for it with `wait4`, which reports
    /// that one child's peak resident set size.
    private static func spawnAndWait(_ path: String, _ arguments: [String]) throws -> (status: Int32, maxRSSKB: Int) {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environ)
        guard rc == 0 else { throw CLIFailure("cannot start \(path): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitCode, Int(usage.ru_maxrss))
    }
}
