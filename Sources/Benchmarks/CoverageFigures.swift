import ATTACK
import Coverage
import Foundation

/// Coverage figures: scanning the shared rule corpora and classifying every technique
/// (targets: SigmaHQ scan + coverage ≤ 1 s, the three corpora ≤ 2 s), the gap study for every
/// group (≤ 100 ms), and the diff of two full Enterprise coverage files (≤ 50 ms).
enum CoverageFigures {
    /// The corpora timed together, relative to `shared/corpora`.
    static let corpora = ["sigma/rules", "elastic/rules/windows", "splunk/detections/endpoint"]

    /// Prints the figures; returns the best SigmaHQ scan + coverage time (for the sigma-cli ratio).
    static func run(kb: KnowledgeBase, shared: String, runs: Int, report: inout Report) throws -> Double? {
        let folders = corpora.map { "\(shared)/corpora/\($0)" }
        guard let sigma = folders.first, FileManager.default.fileExists(atPath: sigma) else {
            report.note("\(shared)/corpora/sigma/rules not found; coverage not measured")
            return nil
        }
        var scan = RuleScan(rules: [], issues: [])
        var result: CoverageResult?
        let sigmaTime = best(runs) {
            scan = scanBlocking([sigma])
            result = CoverageResult(rules: scan.rules, knowledgeBase: kb)
        }
        report.line("coverage: scan sigma/rules + coverage (\(scan.rules.count) rules) (best)", sigmaTime, target: 1000)
        if folders.allSatisfy({ FileManager.default.fileExists(atPath: $0) }) {
            var count = 0
            let allTime = best(runs) {
                let all = scanBlocking(folders)
                count = all.rules.count
                _ = CoverageResult(rules: all.rules, knowledgeBase: kb)
            }
            report.line("coverage: scan 3 corpora + coverage (\(count) rules) (best)", allTime, target: 2000)
        }
        guard let result else { return sigmaTime }
        let profiles = ThreatProfile.groups(kb.objects(.group), knowledgeBase: kb)
        let studyTime = best(runs) {
            _ = ThreatCoverage(coverage: result, profiles: profiles, knowledgeBase: kb, recommendationLimit: 10)
        }
        report.line("coverage: gaps + quick wins + 10 recommendations, all \(profiles.count) groups (best)", studyTime, target: 100)
        try diff(result, scan: scan, kb: kb, runs: runs, report: &report)
        return sigmaTime
    }

    /// The SigmaHQ coverage and the coverage of half its rules, written as coverage files, then
    /// read, parsed and compared as `ttpkit coverage diff` does.
    static func diff(_ full: CoverageResult, scan: RuleScan, kb: KnowledgeBase, runs: Int, report: inout Report) throws {
        let half = CoverageResult(rules: scan.rules.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), knowledgeBase: kb)
        let folder = NSTemporaryDirectory() + "ttpkit-diff-bench-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try CoverageDocument.write(half, knowledgeBase: kb, to: folder + "/old.json")
        try CoverageDocument.write(full, knowledgeBase: kb, to: folder + "/new.json")
        var changes = 0
        let times = try Measure.times(max(runs, 9)) {
            let diff = try CoverageDiff(old: CoverageDocument.read(path: folder + "/old.json", knowledgeBase: nil),
                                        new: CoverageDocument.read(path: folder + "/new.json", knowledgeBase: nil))
            _ = diff.jsonValue(tactics: diff.tacticsSeen).serialized(pretty: true)
            changes = diff.changes.count
        }
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: folder + "/new.json")[.size]) as? Int) ?? 0
        report.line("coverage diff of two full coverage files (median)", Measure.median(times), target: 50)
        report.note("\(full.techniques.count) techniques, \(changes) changed; new file \(bytes / 1024) KB with \(scan.rules.count) rules")
    }

    static func best(_ runs: Int, _ body: () -> Void) -> Double {
        Measure.times(max(1, runs), body).min() ?? 0
    }
}

/// Scans rule folders from synchronous code.
func scanBlocking(_ paths: [String]) -> RuleScan {
    final class Box: @unchecked Sendable { var scan = RuleScan(rules: [], issues: []) }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.scan = await RuleScanner().scan(paths)
        done.signal()
    }
    done.wait()
    return box.scan
}
