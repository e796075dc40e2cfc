import Answers
import ATTACK
import ArgumentParser
import Coverage

/// What `ttpkit coverage gate` prints on standard output.
enum GateFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// `ttpkit coverage gate COVERAGE`: the CI gates over a coverage file already written.
struct CoverageGateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "Apply CI gates to a coverage file, a coverage layer or a DeTT&CT technique-administration file.",
        discussion: """
            Exit codes: 0 every gate passed, 1 a gate failed, 2 bad input, 3 bad ATT&CK data. \
            The one-line summary goes to standard error; --sarif and --junit write reports; \
            --format json prints the gates, their findings and the gap lists on standard output.

            --fail-on-gaps counts the gap list `ttpkit gaps` ranks for the same groups: \
            pre-compromise techniques (Reconnaissance, Resource Development, those only \
            mitigated before the compromise) are listed apart unless --include-pre-compromise, \
            and the techniques of --waivers FILE (technique, reason, owner, expires) are waived. \
            An expired waiver stops waiving and is warned about with its file and line (and in \
            SARIF and JUnit); a waiver naming no gap is reported as unused. --as-of DAY judges \
            expiry on another day than today.

            SARIF paths are relative to the repository root (uriBaseId %SRCROOT%): the git \
            top-level of the rules folder the coverage was computed from, else the current \
            folder, or --sarif-root DIR. Gaps point at their targets or waivers line, lost \
            techniques and rule-quality findings at the rule's file and line.

            Examples:
              ttpkit coverage gate coverage.json --fail-under 60 --fail-under execution=80
              ttpkit coverage gate coverage.json --fail-on-gaps --groups APT29,FIN7 --sarif gates.sarif
              ttpkit coverage gate coverage.json --fail-on-gaps --groups APT29,FIN7 --waivers waivers.yaml --format json
              ttpkit coverage gate coverage.json --fail-on-gaps --targets crown-jewels.txt --include-pre-compromise
              ttpkit coverage gate coverage.json --fail-on-regression coverage-main.json --junit gates.xml
            """)

    @Argument(help: "The coverage file (JSON), coverage layer, or DeTT&CT technique-administration YAML.")
    var coverage: String
    @Option(name: .long, help: ArgumentHelp("What SARIF results point at when no rule, targets line or waiver is involved (default: the coverage file).", valueName: "path"))
    var artifact: String?
    @Option(name: [.customLong("format"), .customShort("f")], help: "Standard output: text (nothing; the summary goes to standard error) or json.")
    var format: GateFormat = .text
    @OptionGroup var gates: GateOptions
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let result = try CoverageInput.read(coverage, kb: kb)
        let outcome = try GateRunner.apply(
            result, options: gates, kb: kb, artifact: artifact ?? coverage, rules: result.inputs.rules.first ?? artifact ?? coverage)
        if outcome.result.conditions.isEmpty { Terminal.standardError.write(outcome.summary + " (no gate given)\n") }
        if format == .json {
            var provenance = Provenance(knowledgeBase: kb)
            provenance.files.append(Provenance.DataFile(role: "coverage", path: coverage, sha256: nil))
            let answer = Answer(value: outcome.result, body: outcome.result.jsonValue, provenance: provenance)
            Terminal.standardOutput.write(answer.json.serialized(pretty: true) + "\n")
        }
        try outcome.finish()
    }
}
