import ArgumentParser

/// `ttpkit report ...`: documents for people who do not read tables.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write reports (Markdown or self-contained HTML) from the analyses.",
        discussion: """
            Examples:
              ttpkit report coverage --coverage coverage.json --groups APT29,FIN7 -o report.html
              ttpkit report coverage --coverage coverage.json --sector Financial -o report.md
              ttpkit report group APT29 -o apt29.html --coverage coverage.json
            """,
        subcommands: [ReportCoverageCommand.self, ReportGroupCommand.self]
    )
}
