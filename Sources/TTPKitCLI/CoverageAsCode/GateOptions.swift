import ArgumentParser

/// The CI gate flags, as an option group any coverage command can include. `--groups`,
/// `--sector` and `--all-groups` choose the groups, and `--include-pre-compromise`,
/// `--waivers` and `--as-of` shape the gap list, exactly as in `gaps` and `report coverage`.
///
/// ```swift
/// @OptionGroup var gates: GateOptions
/// ...
/// try GateRunner.apply(result, options: gates, kb: kb, artifact: rules.first, rules: rules.first).finish()
/// ```
struct GateOptions: ParsableArguments {
    @Flag(name: .customLong("fail-on-gaps"), help: ArgumentHelp(
        "Exit 1 when a technique of the chosen groups (--groups, --sector, --all-groups) or --targets file is not Detected."))
    var failOnGaps = false

    @OptionGroup var selection: GroupSelectionOptions

    @Option(name: .customLong("targets"), help: ArgumentHelp(
        "With --fail-on-gaps: a file of technique IDs one a line, or a Navigator layer.", valueName: "file"))
    var targets: String?

    @OptionGroup var gapList: GapListOptions

    @Option(name: .customLong("fail-under"), help: ArgumentHelp(
        "Exit 1 when the Detected share is below PERCENT, overall (60) or in a tactic (execution=80); repeatable.",
        valueName: "percent"))
    var failUnder: [String] = []

    @Option(name: .customLong("fail-on-regression"), help: ArgumentHelp(
        "Exit 1 when a technique Detected in this earlier coverage file (or coverage layer) is not Detected now.",
        valueName: "base"))
    var failOnRegression: String?

    @Option(name: .customLong("sarif"), help: ArgumentHelp(
        "Write the gate findings as SARIF 2.1.0 (GitHub code scanning) to this file.", valueName: "file"))
    var sarif: String?

    @Option(name: .customLong("sarif-root"), help: ArgumentHelp(
        "The repository root SARIF paths are relative to (default: the git top-level of the rules folder, else the current folder).",
        valueName: "dir"))
    var sarifRoot: String?

    @Option(name: .customLong("junit"), help: ArgumentHelp(
        "Write one JUnit testcase per gate (GitLab, Jenkins, Azure Pipelines) to this file.", valueName: "file"))
    var junit: String?

    /// True when any gate or gate report is asked for.
    var isActive: Bool {
        failOnGaps || !failUnder.isEmpty || failOnRegression != nil || sarif != nil || junit != nil
    }

    /// True when a flag that only means something with --fail-on-gaps is given.
    var namesRequiredTechniques: Bool { selection.criterion != nil || targets != nil }

    /// True when --sarif-root is given without --sarif, or a gap-list flag without a gaps gate.
    var misplacedFlag: String? {
        if sarifRoot != nil && sarif == nil { return "--sarif-root only places the paths of --sarif; add --sarif FILE" }
        if gapList.isGiven && !failOnGaps { return "--waivers, --as-of and --include-pre-compromise apply to --fail-on-gaps; add it" }
        return nil
    }
}
