import Output
import Answers
import ATTACK
import ArgumentParser
import STIX

/// `ttpkit techniques`: techniques with filters.
struct TechniquesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "techniques",
        abstract: "List techniques and sub-techniques, filtered by tactic, platform or date.",
        discussion: """
            Examples:
              ttpkit techniques --tactic execution
              ttpkit techniques --platform Linux --no-subtechniques --format csv
              ttpkit techniques --modified-after 2025-01-01 --format json
            """)

    @Option(help: "Only techniques in this tactic (shortname, name or TA ID).") var tactic: String?
    @Option(help: "Only techniques for this platform (as named in the release).") var platform: String?
    @Flag(name: .customLong("no-subtechniques"), help: "Leave out sub-techniques.") var noSubtechniques = false
    @Option(name: .customLong("created-after"), help: "Only objects created after this date (YYYY-MM-DD).") var createdAfter: String?
    @Option(name: .customLong("modified-after"), help: "Only objects modified after this date (YYYY-MM-DD).") var modifiedAfter: String?
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        if let tactic { _ = try Lookup.resolve(tactic, kind: .tactic, in: kb, dataOptions) }
        let filter = TechniqueFilter(tactic: tactic, platform: platform, subtechniques: !noSubtechniques,
                                     createdAfter: createdAfter, modifiedAfter: modifiedAfter)
        let answer = try CLIError.answering { () throws(QuestionError) in try Questions.techniques(filter, including: dataOptions.inclusion, in: kb) }
        let table = Table(
            columns: ["id", "name", "tactics", "platforms"],
            rows: answer.value.map { [$0.attackID + Marks.of($0), $0.name, $0.tacticShortnames.joined(separator: ","), $0.platforms.joined(separator: ",")] })
        CommandOutput(answer, table: table).print(output.format)
    }
}

/// `ttpkit tactics`: tactics in matrix order.
struct TacticsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tactics",
        abstract: "List tactics in matrix order, as the loaded release defines them.",
        discussion: """
            Examples:
              ttpkit tactics
              ttpkit tactics --domain ics --format json
            """)

    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        var rows: [[String]] = []
        var matrices: [JSONValue] = []
        for (matrix, tactics) in kb.tacticsByMatrix(including: dataOptions.inclusion) {
            matrices.append(.object(JSONObject([
                ("id", .string(matrix.attackID)), ("name", .string(matrix.name)),
                ("tactics", .array(tactics.map { t in
                    .object(JSONObject([
                        ("id", .string(t.attackID)), ("name", .string(t.name)), ("shortname", .string(t.shortname)),
                        ("techniques", .number(Double(kb.techniques(inTactic: t.shortname).count))),
                    ]))
                })),
            ])))
            for t in tactics {
                rows.append([t.attackID, t.name, t.shortname, String(kb.techniques(inTactic: t.shortname).count), matrix.name])
            }
        }
        CommandOutput(table: Table(columns: ["id", "name", "shortname", "techniques", "matrix"], rows: rows), json: .array(matrices)).print(output.format)
    }
}

/// `ttpkit tactic NAME`: one tactic and its techniques.
struct TacticCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tactic",
        abstract: "Show a tactic and its techniques.",
        discussion: """
            Examples:
              ttpkit tactic TA0002
              ttpkit tactic defense-evasion --format csv
            """)

    @Argument(help: "Tactic ID (TA0002), name or shortname.") var name: String
    @OptionGroup var lookup: LookupOptions

    func run() throws {
        let (kb, t, _) = try lookup.resolve(name, kind: .tactic)
        let techniques = kb.techniques(inTactic: t.shortname, including: lookup.inclusion)
        var j = ObjectJSON.header(t, kb: kb)
        j["shortname"] = .string(t.shortname)
        j["description"] = .string(Citation.stripped(t.description))
        j["techniques"] = .array(techniques.map(ObjectJSON.ref))
        let table = Table(columns: ["id", "name", "platforms"], rows: techniques.map { [$0.attackID, $0.name, $0.platforms.joined(separator: ",")] })
        CommandOutput(json: .object(j), csv: table) {
            var b = TextBlocks()
            b.title(t, kb: kb)
            b.field("Shortname", t.shortname)
            b.paragraph(Citation.stripped(t.description))
            b.out += "\n"
            b.out += table.text(width: b.terminal.tableWidth)
            return b.out
        }.print(lookup.format)
    }
}

