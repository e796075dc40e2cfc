import ATTACK
import Foundation
import Navigator
import STIX

/// A set of techniques someone else covers, to compare with ours: a Navigator layer (e.g.
/// `sigma-cli analyze attack` output), a ttpkit coverage file or coverage layer, or a rules
/// folder (e.g. the public SigmaHQ rules), scanned and analysed like ours.
///
/// What counts as covered: in a coverage file or a ttpkit coverage layer, Detected techniques;
/// in any other layer, every enabled technique with a score above 0 or no score; in a rules
/// folder, the techniques its rules make Detected on the loaded release (no telemetry check).
///
/// ```swift
/// let baseline = try await Baseline.load("../shared/corpora/sigma/rules", knowledgeBase: kb)
/// let comparison = try BaselineComparison(ours: snapshot, baseline: baseline)
/// comparison.onlyBaseline.count   // techniques SigmaHQ covers and we do not
/// ```
public struct Baseline: Sendable, Hashable {
    /// The file or folder.
    public var source: String
    /// The domain, when the source says.
    public var domain: AttackDomain?
    /// Covered technique IDs.
    public var covered: Set<String>
    /// Names of techniques, when the source gives them.
    public var names: [String: String]

    /// Creates a baseline.
    public init(source: String, domain: AttackDomain?, covered: Set<String>, names: [String: String] = [:]) {
        self.source = source
        self.domain = domain
        self.covered = covered
        self.names = names
    }

    /// Loads a baseline from a layer, a coverage file, or a rules folder (analysed on `kb`).
    public static func load(_ path: String, knowledgeBase kb: KnowledgeBase) async throws(CoverageInputError) -> Baseline {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw CoverageInputError(path: path, reason: "baseline not found")
        }
        if isDirectory.boolValue {
            let scan = await RuleScanner().scan([path])
            guard !scan.rules.isEmpty else {
                throw CoverageInputError(path: path, reason: "baseline folder holds no detection rules")
            }
            let analysis = CoverageAnalysis(rules: scan.rules, knowledgeBase: kb)
            let detected = analysis.techniques.filter { $0.state == .detected }
            return Baseline(source: path, domain: kb.domain, covered: Set(detected.map(\.techniqueID)),
                            names: Dictionary(detected.map { ($0.techniqueID, $0.name) }, uniquingKeysWith: { first, _ in first }))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoverageInputError(path: path, reason: "cannot read baseline")
        }
        return try parse(data, source: path)
    }

    /// Parses a baseline layer or coverage file.
    public static func parse(_ data: Data, source: String) throws(CoverageInputError) -> Baseline {
        let value: JSONValue
        do { value = try JSONValue.parse([UInt8](data)) } catch {
            throw CoverageInputError(path: source, reason: "baseline is not JSON: expected \(error.expected), found \(error.found) at byte \(error.offset)")
        }
        guard CoverageSnapshot.isLayer(value) else {
            let snapshot = try CoverageSnapshot.parse(data, source: source)
            let detected = snapshot.entries.filter { $0.state == .detected }
            return Baseline(source: source, domain: snapshot.domain, covered: Set(detected.map(\.techniqueID)),
                            names: Dictionary(detected.map { ($0.techniqueID, $0.name) }, uniquingKeysWith: { first, _ in first }))
        }
        let document: LayerDocument
        do { document = try LayerFile.parse(data, source: source) } catch {
            throw CoverageInputError(path: source, reason: "unusable baseline layer: \(error)")
        }
        guard let layer = document.layer else { throw CoverageInputError(path: source, reason: "the file holds no layer") }
        var covered = Set<String>()
        for technique in layer.techniques where technique.isEnabled {
            guard let id = ATTACKIdentifiers.techniqueID(technique.techniqueID) else { continue }
            let comment = technique.comment?.lowercased() ?? ""
            let ttpkitComment = ["detected", "logged", "blind"].contains { comment.hasPrefix($0) }
            let isCovered = ttpkitComment ? comment.hasPrefix("detected") : (technique.score ?? 1) > 0
            if isCovered { covered.insert(id) }
        }
        return Baseline(source: source, domain: layer.domain, covered: covered)
    }
}

/// Our Detected techniques against a baseline's covered ones.
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
    public init(ours: CoverageSnapshot, baseline: Baseline) throws(CoverageInputError) {
        if let theirs = baseline.domain, let domain = ours.domain, theirs != domain {
            throw CoverageInputError(path: baseline.source, reason: "baseline is \(theirs.rawValue), the coverage is \(domain.rawValue); use a baseline of the same domain")
        }
        let detected = ours.detectedIDs
        onlyBaseline = baseline.covered.subtracting(detected).sorted()
        onlyOurs = detected.subtracting(baseline.covered).sorted()
        both = detected.intersection(baseline.covered).sorted()
        baselineSource = baseline.source
    }
}
