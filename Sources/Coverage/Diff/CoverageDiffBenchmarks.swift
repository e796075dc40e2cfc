import Foundation

/// Times the diff of two coverage files — read, parse and compare — as `ttpkit coverage diff`
/// does it (target: ≤ 50 ms in release for two full Enterprise coverage files).
///
/// ```swift
/// let figures = try CoverageDiffBenchmarks.run(old: "main.json", new: "pr.json", runs: 15)
/// print(figures.medianMilliseconds)
/// ```
public enum CoverageDiffBenchmarks {
    /// Timings of repeated runs.
    public struct Figures: Sendable, Hashable {
        /// Each run in milliseconds.
        public var runs: [Double]
        /// Techniques on the new side.
        public var techniques: Int
        /// Changed techniques.
        public var changes: Int

        /// The median run.
        public var medianMilliseconds: Double {
            let sorted = runs.sorted()
            guard !sorted.isEmpty else { return 0 }
            return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }

    /// Reads both files and diffs them `runs` times.
    public static func run(old: String, new: String, runs: Int = 11) throws(CoverageInputError) -> Figures {
        var times: [Double] = []
        var techniques = 0
        var changes = 0
        for _ in 0..<max(1, runs) {
            let start = DispatchTime.now().uptimeNanoseconds
            let diff = try CoverageDiff(old: CoverageSnapshot.read(path: old), new: CoverageSnapshot.read(path: new))
            _ = diff.jsonValue(tactics: diff.tacticsSeen).serialized(pretty: true)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000)
            techniques = diff.techniques
            changes = diff.changes.count
        }
        return Figures(runs: times, techniques: techniques, changes: changes)
    }
}