/// Lists of objects of one kind.
struct ObjectList {
    static func print(_ kind: ObjectKind, options: DataOptions, format: OutputFormat, filter: String? = nil) throws {
        let kb = try options.knowledgeBase()
        let answer = Questions.objects(kind, matching: filter, including: options.inclusion, in: kb)
        let list = answer.value
        var columns = ["id", "name"]
        if kind == .software { columns.append("type") }
        if kind == .campaign { columns += ["first seen", "last seen"] }
        if kind == .group || kind == .software || kind == .campaign { columns.append("aliases") }
        let rows = list.map { o -> [String] in
            var r = [o.attackID + Marks.of(o), o.name]
            if kind == .software { r.append(o.stix.type) }
            if kind == .campaign { r += [String((o.firstSeen ?? "").prefix(10)), String((o.lastSeen ?? "").prefix(10))] }
            if kind == .group || kind == .software || kind == .campaign { r.append(o.aliases.filter { $0 != o.name }.joined(separator: ", ")) }
            return r
        }
        CommandOutput(answer, table: Table(columns: columns, rows: rows)).print(format)
    }
}

/// `ttpkit groups`, `campaigns`, `mitigations`, `datacomponents`: the list of one kind of
/// object, filtered by `--match`. `Listed` says which kind.
struct ObjectListCommand<Listed: KindMarker>: ParsableCommand where Listed.Kind == ObjectKind {
    static var configuration: CommandConfiguration {
        let (name, abstract, discussion) = ObjectList.commands[Listed.kind] ?? ("", "", "")
        return CommandConfiguration(commandName: name, abstract: abstract, discussion: discussion)
    }

    @Option(help: ArgumentHelp(ObjectList.matchHelp(Listed.kind))) var match: String?
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions
    func run() throws { try ObjectList.print(Listed.kind, options: dataOptions, format: output.format, filter: match) }
}

// The kinds of object an ``ObjectListCommand`` lists.
enum ListedGroups: KindMarker { static let kind = ObjectKind.group }
enum ListedCampaigns: KindMarker { static let kind = ObjectKind.campaign }
enum ListedMitigations: KindMarker { static let kind = ObjectKind.mitigation }
enum ListedDataComponents: KindMarker { static let kind = ObjectKind.dataComponent }

extension ObjectList {
    /// Name, abstract and examples of each list command.
    static let commands: [ObjectKind: (String, String, String)] = [
        .group: ("groups", "List threat groups.", "Examples:\n  ttpkit groups\n  ttpkit groups --match bear --format json"),
        .campaign: ("campaigns", "List campaigns with their dates.", "Example:\n  ttpkit campaigns --format csv"),
        .mitigation: ("mitigations", "List mitigations.", "Example:\n  ttpkit mitigations --format json"),
        .dataComponent: ("datacomponents", "List data components.", "Example:\n  ttpkit datacomponents --match process"),
    ]

    /// The help of `--match`: kinds with aliases match on them too.
    static func matchHelp(_ kind: ObjectKind) -> String {
        [.group, .software, .campaign].contains(kind)
            ? "Only those whose ID, name or alias contains this text." : "Only those whose ID or name contains this text."
    }
}

/// Marks shown after an ID in tables.
enum Marks {
    static func of(_ o: AttackObject) -> String {
        o.isRevoked ? " (revoked)" : o.isDeprecated ? " (deprecated)" : ""
    }
}


import Foundation
