/// Choices that change how coverage is counted.
///
/// ```swift
/// var options = CoverageOptions()
/// options.scores = .init(detected: 3, logged: 1, blind: 0)
/// options.parentRuleCoversSubtechniques = true
/// ```
public struct CoverageOptions: Sendable, Hashable {
    /// The score of each state.
    public struct Scores: Sendable, Hashable {
        /// Score of a Detected technique (default 100).
        public var detected: Double
        /// Score of a Logged technique (default 50).
        public var logged: Double
        /// Score of a Blind technique (default 0).
        public var blind: Double

        /// Creates scores.
        public init(detected: Double = 100, logged: Double = 50, blind: Double = 0) {
            self.detected = detected
            self.logged = logged
            self.blind = blind
        }

        /// The largest magnitude a score may have; larger (or not finite) scores are refused.
        public static let limit = 1_000_000.0

        /// Reads `detected,logged,blind` (`100,50,0`, `3,1,0`): three finite numbers within
        /// ±``limit``.
        public init(parsing text: String) throws(CoverageInputError) {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingBlanks() }
            let numbers = parts.compactMap { Double($0) }.filter { $0.isFinite && abs($0) <= Self.limit }
            guard parts.count == 3, numbers.count == 3 else {
                throw CoverageInputError(
                    path: "", reason: "scores '\(text)': expected three numbers for Detected, Logged and Blind "
                        + "between -\(Int(Self.limit)) and \(Int(Self.limit)), e.g. 100,50,0")
            }
            self.init(detected: numbers[0], logged: numbers[1], blind: numbers[2])
        }

        /// The score of a state.
        public func score(_ state: CoverageState) -> Double {
            switch state {
            case .detected: return detected
            case .logged: return logged
            case .blind: return blind
            }
        }
    }

    /// Scores per state; 100 / 50 / 0 by default.
    public var scores: Scores
    /// When true, a rule on a parent technique (`T1059`) also makes its sub-techniques
    /// Detected (marked as applied through the parent). Off by default: a rule covers exactly
    /// the technique it names.
    public var parentRuleCoversSubtechniques: Bool
    /// When true, rules whose status is deprecated or unsupported (or maturity deprecated)
    /// count as coverage. Off by default.
    public var countDeprecatedRules: Bool
    /// When true, rules marked `enabled: false` count as coverage. Off by default.
    public var countDisabledRules: Bool
    /// When set, a Detected score is scaled by its best rule's level and status.
    public var weighting: RuleWeighting?

    /// Creates options; the defaults are the documented behaviour.
    public init(
        scores: Scores = Scores(), parentRuleCoversSubtechniques: Bool = false,
        countDeprecatedRules: Bool = false, countDisabledRules: Bool = false, weighting: RuleWeighting? = nil
    ) {
        self.weighting = weighting
        self.scores = scores
        self.parentRuleCoversSubtechniques = parentRuleCoversSubtechniques
        self.countDeprecatedRules = countDeprecatedRules
        self.countDisabledRules = countDisabledRules
    }
}

/// The three coverage states of a technique.
public enum CoverageState: String, Sendable, Hashable, CaseIterable, Comparable {
    /// At least one rule that can fire names the technique.
    case detected
    /// No rule, but collected telemetry that ATT&CK says can detect it.
    case logged
    /// Neither.
    case blind

    public static func < (lhs: CoverageState, rhs: CoverageState) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }

    /// The state's name as people read it: Detected, Logged, Blind.
    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// The one Detected / Logged / Blind palette of ttpkit's reports, heatmaps and web app
    /// (ColorBrewer's colour-blind-safe blue / salmon / red).
    public var color: String {
        switch self {
        case .detected: "#2166ac"
        case .logged: "#f4a582"
        case .blind: "#b2182b"
        }
    }

    /// Text on ``color`` with a contrast ratio of at least 4.5:1 (WCAG AA).
    public var textColor: String { self == .logged ? "#000000" : "#ffffff" }
}
