import ATTACK
import Foundation

/// Everything a coverage run needs, from paths to a ``CoverageResult``: the one pipeline
/// behind `ttpkit coverage` (and the server). Scans the rules, reads the telemetry inventory
/// and the Atomic Red Team tests, classifies every technique, and counts rule quality.
///
/// Problems with single inputs (a rule file that does not parse, an inventory line that names
/// nothing) go to ``CoverageResult/issues`` and the run goes on. It fails only when no rule
/// could be read, or the telemetry or atomics input is wholly unusable — with the problems
/// behind the failure in ``CoverageInputError/related``.
///
/// ```swift
/// let request = CoverageRequest(rules: ["rules/"], telemetry: "telemetry.yaml")
/// let result = try await request.run(knowledgeBase: kb)
/// result.quality?.rules   // 3141
/// ```
public struct CoverageRequest: Sendable, Hashable {
    /// Rule files and folders.
    public var rules: [String]
    /// The telemetry inventory, if any.
    public var telemetry: String?
    /// The Atomic Red Team `atomics/` folder, if any.
    public var atomics: String?
    /// The counting choices.
    public var options: CoverageOptions

    /// Creates a request.
    public init(rules: [String], telemetry: String? = nil, atomics: String? = nil, options: CoverageOptions = CoverageOptions()) {
        self.rules = rules
        self.telemetry = telemetry
        self.atomics = atomics
        self.options = options
    }

    /// Runs the pipeline on `kb`; `progress` hears (files done, files in all) while rules are
    /// read; `ruleCache` keeps what unchanged rule files gave (the result is the same without).
    public func run(
        knowledgeBase kb: KnowledgeBase, generated: Date = Date(), progress: (@Sendable (Int, Int) -> Void)? = nil,
        ruleCache: RuleScanCache? = nil
    ) async throws(CoverageInputError) -> CoverageResult {
        var scanner = RuleScanner()
        scanner.progress = progress
        scanner.cache = ruleCache
        let scan = await scanner.scan(rules)
        if scan.rules.isEmpty { throw scan.nothingRead(from: rules) }
        let inventory = telemetry.map { TelemetryInventory.load(path: $0) }
        var atomicIndex: AtomicIndex?
        if let atomics { atomicIndex = try AtomicIndex.loadTests(folder: atomics) }
        var result = CoverageResult(rules: scan.rules, telemetry: inventory, knowledgeBase: kb, options: options)
        if let inventory {
            let failedLines = Set(result.issues.filter { $0.severity == .error }.compactMap(\.line))
            if inventory.sources.allSatisfy({ failedLines.contains($0.line) }) {
                throw CoverageInputError(
                    path: inventory.path, reason: "no usable entry (\(result.issues.count) problem\(result.issues.count == 1 ? "" : "s"))",
                    related: result.issues)
            }
        }
        result.issues = scan.issues + result.issues + (atomicIndex?.issues ?? [])
        result.quality = RuleQuality(scan: scan, result: result)
        result.inputs = CoverageResult.Inputs(rules: rules, telemetry: telemetry, atomics: atomics)
        result.generated = Self.timestamp(generated)
        if let atomicIndex { result.attach(atomicIndex) }
        return result
    }

    /// ISO 8601 to the second, UTC.
    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

extension RuleScan {
    /// The error for a scan that read no rule at all, with every problem met as ``CoverageInputError/related``.
    public func nothingRead(from paths: [String]) -> CoverageInputError {
        let report = self.report
        var parts: [String] = []
        if report.failures > 0 { parts.append("\(report.failures) problem\(report.failures == 1 ? "" : "s")") }
        if report.skippedFiles > 0 {
            parts.append("\(report.skippedFiles) file\(report.skippedFiles == 1 ? "" : "s") skipped as not detection content")
        }
        return CoverageInputError(
            path: "",
            reason: "no detection rule could be read from \(paths.joined(separator: ", ")): "
                + (parts.isEmpty ? "no rule files found" : parts.joined(separator: ", ")),
            related: issues)
    }
}
