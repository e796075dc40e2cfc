import Output
import Answers
import ATTACK
import ArgumentParser
import STIX

/// `ttpkit search TEXT`: free-text search.
struct SearchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search names, aliases, IDs and descriptions of every object.",
        discussion: """
            Exact ID or name hits come first, then names and aliases, then descriptions.

            Examples:
              ttpkit search "credential dumping"
              ttpkit search lsass --type technique --format json
            """)

    @Argument(help: "Text to find (any case).") var text: String
    @Option(name: .customLong("type"), help: "Only objects of this kind: technique, group, software, campaign, mitigation, tactic, datacomponent, ...")
    var kind: String?
    @Option(help: "At most this many hits.") var limit: Int = 50
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let answer = try CLIError.answering { () throws(QuestionError) in
            try Questions.search(text, type: kind, limit: limit, including: dataOptions.inclusion, in: kb)
        }
        let hits = answer.value
        let table = Table(columns: ["id", "type", "name", "matched"], rows: hits.map { [$0.object.attackID, $0.object.kind.displayName, $0.object.name, $0.field] })
        if hits.isEmpty && output.format == .table {
            Terminal.standardOutput.message("No matches for '\(text)' in \(kb.title).\n")
            return
        }
        CommandOutput(answer, table: table).print(output.format)
    }
}

import Foundation
