import ArgumentParser

/// The CI gate flags, as an option group any coverage command can include.
///
/// ```swift
/// @OptionGroup var gates: GateOptions
/// ...
/// try GateRunner.apply(analysis, options: gates, kb: kb, artifact: rules.first).finish()
/// ```
public struct GateOptions: ParsableArguments {
    @Flag(name: .customLong("fail-on-gaps"), help: ArgumentHelp(
        "Exit 1 when a technique of the chosen groups, sector or targets file is not Detected."))
    public var failOnGaps = false

    @Option(name: .customLong("groups"), help: ArgumentHelp(
        "With --fail-on-gaps: ATT&CK groups whose techniques must be Detected (comma-separated names, aliases or IDs).",
        valueName: "names"))
    public var groups: String?

    @Option(name: .customLong("sector"), help: ArgumentHelp(
        "With --fail-on-gaps: the groups targeting a sector (MISP threat-actor galaxy, then ATT&CK descriptions).",
        valueName: "sector"))
    public var sector: String?

    @Option(name: .customLong("galaxy"), help: ArgumentHelp(
        "The MISP threat-actor galaxy for --sector (clusters/threat-actor.json).", valueName: "path"))
    public var galaxy: String?

    @Option(name: .customLong("targets"), help: ArgumentHelp(
        "With --fail-on-gaps: a file of technique IDs one a line, or a Navigator layer.", valueName: "file"))
    public var targets: String?

    @Option(name: .customLong("fail-under"), help: ArgumentHelp(
        "Exit 1 when the Detected share is below PERCENT, overall (60) or in a tactic (execution=80); repeatable.",
        valueName: "percent"))
    public var failUnder: [String] = []

    @Option(name: .customLong("fail-on-regression"), help: ArgumentHelp(
        "Exit 1 when a technique Detected in this earlier coverage file (or coverage layer) is not Detected now.",
        valueName: "base"))
    public var failOnRegression: String?

    @Option(name: .customLong("sarif"), help: ArgumentHelp(
        "Write the gate findings as SARIF 2.1.0 (GitHub code scanning) to this file.", valueName: "file"))
    public var sarif: String?

    @Option(name: .customLong("junit"), help: ArgumentHelp(
        "Write one JUnit testcase per gate (GitLab, Jenkins, Azure Pipelines) to this file.", valueName: "file"))
    public var junit: String?

    public init() {}

    /// True when any gate or gate report is asked for.
    public var isActive: Bool {
        failOnGaps || !failUnder.isEmpty || failOnRegression != nil || sarif != nil || junit != nil
    }
}
