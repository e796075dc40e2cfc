import ArgumentParser

/// `ttpkit rules ...`: detection content.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Read detection rules (Sigma, Elastic, Splunk, Sentinel, CSV) and check their ATT&CK tags.",
        discussion: """
            Examples:
              ttpkit rules scan ../shared/corpora/sigma/rules
              ttpkit rules scan rules/ use-cases.csv --format json
            """,
        subcommands: [RulesScanCommand.self]
    )
}
