import Foundation
import Testing
import TestSupport
@testable import Coverage

/// Times corpus scans sequentially and with the task group; run with
/// `TTPKIT_COVERAGE_TIMING=1 swift test --filter ScanTimingTests`.
@Suite(.enabled(if: SharedData.isAvailable && ProcessInfo.processInfo.environment["TTPKIT_COVERAGE_TIMING"] != nil,
                "set TTPKIT_COVERAGE_TIMING=1 to time corpus scans"))
struct ScanTimingTests {
    @Test func sequentialVersusConcurrent() async {
        let corpora = ["sigma/rules", "elastic/rules/windows", "splunk/detections/endpoint"]
            .map { SharedData.corpora.appendingPathComponent($0).path }
        _ = await RuleScanner(maxConcurrency: 1).scan([corpora[1]])  // warm up the file cache
        for paths in corpora.map({ [$0] }) + [corpora] {
            for concurrency in [1, 2, 4] {
                let clock = ContinuousClock()
                var rules = 0
                let elapsed = await clock.measure {
                    rules = await RuleScanner(maxConcurrency: concurrency).scan(paths).rules.count
                }
                print("timing: \(paths.map { $0.split(separator: "/").suffix(2).joined(separator: "/") }) concurrency \(concurrency): \(rules) rules in \(elapsed)")
            }
        }
    }
}
