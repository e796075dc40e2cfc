import ArgumentParser

/// `ttpkit debug ...`: developer tools, hidden from help.
struct DebugCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "debug",
        abstract: "Developer tools.",
        shouldDisplay: false,
        subcommands: [AnswersCommand.self]
    )
}
