import ATTACK
import Foundation

/// Which gates to evaluate over a coverage result; an empty configuration evaluates none
/// (the run passes, and the summary line still reports the Detected share).
///
/// The `fail-on-gaps` gate counts the gaps of the one gap list (``ThreatCoverage/gaps``) for
/// the required techniques: pre-compromise techniques are listed apart unless
/// `includePreCompromise`, and techniques an unexpired waiver names are waived.
///
/// ```swift
/// var gates = GateConfiguration()
/// gates.requiredTechniques = TechniqueTargets.groups(selection, knowledgeBase: kb)
/// gates.waivers = try WaiverFile.load("waivers.yaml", knowledgeBase: kb)
/// gates.asOf = CalendarDay("2026-05-04")!
/// gates.thresholds = [try GateThreshold.parse("60", knowledgeBase: kb)]
/// gates.regressionBase = try CoverageDocument.read(path: "coverage-main.json", knowledgeBase: kb)
/// let outcome = try GateEvaluator.evaluate(result, gates: gates, knowledgeBase: kb)
/// ```
public struct GateConfiguration: Sendable {
    /// `fail-on-gaps`: these techniques must all be Detected (or waived, or pre-compromise).
    public var requiredTechniques: TechniqueTargets?
    /// `fail-on-gaps`: count pre-compromise techniques as gaps too.
    public var includePreCompromise: Bool
    /// `fail-on-gaps`: the accepted gaps.
    public var waivers: WaiverFile?
    /// The day waiver expiry is judged on.
    public var asOf: CalendarDay
    /// `fail-under`: each threshold must be reached.
    public var thresholds: [GateThreshold]
    /// `fail-on-regression`: no technique Detected here may be less than Detected now.
    public var regressionBase: CoverageResult?

    /// Creates a configuration.
    public init(requiredTechniques: TechniqueTargets? = nil, includePreCompromise: Bool = false, waivers: WaiverFile? = nil,
                asOf: CalendarDay = CalendarDay(Date()), thresholds: [GateThreshold] = [], regressionBase: CoverageResult? = nil) {
        self.requiredTechniques = requiredTechniques
        self.includePreCompromise = includePreCompromise
        self.waivers = waivers
        self.asOf = asOf
        self.thresholds = thresholds
        self.regressionBase = regressionBase
    }

    /// The gates for a request: `groups` and `targetsFile` (read against `kb`) give the
    /// techniques that must be Detected (nil for both: no gaps gate), `waiversFile` the
    /// accepted gaps, `thresholds` are `fail-under` texts (`60`, `execution=80`),
    /// `regressionBase` a coverage file or layer read and aligned to `kb`.
    public init(
        groups: GroupSelection?, targetsFile: String?, waiversFile: String? = nil, includePreCompromise: Bool = false,
        asOf: CalendarDay, thresholds: [String], regressionBase: String?, knowledgeBase kb: KnowledgeBase
    ) throws(CoverageInputError) {
        var targets: [TechniqueTargets] = []
        if let groups { targets.append(.groups(groups, knowledgeBase: kb)) }
        if let targetsFile { targets.append(try .file(targetsFile, knowledgeBase: kb)) }
        var parsed: [GateThreshold] = []
        for text in thresholds { parsed.append(try GateThreshold.parse(text, knowledgeBase: kb)) }
        self.init(
            requiredTechniques: TechniqueTargets.merged(targets), includePreCompromise: includePreCompromise,
            waivers: try waiversFile.map { path throws(CoverageInputError) in try WaiverFile.load(path, knowledgeBase: kb) },
            asOf: asOf, thresholds: parsed,
            regressionBase: try regressionBase.map { path throws(CoverageInputError) in try CoverageDocument.read(path: path, knowledgeBase: kb) })
    }

    /// True when no gate is configured.
    public var isEmpty: Bool { requiredTechniques == nil && thresholds.isEmpty && regressionBase == nil }
}
