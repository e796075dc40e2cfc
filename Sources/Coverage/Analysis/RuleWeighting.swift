/// Optional weights that scale a Detected technique's score by the quality of its best rule.
///
/// A rule's weight is its level weight times its status weight (1 for anything not listed);
/// a Detected technique scores `detected × the highest weight among its rules`, never less
/// than the Logged score.
///
/// ```swift
/// var options = CoverageOptions()
/// options.weighting = .sigmaDefault
/// // a technique detected only by an experimental, low-level rule: 100 × 0.5 × 0.75 = 37.5 → 50 (the Logged floor)
/// ```
public struct RuleWeighting: Sendable, Hashable {
    /// Weights by lower-cased level or severity.
    public var levels: [String: Double]
    /// Weights by lower-cased status.
    public var statuses: [String: Double]

    /// Levels informational 0.25, low 0.5, medium 0.75, high and critical 1; statuses
    /// stable/production 1, test 0.9, experimental 0.75.
    public static let sigmaDefault = RuleWeighting(
        levels: ["informational": 0.25, "low": 0.5, "medium": 0.75, "high": 1, "critical": 1],
        statuses: ["stable": 1, "production": 1, "test": 0.9, "experimental": 0.75])

    /// The weight of one rule.
    public func weight(of rule: DetectionRule) -> Double {
        let level = rule.level.flatMap { levels[$0] } ?? 1
        let status = rule.status.flatMap { statuses[$0] } ?? 1
        return level * status
    }
}
