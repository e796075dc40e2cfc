import ATTACK
import Foundation

/// A set of techniques someone else covers, to compare with ours: a Navigator layer (e.g.
/// `sigma-cli analyze attack` output), a ttpkit coverage file or coverage layer, or a rules
/// folder (e.g. the public SigmaHQ rules), scanned and analysed like ours.
///
/// A baseline is a ``CoverageResult`` like any other: files are read by
/// ``CoverageDocument/read(path:knowledgeBase:)`` (layers through ``LayerScorePolicy``) and
/// what it covers is what it has Detected; a rules folder is analysed on the loaded release
/// (no telemetry check).
///
/// ```swift
/// let baseline = try await Baseline.load("../shared/corpora/sigma/rules", knowledgeBase: kb)
/// let comparison = try BaselineComparison(ours: result, baseline: baseline)
/// comparison.onlyBaseline.count   // techniques SigmaHQ covers and we do not
/// ```
public enum Baseline {
    /// Loads a baseline from a layer, a coverage file, or a rules folder (analysed on `kb`).
    public static func load(_ path: String, knowledgeBase kb: KnowledgeBase) async throws(CoverageInputError) -> CoverageResult {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CoverageInputError(path: path, reason: "baseline not found")
        }
        guard isDirectory.boolValue else { return try CoverageDocument.read(path: path, knowledgeBase: kb) }
        let scan = await RuleScanner().scan([path])
        guard !scan.rules.isEmpty else {
            throw CoverageInputError(path: path, reason: "baseline folder holds no detection rules")
        }
        var result = CoverageResult(rules: scan.rules, knowledgeBase: kb)
        result.source = path
        return result
    }
}

/// Our Detected techniques against a baseline's Detected ones.
public struct BaselineComparison: Sendable, Hashable {
    /// Covered by the baseline, not Detected by us — sorted.
    public var onlyBaseline: [String]
    /// Detected by us, not covered by the baseline — sorted.
    public var onlyOurs: [String]
    /// Both — sorted.
    public var both: [String]
    /// The baseline's source.
    public var baselineSource: String

    /// Compares; a baseline of another domain is an error.
    public init(ours: CoverageResult, baseline: CoverageResult) throws(CoverageInputError) {
        if let theirs = baseline.domain, let domain = ours.domain, theirs != domain {
            throw CoverageInputError(path: baseline.source, reason: "baseline is \(theirs.rawValue), the coverage is \(domain.rawValue); use a baseline of the same domain")
        }
        let detected = ours.detectedIDs
        let covered = baseline.detectedIDs
        onlyBaseline = covered.subtracting(detected).sorted()
        onlyOurs = detected.subtracting(covered).sorted()
        both = detected.intersection(covered).sorted()
        baselineSource = baseline.source
    }
}
