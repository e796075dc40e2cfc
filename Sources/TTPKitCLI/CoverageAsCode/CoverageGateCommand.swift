import ATTACK
import ArgumentParser
import Coverage

/// `ttpkit coverage gate COVERAGE`: the CI gates over a coverage file already written.
struct CoverageGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Apply CI gates to a coverage file, a coverage layer or a DeTT&CT technique-administration file.",
        discussion: """
            Exit codes: 0 every gate passed, 1 a gate failed, 2 bad input, 3 bad ATT&CK data. \
            The one-line summary goes to standard error; --sarif and --junit write reports.

            Examples:
              ttpkit coverage gate coverage.json --fail-under 60 --fail-under execution=80
              ttpkit coverage gate coverage.json --fail-on-gaps --groups APT29,FIN7 --sarif gates.sarif
              ttpkit coverage gate coverage.json --fail-on-regression coverage-main.json --junit gates.xml
            """)

    @Argument(help: "The coverage file (JSON), coverage layer, or DeTT&CT technique-administration YAML.")
    var coverage: String
    @Option(name: .long, help: ArgumentHelp("What SARIF results point at when no rule is involved (the rules folder).", valueName: "path"))
    var artifact: String?
    @OptionGroup var gates: GateOptions
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let result = try CoverageInput.read(coverage, kb: kb)
        let outcome = try GateRunner.apply(result, options: gates, kb: kb, artifact: artifact ?? coverage)
        if outcome.result.conditions.isEmpty { Terminal.standardError.write(outcome.summary + " (no gate given)\n") }
        try outcome.finish()
    }
}
