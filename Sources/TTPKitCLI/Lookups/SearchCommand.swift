import Output
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
        var kinds: Set<ObjectKind>?
        if let kind {
            guard let k = ObjectKind(rawValue: kind.lowercased().replacingOccurrences(of: " ", with: "")) else {
                throw CLIError("unknown type '\(kind)'; expected one of \(ObjectKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kinds = [k]
        }
        let hits = Array(kb.search(text, kinds: kinds, including: dataOptions.inclusion).prefix(max(1, limit)))
        let json: JSONValue = .array(hits.map(ObjectJSON.searchHit))
        let table = Table(columns: ["id", "type", "name", "matched"], rows: hits.map { [$0.object.attackID, $0.object.kind.displayName, $0.object.name, $0.field] })
        if hits.isEmpty && output.format == .table {
            Terminal.standardOutput.message("No matches for '\(text)' in \(kb.title).\n")
            return
        }
        CommandOutput(table: table, json: json).print(output.format)
    }
}

import Foundation
