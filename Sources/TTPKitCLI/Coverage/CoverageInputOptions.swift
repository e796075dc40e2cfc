import ATTACK
import ArgumentParser
import Coverage
import Foundation

/// The inputs and counting choices of a coverage analysis, shared by every command that
/// computes coverage from rules (`coverage`, and gates built on it).
///
/// ```swift
/// @OptionGroup var inputs: CoverageInputOptions
/// @OptionGroup var dataOptions: DataOptions
/// let run = try inputs.analyze(knowledgeBase: try dataOptions.knowledgeBase())
/// run.analysis.count(.detected)
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
        let parts = scores.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 3, let d = parts[0], let l = parts[1], let b = parts[2] else {
            throw ValidationError("--scores takes three numbers for Detected, Logged and Blind, e.g. 100,50,0")
        }
        return CoverageOptions.Scores(detected: d, logged: l, blind: b)
    }

    /// The counting choices.
    func coverageOptions() throws -> CoverageOptions {
        CoverageOptions(
            scores: try parsedScores(), parentRuleCoversSubtechniques: parentCoversSubtechniques,
            countDeprecatedRules: countDeprecated, countDisabledRules: countDisabled,
            weighting: weighted ? .sigmaDefault : nil)
    }

    /// Scans the rules, reads the telemetry and atomics, and computes coverage. Problems with
    /// the inputs are printed on stderr per file and line; the run goes on. Fails (exit 2) only
    /// when no rule could be read, or the telemetry or atomics input is wholly unusable.
    func analyze(knowledgeBase kb: KnowledgeBase) throws -> CoverageRun {
        let scan = try RuleScanning.scan(rules)
        if scan.rules.isEmpty {
            RuleScanning.printIssues(scan.issues)
            throw RuleScanning.nothingUsable(scan, paths: rules)
        }
        let inventory = telemetry.map { TelemetryInventory.load(path: $0) }
        var atomicIndex: AtomicIndex?
        if let atomics {
            let index = AtomicIndex.load(folder: atomics)
            if index.tests.isEmpty {
                RuleScanning.printIssues(index.issues)
                throw CLIError("--atomics \(atomics): no Atomic Red Team test could be read (expected T*/T*.yaml files)")
            }
            atomicIndex = index
        }
        let analysis = CoverageAnalysis(rules: scan.rules, telemetry: inventory, knowledgeBase: kb, options: try coverageOptions())
        if let inventory {
            let failedLines = Set(analysis.telemetryIssues.filter { $0.severity == .error }.compactMap(\.line))
            if inventory.sources.allSatisfy({ failedLines.contains($0.line) }) {
                RuleScanning.printIssues(analysis.telemetryIssues)
                throw CLIError("--telemetry \(inventory.path): no usable entry (\(RuleScanning.plural(analysis.telemetryIssues.count, "problem")) reported above)")
            }
        }
        let issues = scan.issues + analysis.telemetryIssues + (atomicIndex?.issues ?? [])
        let record = CoverageRecord(
            analysis: analysis, domain: kb.domain, generated: Self.timestamp(),
            inputs: CoverageRecord.Inputs(rules: rules, telemetry: telemetry, atomics: atomics),
            quality: RuleQuality(scan: scan, analysis: analysis), issues: issues, atomics: atomicIndex)
        return CoverageRun(scan: scan, record: record)
    }

    static func timestamp() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}

/// One coverage computation: the scan it read and the record it made.
struct CoverageRun {
    /// The rules read and the problems met.
    let scan: RuleScan
    /// The analysis with its inputs, quality counts and issues (what `--format json` writes).
    let record: CoverageRecord

    var analysis: CoverageAnalysis { record.analysis }

    /// Prints the problems with the inputs and a one-line summary on stderr.
    func printDiagnostics() {
        RuleScanning.printIssues(record.issues)
        guard let q = record.quality else { return }
        var notes: [String] = []
        if q.revokedIDRules > 0 { notes.append("revoked IDs in \(RuleScanning.plural(q.revokedIDRules, "rule")) (counted as the replacement)") }
        if q.unknownIDRules > 0 { notes.append("IDs not in ATT&CK \(analysis.release ?? "") in \(RuleScanning.plural(q.unknownIDRules, "rule"))") }
        if q.cannotFire > 0 { notes.append("rules that cannot fire: \(RuleScanning.count(q.cannotFire))") }
        let err = Terminal.standardError
        err.write("ttpkit: read \(RuleScanning.readSummary(scan)); \(RuleScanning.plural(q.failures, "failure")), \(RuleScanning.plural(q.warnings, "warning"))\n")
        if !notes.isEmpty { err.write("ttpkit: warning: " + notes.joined(separator: "; ") + " (details: ttpkit rules scan)\n") }
    }
}
