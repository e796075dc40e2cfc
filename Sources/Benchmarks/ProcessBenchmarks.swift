import Foundation

/// Whole-process timings of the `ttpkit` executable built beside this one.
enum ProcessBenchmarks {
    /// Runs `ttpkit ARGS` `runs` times; returns wall milliseconds and the largest peak RSS in MB.
    static func time(_ arguments: [String], runs: Int) throws -> (times: [Double], peakMB: Double) {
        let binary = try binary()
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

    /// Starts `ttpkit serve ARGS` on a free loopback port and times it until `/healthz`
    /// answers 200; returns those milliseconds and its resident set size then (MB). The server
    /// is stopped afterwards.
    static func serveUntilHealthy(_ arguments: [String]) throws -> (ms: Double, rssMB: Double) {
        let port = try freePort()
        let start = DispatchTime.now().uptimeNanoseconds
        let pid = try spawn(try binary().path, ["serve", "--port", String(port)] + arguments)
        defer {
            kill(pid, SIGTERM)
            var status: Int32 = 0
            waitpid(pid, &status, 0)
        }
        while !healthy(port: port) {
            var status: Int32 = 0
            guard waitpid(pid, &status, WNOHANG) == 0 else { throw CLIFailure("ttpkit serve \(arguments.joined(separator: " ")) exited") }
            guard DispatchTime.now().uptimeNanoseconds - start < 120_000_000_000 else { throw CLIFailure("ttpkit serve was not healthy within 120 s") }
            usleep(2000)
        }
        let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let rssKB = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }.flatMap { line in Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") } ?? 0
        return (ms, rssKB / 1024)
    }

    /// A TCP port nothing listens on now.
    private static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard bound else { throw CLIFailure("no free port") }
        return UInt16(bigEndian: address.sin_port)
    }

    /// True when `GET /healthz` on the port answers 200.
    private static func healthy(port: UInt16) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
        guard connected else { return false }
        let request = Array("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
        guard write(fd, request, request.count) == request.count else { return false }
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(fd, &buffer, buffer.count)
        return n > 12 && String(decoding: buffer[0..<n], as: UTF8.self).hasPrefix("HTTP/1.1 200")
    }

    private static func binary() throws -> URL {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ttpkit")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CLIFailure("\(binary.path) not found: build it with `swift build -c release`")
        }
        return binary
    }

    /// Spawns a process with output discarded.
    private static func spawn(_ path: String, _ arguments: [String]) throws -> pid_t {
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
        return pid
    }

    /// Spawns a process with output discarded and waits for it with `wait4`, which reports
    /// that one child's peak resident set size.
    private static func spawnAndWait(_ path: String, _ arguments: [String]) throws -> (status: Int32, maxRSSKB: Int) {
        let pid = try spawn(path, arguments)
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return (exitCode, Int(usage.ru_maxrss))
    }
}
