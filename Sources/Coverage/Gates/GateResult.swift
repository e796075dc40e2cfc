/// The outcome of the gates over one coverage result: each condition, passed or failed, with
/// the techniques behind each failure and the one-line CI summary.
///
/// ```swift
/// result.summaryLine
/// // ttpkit coverage: 412/691 techniques detected (59.6%), 2 of 3 gates failed: fail-on-gaps (12 of 120 techniques of groups APT29 (G0016) not detected); fail-under execution=80% (71.4%)
/// result.passed   // false
/// ```
public struct GateResult: Sendable {
    /// Detected techniques of the result.
    public var detected: Int
    /// Techniques of the result.
    public var total: Int
    /// One per configured gate condition, in the order gaps, thresholds, regression.
    public var conditions: [GateCondition]
    /// The gap study the `fail-on-gaps` gate counted (nil without that gate): its gaps are the
    /// findings; its waived and pre-compromise gaps and its waiver review are listed apart.
    public var gapStudy: ThreatCoverage?

    /// Creates a result.
    public init(detected: Int, total: Int, conditions: [GateCondition], gapStudy: ThreatCoverage? = nil) {
        self.detected = detected
        self.total = total
        self.conditions = conditions
        self.gapStudy = gapStudy
    }

    /// The failed conditions.
    public var failed: [GateCondition] { conditions.filter { !$0.passed } }

    /// True when every condition passed.
    public var passed: Bool { conditions.allSatisfy(\.passed) }

    /// The Detected share in percent.
    public var percentDetected: Double { total > 0 ? Double(detected) * 100 / Double(total) : 0 }

    /// The line for CI logs.
    public var summaryLine: String {
        var line = "ttpkit coverage: \(detected)/\(total) techniques detected (\(GateResult.format(percentDetected))%)"
        if conditions.isEmpty { return line }
        if passed {
            line += conditions.count == 1 ? ", 1 gate passed" : ", all \(conditions.count) gates passed"
        } else {
            line += ", \(failed.count) of \(conditions.count) gate\(conditions.count == 1 ? "" : "s") failed: "
                + failed.map { "\($0.name) (\($0.message))" }.joined(separator: "; ")
        }
        return line
    }

    /// One decimal place, rounded down, so a share printed as 60.0 always passes a 60 gate.
    static func format(_ value: Double) -> String {
        let tenths = Int((value * 10 + 1e-9).rounded(.down))
        return "\(tenths / 10).\(tenths % 10)"
    }
}

/// One gate condition and its outcome.
public struct GateCondition: Sendable, Hashable {
    /// The kind of gate.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// `fail-on-gaps`: chosen techniques must be Detected.
        case gaps = "fail-on-gaps"
        /// `fail-under`: a Detected share must be reached.
        case threshold = "fail-under"
        /// `fail-on-regression`: nothing Detected before may be lost.
        case regression = "fail-on-regression"
    }

    /// The kind.
    public var kind: Kind
    /// `fail-on-gaps`, `fail-under execution=80%`, `fail-on-regression`.
    public var name: String
    /// True when the condition holds.
    public var passed: Bool
    /// What was measured (`12 of 120 techniques not detected`, `71.4%`).
    public var message: String
    /// The techniques behind a failure (gaps, or techniques lost).
    public var findings: [GateFinding] = []
}

/// One technique behind a failed gate.
public struct GateFinding: Sendable, Hashable {
    /// `T1059.001`.
    public var techniqueID: String
    /// The technique's name.
    public var name: String
    /// Its state now.
    public var state: CoverageState
    /// Why it is reported (`used by APT29 (G0016); Logged`).
    public var message: String
    /// Rules involved (for a regression: the rules that detected it in the base).
    public var rules: [RuleLocation]
    /// For a gap, the input line it is about: the expired waiver naming it, else the targets
    /// file line that required it.
    public var location: RuleLocation?

    /// Creates a finding.
    public init(techniqueID: String, name: String, state: CoverageState, message: String,
                rules: [RuleLocation] = [], location: RuleLocation? = nil) {
        self.techniqueID = techniqueID
        self.name = name
        self.state = state
        self.message = message
        self.rules = rules
        self.location = location
    }
}
