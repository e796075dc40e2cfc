import ArgumentParser

/// `ttpkit coverage ...`: detection coverage. Without a subcommand it runs the analysis
/// (`ttpkit coverage --rules rules/`), so further subcommands (`coverage diff`) can sit beside it.
struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Detection coverage: which techniques your rules detect, your telemetry logs, or nothing sees.",
        discussion: """
            Examples:
              ttpkit coverage --rules ../shared/corpora/sigma/rules
              ttpkit coverage --rules rules/ --telemetry telemetry.yaml --format json -o coverage.json
              ttpkit coverage --rules rules/ --format layer -o coverage-layer.json
              ttpkit coverage diff last-week.json coverage.json
              ttpkit coverage gate coverage.json --groups APT29 --fail-on-gaps
              ttpkit coverage push coverage.json --server http://ttpkit.internal:8080 --token-file token
            """,
        subcommands: [CoverageAnalyzeCommand.self, CoverageDiffSubcommand.self, CoverageGateCommand.self, CoveragePushCommand.self],
        defaultSubcommand: CoverageAnalyzeCommand.self
    )
}
