import Foundation

/// Whole-process figures of the knowledge-base snapshot (issue 23): the four lookups warm
/// (snapshot read) and cold (snapshot built), `coverage` on SigmaHQ, and `ttpkit serve` on
/// every shared bundle until healthy; each against the old path (`--no-snapshot`) measured in
/// the same run. Snapshots go to a fresh cache folder made for the run.
enum InstantFigures {
    static let lookups: [[String]] = [
        ["group", "APT29", "--format", "json"], ["technique", "T1059.001"], ["techniques", "--tactic", "execution"], ["search", "lsass"],
    ]

    static func run(bundle: URL, shared: String, runs: Int, report: inout Report) throws {
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-bench-cache-\(getpid())")
        try? FileManager.default.removeItem(at: cache)
        defer { try? FileManager.default.removeItem(at: cache) }
        setenv("TTPKIT_CACHE", cache.path, 1)
        let data = ["--data", bundle.path]
        _ = try ProcessBenchmarks.time(["data", "snapshot"] + data, runs: 1)
        for args in lookups {
            let name = args.joined(separator: " ")
            let warm = try ProcessBenchmarks.time(args + data, runs: runs)
            let old = try ProcessBenchmarks.time(args + data + ["--no-snapshot"], runs: runs)
            report.line("process, snapshot warm: ttpkit \(name) (median)", Measure.median(warm.times), target: 50)
            report.line("process, snapshot warm: peak RSS", warm.peakMB, unit: "MB", target: 60)
            report.line("process, --no-snapshot (the old path) (median)", Measure.median(old.times))
            report.note(String(format: "ratio: %.1f× faster, %.1f× less memory (%.0f MB)", Measure.median(old.times) / Measure.median(warm.times), old.peakMB / warm.peakMB, old.peakMB))
        }
        // Cold: the snapshot is removed before each run, so each run parses the bundle and starts
        // a background writer, whose end the next run waits for (it would share the CPU).
        let snapshots = cache.appendingPathComponent("snapshots")
        func fresh() {
            let deadline = Date().addingTimeInterval(60)
            while Date() < deadline, (try? FileManager.default.contentsOfDirectory(atPath: snapshots.path))?.contains(where: { $0.hasSuffix(".building") }) == true {
                usleep(10_000)
            }
            try? FileManager.default.removeItem(at: snapshots)
        }
        let args = lookups[0] + data
        var cold: [Double] = []
        for _ in 0..<runs {
            fresh()
            cold += try ProcessBenchmarks.time(args, runs: 1).times
        }
        fresh()
        let old = Measure.median(try ProcessBenchmarks.time(args + ["--no-snapshot"], runs: runs).times)
        report.line("process, snapshot cold (parse; written in the background): group APT29 (median)", Measure.median(cold), target: old * 1.2)
        report.note(String(format: "cold is %.0f%% of the old path (%.0f ms); target ≤ 120%%", 100 * Measure.median(cold) / old, old))

        let sigma = "\(shared)/corpora/sigma/rules"
        if FileManager.default.fileExists(atPath: sigma) {
            let coverage = ["coverage", "--rules", sigma, "--format", "json", "-o", "/dev/null"] + data
            let warm = try ProcessBenchmarks.time(coverage, runs: runs)
            let oldCoverage = try ProcessBenchmarks.time(coverage + ["--no-snapshot"], runs: runs)
            report.line("process, snapshot warm: coverage on SigmaHQ (median)", Measure.median(warm.times), target: 500)
            report.line("process, --no-snapshot: coverage on SigmaHQ (median)", Measure.median(oldCoverage.times))
        }
        let folder = try everyBundle(in: bundle.deletingLastPathComponent(), links: cache.appendingPathComponent("all-releases"))
        _ = try ProcessBenchmarks.time(["data", "snapshot", "--data", folder.path], runs: 1)
        var healthy: [Double] = []
        var rss = 0.0
        for _ in 0..<min(runs, 5) {
            let (ms, mb) = try ProcessBenchmarks.serveUntilHealthy(["--data", folder.path])
            healthy.append(ms)
            rss = max(rss, mb)
        }
        let (oldMS, oldMB) = try ProcessBenchmarks.serveUntilHealthy(["--data", folder.path, "--no-snapshot"])
        let count = (try? FileManager.default.contentsOfDirectory(atPath: folder.path).count) ?? 0
        report.line("process: ttpkit serve on the \(count) shared bundles, healthy (median)", Measure.median(healthy), target: 1000)
        report.line("process: ttpkit serve RSS when healthy", rss, unit: "MB", target: 300)
        report.note(String(format: "--no-snapshot: healthy after %.0f ms with %.0f MB (%.1f× slower)", oldMS, oldMB, oldMS / Measure.median(healthy)))
    }

    /// A folder of links to every bundle in `data` and its subfolders (`stix21/`), so one
    /// `--data` serves them all.
    static func everyBundle(in data: URL, links: URL) throws -> URL {
        try FileManager.default.createDirectory(at: links, withIntermediateDirectories: true)
        let names = FileManager.default.subpaths(atPath: data.path) ?? []
        for name in names.sorted() where name.hasSuffix(".json") && !name.hasSuffix("index.json") {
            let link = links.appendingPathComponent(name.replacingOccurrences(of: "/", with: "-"))
            try? FileManager.default.createSymbolicLink(at: link, withDestinationURL: data.appendingPathComponent(name))
        }
        return links
    }
}
