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
        let snapshot = try CoverageInput.read(coverage, kb: kb)
        let outcome = try GateRunner.apply(snapshot, options: gates, kb: kb, artifact: artifact ?? coverage)
        if outcome.result.conditions.isEmpty { Terminal.standardError.write(outcome.summary + " (no gate given)\n") }
        try outcome.finish()
    }
}

/// Reading a coverage result given on the command line, whatever its form.
enum CoverageInput {
    static func read(_ path: String, kb: KnowledgeBase) throws -> CoverageSnapshot {
        do {
            let lower = path.lowercased()
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                let (snapshot, warnings) = try TechniqueAdministration.load(path).snapshot(knowledgeBase: kb)
                for warning in warnings { Terminal.standardError.write("ttpkit: \(warning)\n") }
                return snapshot
            }
            let snapshot = try CoverageSnapshot.read(path: path)
            if let domain = snapshot.domain, domain != kb.domain {
                throw CoverageInputError(path: path, reason: "this is \(domain.rawValue) coverage; the loaded ATT&CK data is \(kb.domain.rawValue) (choose it with --domain)")
            }
            return snapshot.completed(with: kb)
        } catch { throw CLIError.input(error) }
    }
}
