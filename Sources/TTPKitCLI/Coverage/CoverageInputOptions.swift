import ATTACK
import ArgumentParser
import Coverage
import Foundation

/// The inputs and counting choices of a coverage analysis, shared by every command that
/// computes coverage from rules: they become one ``CoverageRequest`` the library runs.
///
/// ```swift
/// @OptionGroup var inputs: CoverageInputOptions
/// @OptionGroup var dataOptions: DataOptions
/// let result = try inputs.analyze(knowledgeBase: try dataOptions.knowledgeBase())
/// result.count(.detected)
/// ```
struct CoverageInputOptions: ParsableArguments {
    @Option(name: .customLong("rules"), parsing: .upToNextOption, help: ArgumentHelp(
        "Rule files and folders (Sigma, Elastic, Splunk, Sentinel, CSV); several after one --rules, or repeat it.",
        valueName: "path"))
    var rules: [String] = []

    @Option(help: ArgumentHelp(
        "Telemetry inventory (YAML; see examples/telemetry.yaml): techniques it can see count as Logged, and rules whose log source it lacks cannot fire.",
        valueName: "file"))
    var telemetry: String?

    @Option(help: ArgumentHelp(
        "Atomic Red Team atomics/ folder: list which Detected techniques have tests to validate them and which Blind ones have tests to build detections against.",
        valueName: "dir"))
    var atomics: String?

    @Option(help: ArgumentHelp("Scores of Detected, Logged and Blind (default 100,50,0).", valueName: "d,l,b"))
    var scores: String?

    @Flag(help: "Scale a Detected score by its best rule's level (informational 0.25, low 0.5, medium 0.75, high/critical 1) and status (experimental 0.75, test 0.9), never below the Logged score.")
    var weighted = false

    @Flag(name: .customLong("parent-covers-subtechniques"), help: "Count a rule on a parent technique (T1059) for its sub-techniques too (marked as applied through the parent).")
    var parentCoversSubtechniques = false

    @Flag(name: .customLong("count-deprecated"), help: "Count rules whose status is deprecated or unsupported.")
    var countDeprecated = false

    @Flag(name: .customLong("count-disabled"), help: "Count rules marked enabled: false.")
    var countDisabled = false

    func validate() throws {
        if rules.isEmpty { throw ValidationError("give detection rules with --rules PATH...") }
        _ = try parsedScores()
    }

    func parsedScores() throws -> CoverageOptions.Scores {
        guard let scores else { return CoverageOptions.Scores() }
        do { return try CoverageOptions.Scores(parsing: scores) } catch { throw ValidationError("--scores: \(error.reason)") }
    }

    /// The request the flags make.
    func request() throws -> CoverageRequest {
        CoverageRequest(
            rules: rules, telemetry: telemetry, atomics: atomics,
            options: CoverageOptions(
                scores: try parsedScores(), parentRuleCoversSubtechniques: parentCoversSubtechniques,
                countDeprecatedRules: countDeprecated, countDisabledRules: countDisabled,
                weighting: weighted ? .sigmaDefault : nil))
    }

    /// Runs the request, drawing a progress line on stderr when it is a terminal. When the run
    /// fails, the problems behind it are printed before the error (exit 2).
    func analyze(knowledgeBase kb: KnowledgeBase, ruleCache: RuleScanCache? = nil) throws -> CoverageResult {
        let request = try self.request()
        let err = Terminal.standardError
        var progress: (@Sendable (Int, Int) -> Void)?
        if err.isTerminal {
            progress = { done, total in err.replaceLine(with: "ttpkit: reading rules: \(done)/\(total) files") }
        }
        let report = progress
        defer { if report != nil { err.replaceLine() } }
        do {
            return try Blocking.run { try await request.run(knowledgeBase: kb, progress: report, ruleCache: ruleCache) }
        } catch let error as CoverageInputError {
            RuleScanning.printIssues(error.related)
            throw error
        }
    }

    /// Prints the problems with the inputs and a one-line summary on stderr.
    static func printDiagnostics(_ result: CoverageResult) {
        RuleScanning.printIssues(result.issues)
        guard let q = result.quality else { return }
        var notes: [String] = []
        if q.revokedIDRules > 0 { notes.append("revoked IDs in \(RuleScanning.plural(q.revokedIDRules, "rule")) (counted as the replacement)") }
        if q.unknownIDRules > 0 { notes.append("IDs not in ATT&CK \(result.release ?? "") in \(RuleScanning.plural(q.unknownIDRules, "rule"))") }
        let err = Terminal.standardError
        err.write("ttpkit: read \(RuleScanning.readSummary(q)); \(RuleScanning.plural(q.failures, "failure")), \(RuleScanning.plural(q.warnings, "warning"))\n")
        if !notes.isEmpty { err.write("ttpkit: warning: " + notes.joined(separator: "; ") + " (details: ttpkit rules scan)\n") }
        if q.cannotFire > 0 {
            err.write("ttpkit: warning: \(RuleScanning.plural(q.cannotFire, "rule")) cannot fire: their log source is not in the telemetry inventory (each is listed under \"findings\" with --format json)\n")
        }
    }
}
