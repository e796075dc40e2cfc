import Foundation
import Testing
import TestSupport
import ATTACK
@testable import Coverage

/// Times corpus scans sequentially and with the task group; run with
/// `TTPKIT_COVERAGE_TIMING=1 swift test --filter ScanTimingTests`.
@Suite(.enabled(if: SharedData.isAvailable && ProcessInfo.processInfo.environment["TTPKIT_COVERAGE_TIMING"] != nil,
                "set TTPKIT_COVERAGE_TIMING=1 to time corpus scans"), .serialized)
struct ScanTimingTests {
    /// User plus system CPU time of this process.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1_000_000
    }

    @Test func sequentialVersusConcurrent() async {
        let corpora = ["sigma/rules", "elastic/rules/windows", "splunk/detections/endpoint"]
            .map { SharedData.corpora.appendingPathComponent($0).path }
        _ = await RuleScanner(maxConcurrency: 1).scan([corpora[1]])  // warm up the file cache
        for paths in corpora.map({ [$0] }) + [corpora] {
            for concurrency in [1, 2, 4] {
                let clock = ContinuousClock()
                var rules = 0
                let cpuBefore = Self.cpuSeconds()
                let elapsed = await clock.measure {
                    rules = await RuleScanner(maxConcurrency: concurrency).scan(paths).rules.count
                }
                let cpu = Self.cpuSeconds() - cpuBefore
                print("timing: \(paths.map { $0.split(separator: "/").suffix(2).joined(separator: "/") }) concurrency \(concurrency): \(rules) rules in \(elapsed) wall, \(cpu) s CPU")
            }
        }
    }
}

extension ScanTimingTests {
    @Test func coverageOfTheThreeCorporaWithTheExampleTelemetry() async throws {
        let clock = ContinuousClock()
        var kb: KnowledgeBase?
        print("timing: load 18.1", try clock.measure { kb = try KnowledgeBase.load(contentsOf: SharedData.bundle("enterprise-attack-18.1.json")) })
        guard let kb else { return }
        let corpora = ["sigma/rules", "elastic/rules/windows", "splunk/detections/endpoint"]
            .map { SharedData.corpora.appendingPathComponent($0).path }
        let scan = await RuleScanner().scan(corpora)
        let inventory = TelemetryInventory.load(path: SharedData.packageRoot.appendingPathComponent("examples/telemetry.yaml").path)
        for telemetry in [nil, inventory] {
            var analysis: CoverageResult?
            let elapsed = clock.measure { analysis = CoverageResult(rules: scan.rules, telemetry: telemetry, knowledgeBase: kb) }
            guard let analysis else { return }
            print("timing: coverage (telemetry: \(telemetry != nil)) in \(elapsed): detected \(analysis.count(.detected)) logged \(analysis.count(.logged)) blind \(analysis.count(.blind)); cannot fire \(analysis.findings.count(where: { $0.kind == .cannotFire })), unchecked \(analysis.uncheckedRules.count), excluded \(analysis.excludedRules.count), unknown-ID rules \(Set(analysis.findings.filter { $0.kind == .unknown }.map(\.path)).count)")
        }
    }
}

extension ScanTimingTests {
    @Test func gapsAndRecommendationsForAllGroups() async throws {
        let kb = try KnowledgeBase.load(contentsOf: SharedData.bundle("enterprise-attack-18.1.json"))
        let scan = await RuleScanner().scan([SharedData.corpora.appendingPathComponent("sigma/rules").path])
        let inventory = TelemetryInventory.load(path: SharedData.packageRoot.appendingPathComponent("examples/telemetry.yaml").path)
        let coverage = CoverageResult(rules: scan.rules, telemetry: inventory, knowledgeBase: kb)
        let clock = ContinuousClock()
        var study: ThreatCoverage?
        let elapsed = clock.measure {
            study = ThreatCoverage(coverage: coverage, profiles: ThreatProfile.groups(kb.objects(.group), knowledgeBase: kb), knowledgeBase: kb)
        }
        print("timing: gaps + recommendations for \(kb.objects(.group).count) groups in \(elapsed): \(study?.gaps.count ?? 0) gaps")
        for gap in study?.gaps.prefix(3) ?? [] { print("timing: gap \(gap.techniqueID) \(gap.name) \(gap.state) used by \(gap.groups.count) groups") }
        for pick in study?.recommendations ?? [] { print("timing: \(pick)") }
    }
}
