import ATTACK

/// Which gates to evaluate over a coverage result; an empty configuration evaluates none
/// (the run passes, and the summary line still reports the Detected share).
///
/// ```swift
/// var gates = GateConfiguration()
/// gates.requiredTechniques = TechniqueTargets.groups([apt29], knowledgeBase: kb)
/// gates.thresholds = [try GateThreshold.parse("60", knowledgeBase: kb)]
/// gates.regressionBase = try CoverageDocument.read(path: "coverage-main.json", knowledgeBase: kb)
/// let outcome = try GateEvaluator.evaluate(result, gates: gates)
/// ```
public struct GateConfiguration: Sendable {
    /// `fail-on-gaps`: these techniques must all be Detected.
    public var requiredTechniques: TechniqueTargets?
    /// `fail-under`: each threshold must be reached.
    public var thresholds: [GateThreshold]
    /// `fail-on-regression`: no technique Detected here may be less than Detected now.
    public var regressionBase: CoverageResult?

    /// Creates a configuration.
    public init(requiredTechniques: TechniqueTargets? = nil, thresholds: [GateThreshold] = [], regressionBase: CoverageResult? = nil) {
        self.requiredTechniques = requiredTechniques
        self.thresholds = thresholds
        self.regressionBase = regressionBase
    }

    /// The gates for a request: `groups` and `targetsFile` (read against `kb`) give the
    /// techniques that must be Detected (nil for both: no gaps gate), `thresholds` are
    /// `fail-under` texts (`60`, `execution=80`), `regressionBase` a coverage file or layer
    /// read and aligned to `kb`.
    public init(
        groups: GroupSelection?, targetsFile: String?, thresholds: [String], regressionBase: String?, knowledgeBase kb: KnowledgeBase
    ) throws(CoverageInputError) {
        var targets: [TechniqueTargets] = []
        if let groups { targets.append(.groups(groups, knowledgeBase: kb)) }
        if let targetsFile { targets.append(try .file(targetsFile, knowledgeBase: kb)) }
        var parsed: [GateThreshold] = []
        for text in thresholds { parsed.append(try GateThreshold.parse(text, knowledgeBase: kb)) }
        self.init(
            requiredTechniques: TechniqueTargets.merged(targets), thresholds: parsed,
            regressionBase: try regressionBase.map { path throws(CoverageInputError) in try CoverageDocument.read(path: path, knowledgeBase: kb) })
    }

    /// True when no gate is configured.
    public var isEmpty: Bool { requiredTechniques == nil && thresholds.isEmpty && regressionBase == nil }
}
