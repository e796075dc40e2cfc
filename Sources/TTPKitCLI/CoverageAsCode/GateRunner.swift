import ATTACK
import Coverage
import Foundation

/// Applies the gate flags to a coverage result: the library builds and evaluates the gates
/// (``GateConfiguration``, ``GateEvaluator``); this writes the SARIF / JUnit files atomically
/// and prints warnings and the one-line summary on stderr.
///
/// Exit codes: 0 every gate passed, 1 a gate failed, 2 bad input (an unreadable targets,
/// waivers or base file, an unknown group, tactic, technique or version, a base of another
/// domain), 3 bad ATT&CK data.
enum GateRunner {
    /// What the gates decided.
    struct Outcome {
        /// The evaluated gates.
        let result: GateResult
        /// The one-line summary.
        var summary: String { result.summaryLine }

        /// Throws the gate failure (exit 1) when a gate failed; returns otherwise.
        func finish() throws {
            if !result.passed {
                throw CLIError("\(result.failed.count) coverage gate\(result.failed.count == 1 ? "" : "s") failed", exitCode: .gateFailed)
            }
        }
    }

    /// Evaluates the gates over a result; does nothing (and prints nothing) when no gate flag
    /// is given, so a coverage command can call it unconditionally. `artifact` is what SARIF
    /// results point at when no rule, targets line or waiver is involved; `rules` is the rules
    /// folder whose git top-level is the SARIF root (unless --sarif-root).
    @discardableResult
    static func apply(_ coverage: CoverageResult, options: GateOptions, kb: KnowledgeBase, artifact: String? = nil, rules: String? = nil) throws -> Outcome {
        guard options.isActive || options.namesRequiredTechniques || options.gapList.isGiven || options.sarifRoot != nil else {
            return Outcome(result: GateResult(detected: coverage.count(.detected), total: coverage.techniques.count, conditions: []))
        }
        if options.failOnGaps && !options.namesRequiredTechniques {
            throw CLIError("--fail-on-gaps needs the techniques to require: --groups, --sector, --all-groups or --targets FILE")
        }
        if !options.failOnGaps && options.namesRequiredTechniques {
            throw CLIError("--groups, --sector, --all-groups and --targets choose the techniques for --fail-on-gaps; add --fail-on-gaps")
        }
        if let misplaced = options.misplacedFlag { throw CLIError(misplaced) }
        let groups = try options.selection.choose(in: kb)
        let gates = try GateConfiguration(
            groups: groups, targetsFile: options.targets, waiversFile: options.gapList.waivers,
            includePreCompromise: options.gapList.includePreCompromise, asOf: options.gapList.day,
            thresholds: options.failUnder, regressionBase: options.failOnRegression, knowledgeBase: kb)
        for warning in gates.requiredTechniques?.warnings ?? [] { Terminal.standardError.write("ttpkit: \(warning)\n") }
        let result = try GateEvaluator.evaluate(coverage, gates: gates, knowledgeBase: kb)
        if let study = result.gapStudy { GapListOptions.printWarnings(study.waivers) }
        let root = SARIFRoot.locate(explicit: options.sarifRoot, rules: rules)
        let context = GateReportContext(toolVersion: TTPKit.version, defaultArtifact: artifact ?? ".", release: kb.attackVersion, root: root)
        if let path = options.sarif { try OutputTarget.write(SARIFReport.render(result, coverage: coverage, context: context), to: path) }
        if let path = options.junit { try OutputTarget.write(JUnitReport.render(result), to: path) }
        Terminal.standardError.write(result.summaryLine + "\n")
        return Outcome(result: result)
    }
}
