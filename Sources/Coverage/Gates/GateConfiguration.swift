/// Which gates to evaluate over a coverage result; an empty configuration evaluates none
/// (the run passes, and the summary line still reports the Detected share).
///
/// ```swift
/// var gates = GateConfiguration()
/// gates.requiredTechniques = TechniqueTargets.groups([apt29], knowledgeBase: kb)
/// gates.thresholds = [try GateThreshold.parse("60", knowledgeBase: kb)]
/// gates.regressionBase = try CoverageSnapshot.read(path: "coverage-main.json")
/// let result = try GateEvaluator.evaluate(snapshot, gates: gates)
/// ```
public struct GateConfiguration: Sendable, Hashable {
    /// `fail-on-gaps`: these techniques must all be Detected.
    public var requiredTechniques: TechniqueTargets?
    /// `fail-under`: each threshold must be reached.
    public var thresholds: [GateThreshold]
    /// `fail-on-regression`: no technique Detected here may be less than Detected now.
    public var regressionBase: CoverageSnapshot?

    /// Creates a configuration.
    public init(requiredTechniques: TechniqueTargets? = nil, thresholds: [GateThreshold] = [], regressionBase: CoverageSnapshot? = nil) {
        self.requiredTechniques = requiredTechniques
        self.thresholds = thresholds
        self.regressionBase = regressionBase
    }

    /// True when no gate is configured.
    public var isEmpty: Bool { requiredTechniques == nil && thresholds.isEmpty && regressionBase == nil }
}
