import Coverage
import Foundation
import Reports

/// Scans rule paths for the coverage commands: progress on stderr only on a terminal, and the
/// per-file problems printed as `ttpkit: path:line: reason` lines.
enum RuleScanning {
    /// Scans `paths`, drawing a progress line on stderr when it is a terminal; `cache` keeps
    /// what unchanged files gave.
    static func scan(_ paths: [String], cache: RuleScanCache? = nil) throws -> RuleScan {
        let err = Terminal.standardError
        let showProgress = err.isTerminal
        var scanner = RuleScanner()
        scanner.cache = cache
        if showProgress {
            scanner.progress = { done, total in err.replaceLine(with: "ttpkit: reading rules: \(done)/\(total) files") }
        }
        let configured = scanner
        let scan = try Blocking.run { await configured.scan(paths) }
        if showProgress { err.replaceLine() }
        return scan
    }

    /// Prints problems on stderr, at most `limit` of them (0: all), then how many were left out.
    static func printIssues(_ issues: [RuleIssue], limit: Int = 50, hint: String = "`ttpkit rules scan` lists them all") {
        let err = Terminal.standardError
        let shown = limit > 0 ? Array(issues.prefix(limit)) : issues
        for issue in shown { err.write("ttpkit: \(issue)\n") }
        if shown.count < issues.count { err.write("ttpkit: … and \(issues.count - shown.count) more (\(hint))\n") }
    }

    /// "3,141 rules from 3,150 files (sigma 3,100, elastic 41)".
    static func readSummary(_ quality: RuleQuality) -> String {
        let files = quality.filesPerFormat.values.reduce(0, +)
        let formats = RuleFormat.allCases.compactMap { f in quality.rulesPerFormat[f].map { "\(f.rawValue) \(count($0))" } }
        return "\(plural(quality.rules, "rule")) from \(plural(files, "file"))" + (formats.isEmpty ? "" : " (\(formats.joined(separator: ", ")))")
    }

    static func count(_ n: Int) -> String { ReportText.count(n) }

    static func plural(_ n: Int, _ noun: String) -> String { ReportText.plural(n, noun) }
}
