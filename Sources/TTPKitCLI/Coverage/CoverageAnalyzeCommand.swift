import ATTACK
import ArgumentParser
import Coverage
import Foundation
import Navigator

/// The outputs of `ttpkit coverage`.
enum CoverageFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv, layer
}

/// `ttpkit coverage [analyze] --rules PATH...`: Detected / Logged / Blind per technique.
struct CoverageAnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Classify every technique Detected, Logged or Blind from rules and collected telemetry (the default subcommand).",
        discussion: """
            Detected: a rule names the technique (a revoked ID counts as its replacement) and, \
            when --telemetry is given, the rule's own log source is collected; otherwise it is \
            reported as a rule that cannot fire. A rule on a parent (T1059) covers the parent \
            only unless --parent-covers-subtechniques. Tactic-only tags, deprecated and disabled \
            rules never count (see --count-deprecated, --count-disabled). Logged: no rule, but \
            telemetry that ATT&CK links to the technique (v18 analytics' log sources, or the data \
            components that detect it) is collected. Blind: neither.

            Output: by default a summary by tactic with totals and rule-quality counts; --format \
            json writes the coverage file that `ttpkit gaps` and `ttpkit report coverage` read \
            (--coverage FILE); csv one row per technique; layer an ATT&CK Navigator 4.5 layer \
            (scores 100/50/0, red → yellow → green, comments naming rules or telemetry). With \
            -o and no --format, .json and .csv choose the format.

            Examples:
              ttpkit coverage --rules ../shared/corpora/sigma/rules
              ttpkit coverage --rules sigma/ elastic/ --telemetry examples/telemetry.yaml -o coverage.json
              ttpkit coverage --rules rules/ --format layer -o coverage-layer.json
              ttpkit coverage --rules rules/ --atomics ../shared/corpora/atomic-red-team/atomics
              ttpkit coverage --rules rules/ --scores 3,1,0 --weighted --format csv
              ttpkit coverage --rules rules/ --groups APT29,FIN7 --fail-on-gaps --sarif gaps.sarif
              ttpkit coverage --rules rules/ --fail-under 60 --fail-under execution=80
              ttpkit coverage --rules rules/ --groups APT29,FIN7 --fail-on-gaps --waivers waivers.yaml --sarif gaps.sarif

            CI gates (exit 1 when one fails, 2 bad input, 3 bad ATT&CK data): --fail-on-gaps with \
            --groups, --sector or --targets (the gap list of `ttpkit gaps`: pre-compromise \
            techniques apart unless --include-pre-compromise, --waivers FILE accepted gaps apart); \
            --fail-under PERCENT or TACTIC=PERCENT; --fail-on-regression BASE. --sarif and --junit \
            write the findings for CI systems; SARIF paths are relative to the git top-level of \
            the rules folder (or --sarif-root DIR), and rule-quality findings point at each rule's \
            file and line.
            """)

    @OptionGroup var inputs: CoverageInputOptions
    @Option(name: [.customLong("format"), .customShort("f")], help: "Output format: table, json, csv or layer.")
    var format: CoverageFormat?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the output here (atomically) instead of standard output.", valueName: "file"))
    var output: String?
    @OptionGroup var gates: GateOptions
    @OptionGroup var dataOptions: DataOptions

    /// The format asked for, or the one the output file's extension implies.
    var effectiveFormat: CoverageFormat {
        if let format { return format }
        switch (output.map { ($0 as NSString).pathExtension.lowercased() }) {
        case "json": return .json
        case "csv": return .csv
        default: return .table
        }
    }

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let result = try inputs.analyze(knowledgeBase: kb, ruleCache: dataOptions.ruleCache())
        CoverageInputOptions.printDiagnostics(result)
        let view = CoverageView(result: result, knowledgeBase: kb, styled: output == nil)
        switch effectiveFormat {
        case .layer:
            let generated: GeneratedLayer
            do {
                generated = try result.layer(knowledgeBase: kb)
            } catch {
                throw CLIError("cannot build the coverage layer: \(error)")
            }
            try OutputTarget.write([generated.layer], to: output)
        case .json: try OutputTarget.write(CoverageDocument.text(result, knowledgeBase: kb), to: output)
        case .csv: try OutputTarget.write(view.csv().csv(), to: output)
        case .table: try OutputTarget.write(view.table(), to: output)
        }
        try GateRunner.apply(result, options: gates, kb: kb, artifact: inputs.rules.first, rules: inputs.rules.first).finish()
    }
}
