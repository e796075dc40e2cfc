import Foundation

/// Whole-process timings of the `ttpkit` executable built beside this one.
enum ProcessBenchmarks {
    /// Runs `ttpkit ARGS` `runs` times; returns wall milliseconds and the peak RSS in MB.
    static func time(_ arguments: [String], runs: Int) throws -> (times: [Double], peakMB: Double) {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ttpkit")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw CLIFailure("\(binary.path) not found: build it with `swift build -c release`")
        }
        var times: [Double] = []
        for _ in 0..<runs {
            let p = Process()
            p.executableURL = binary
            p.arguments = arguments
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            let start = DispatchTime.now().uptimeNanoseconds
            try p.run()
            p.waitUntilExit()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            guard p.terminationStatus == 0 else { throw CLIFailure("ttpkit \(arguments.joined(separator: " ")) exited \(p.terminationStatus)") }
        }
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        return (times, Double(usage.ru_maxrss) / 1024)
    }
}
