import Output
import ATTACK
import ArgumentParser
import Foundation
import Intel
import Navigator
import STIX

/// `ttpkit diff`: what changed between two ATT&CK releases.
struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two ATT&CK releases, per object type, like MITRE's changelog.",
        discussion: """
            OLD and NEW are bundle files or versions (looked up in --data FOLDER, $TTPKIT_DATA, \
            then the cache). Objects are matched by STIX id and classified as diffStix does: \
            additions, major/minor/other version changes, patches (changed, same version), \
            revocations (with the replacement), deprecations, deletions; changes of name, \
            tactics, platforms, sub-technique status and description are listed.

            The table format prints the counts; markdown, json and html print the whole changelog.

            Examples:
              ttpkit diff enterprise-attack-17.1.json enterprise-attack-18.1.json
              ttpkit diff 14.0 18.1 --data ../shared/attack-data --format markdown -o changes.md
              ttpkit diff 17.1 18.1 --format html -o changes.html
              ttpkit diff 17.1 18.1 --format json | jq '.counts.techniques'
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, markdown, json, html }

    @Argument(help: "The older release: a bundle file or a version.") var old: String
    @Argument(help: "The newer release: a bundle file or a version.") var new: String
    @Option(name: [.customLong("format"), .customShort("f")], help: "table, markdown, json or html.") var format: Format = .table
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here (atomically) instead of standard output.", valueName: "file")) var output: String?
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let domain = try dataOptions.requestedDomain() ?? .enterprise
        let oldKB = try ReleaseArgument.knowledgeBase(old, domain: domain, dataOptions)
        let newKB = try ReleaseArgument.knowledgeBase(new, domain: domain, dataOptions)
        guard oldKB.domain == newKB.domain else {
            throw CLIError("\(old) is \(oldKB.domain.displayName) but \(new) is \(newKB.domain.displayName); compare releases of one domain")
        }
        let diff = ReleaseDiff(old: oldKB, new: newKB)
        let text: String
        switch format {
        case .table: text = summary(diff)
        case .markdown: text = diff.markdown()
        case .json: text = diff.json().serialized(pretty: true) + "\n"
        case .html: text = diff.html()
        }
        try OutputTarget.write(text, to: output)
    }

    func summary(_ diff: ReleaseDiff) -> String {
        let short: [ChangeCategory: String] = [
            .additions: "new", .majorVersionChanges: "major", .minorVersionChanges: "minor", .otherVersionChanges: "other",
            .patches: "patch", .revocations: "revoked", .deprecations: "deprecated", .deletions: "deleted",
        ]
        let table = Table(
            columns: ["type"] + ChangeCategory.allCases.map { short[$0] ?? $0.rawValue },
            rows: DiffObjectType.allCases.map { t in [t.rawValue] + ChangeCategory.allCases.map { String(diff.count(t, $0)) } })
        return diff.title + "\n\n" + table.text(width: 200) + "\n(--format markdown, json or html for the full changelog)\n"
    }
}
