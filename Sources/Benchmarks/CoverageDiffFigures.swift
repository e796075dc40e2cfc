import ATTACK
import Coverage
import Foundation

/// Diff of two full Enterprise coverage files (issue target ≤ 50 ms): the SigmaHQ rules, and
/// half of them, analysed and written as coverage files, then read, parsed and compared.
enum CoverageDiffFigures {
    static func run(kb: KnowledgeBase, shared: String, runs: Int, report: inout Report) throws {
        let rules = "\(shared)/corpora/sigma/rules"
        guard FileManager.default.fileExists(atPath: rules) else {
            report.note("\(rules) not found; coverage diff not measured")
            return
        }
        let scan = scanBlocking(rules)
        let full = CoverageSnapshot(CoverageAnalysis(rules: scan.rules, knowledgeBase: kb), domain: kb.domain)
        let half = CoverageSnapshot(CoverageAnalysis(rules: scan.rules.enumerated().filter { $0.offset % 2 == 0 }.map(\.element), knowledgeBase: kb), domain: kb.domain)
        let folder = NSTemporaryDirectory() + "ttpkit-diff-bench-\(ProcessInfo.processInfo.processIdentifier)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try half.write(to: folder + "/old.json")
        try full.write(to: folder + "/new.json")
        let figures = try CoverageDiffBenchmarks.run(old: folder + "/old.json", new: folder + "/new.json", runs: max(runs, 9))
        let bytes = ((try? FileManager.default.attributesOfItem(atPath: folder + "/new.json")[.size]) as? Int) ?? 0
        report.line("coverage diff of two full coverage files (median)", figures.medianMilliseconds, target: 50)
        report.note("\(figures.techniques) techniques, \(figures.changes) changed; new file \(bytes / 1024) KB with \(scan.rules.count) rules")
    }
}

/// Scans a folder from synchronous code.
private func scanBlocking(_ path: String) -> RuleScan {
    final class Box: @unchecked Sendable { var scan = RuleScan(rules: [], issues: []) }
    let box = Box()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.scan = await RuleScanner().scan([path])
        done.signal()
    }
    done.wait()
    return box.scan
}
