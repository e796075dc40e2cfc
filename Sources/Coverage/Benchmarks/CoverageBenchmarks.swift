import ATTACK
import Foundation

/// Times the coverage hot paths on the shared corpora, for the benchmark executable (issue
/// targets: SigmaHQ scan + coverage ≤ 1 s; the three corpora together ≤ 2 s; gaps and
/// recommendations for all groups ≤ 100 ms).
///
/// ```swift
/// for (name, ms) in CoverageBenchmarks.run(kb: kb, shared: URL(fileURLWithPath: "../shared")) {
///     print(name, ms)   // "coverage: scan sigma/rules + coverage (3141 rules)" 420.0
/// }
/// ```
public enum CoverageBenchmarks {
    /// The corpora timed together, relative to `shared/corpora`.
    public static let corpora = ["sigma/rules", "elastic/rules/windows", "splunk/detections/endpoint"]

    /// `(name, milliseconds)`: the best of `repeats` runs of each measurement; corpora that are
    /// missing are left out.
    public static func run(kb: KnowledgeBase, shared: URL, repeats: Int = 3) -> [(String, Double)] {
        let folders = corpora.map { shared.appendingPathComponent("corpora").appendingPathComponent($0).path }
        guard let sigma = folders.first, FileManager.default.fileExists(atPath: sigma) else { return [] }
        var results: [(String, Double)] = []
        var sigmaRules = 0
        var sigmaAnalysis: CoverageAnalysis?
        let sigmaTime = best(repeats) {
            let scan = blockingScan([sigma])
            sigmaRules = scan.rules.count
            sigmaAnalysis = CoverageAnalysis(rules: scan.rules, knowledgeBase: kb)
        }
        results.append(("coverage: scan sigma/rules + coverage (\(sigmaRules) rules)", sigmaTime))

        let present = folders.filter { FileManager.default.fileExists(atPath: $0) }
        if present.count == folders.count {
            var allRules = 0
            let allTime = best(repeats) {
                let scan = blockingScan(present)
                allRules = scan.rules.count
                _ = CoverageAnalysis(rules: scan.rules, knowledgeBase: kb)
            }
            results.append(("coverage: scan 3 corpora + coverage (\(allRules) rules)", allTime))
        }

        if let analysis = sigmaAnalysis {
            let groups = kb.objects(.group)
            let gapTime = best(repeats) {
                let gaps = GapAnalysis(coverage: analysis, groups: groups, knowledgeBase: kb)
                _ = TelemetryRecommendations(coverage: analysis, knowledgeBase: kb, focus: gaps.chosenTechniques, limit: 10)
            }
            results.append(("coverage: gaps + 10 recommendations, all \(groups.count) groups", gapTime))
            results.append(("coverage:   of which the gap ranking", best(repeats) { _ = GapAnalysis(coverage: analysis, groups: groups, knowledgeBase: kb) }))
        }
        return results
    }

    /// Runs the async scanner from synchronous code and waits for it.
    static func blockingScan(_ paths: [String]) -> RuleScan {
        let box = ScanBox()
        let done = DispatchSemaphore(value: 0)
        Task {
            box.set(await RuleScanner().scan(paths))
            done.signal()
        }
        done.wait()
        return box.value ?? RuleScan(rules: [], issues: [])
    }

    final class ScanBox: @unchecked Sendable {
        private let lock = NSLock()
        private var stored: RuleScan?

        func set(_ scan: RuleScan) {
            lock.lock()
            stored = scan
            lock.unlock()
        }

        var value: RuleScan? {
            lock.lock()
            defer { lock.unlock() }
            return stored
        }
    }

    static func best(_ repeats: Int, _ body: () -> Void) -> Double {
        var best = Double.infinity
        for _ in 0..<max(1, repeats) {
            let start = DispatchTime.now().uptimeNanoseconds
            body()
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
        }
        return best
    }
}
