import Output
import ATTACK
import ArgumentParser
import STIX

/// `ttpkit changes --since DATE`: objects created or modified after a date.
struct ChangesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changes",
        abstract: "List objects created or modified after a date, newest first.",
        discussion: """
            Examples:
              ttpkit changes --since 2025-01-01
              ttpkit changes --since 2024-06-01 --created --type group --format csv
            """)

    @Option(help: "Date (YYYY-MM-DD) or ISO 8601 timestamp; objects changed strictly after it are listed.") var since: String
    @Flag(help: "Only objects created after the date (default: modified).") var created = false
    @Option(name: .customLong("type"), help: "Only objects of this kind (technique, group, software, ...).") var kind: String?
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let date = try DateArgument.check(since)
        var kindFilter: ObjectKind?
        if let kind {
            guard let k = ObjectKind(rawValue: kind.lowercased().replacingOccurrences(of: " ", with: "")) else {
                throw CLIError("unknown type '\(kind)'; expected one of \(ObjectKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kindFilter = k
        }
        var list = created ? kb.objects(createdAfter: date, including: dataOptions.inclusion) : kb.objects(modifiedAfter: date, including: dataOptions.inclusion)
        if let kindFilter { list = list.filter { $0.kind == kindFilter } }
        let stamp: (AttackObject) -> String = { String(((created ? $0.created : $0.modified) ?? "").prefix(10)) }
        list.sort { stamp($0) != stamp($1) ? stamp($0) > stamp($1) : $0.sortRank < $1.sortRank }
        let json: JSONValue = .array(list.map { o in
            var j = JSONObject([("id", .string(o.attackID)), ("name", .string(o.name)), ("type", .string(o.kind.rawValue))])
            j["created"] = o.created.map(JSONValue.string) ?? .null
            j["modified"] = o.modified.map(JSONValue.string) ?? .null
            j["version"] = o.version.map(JSONValue.string) ?? .null
            ObjectJSON.mark(&j, o)
            return .object(j)
        })
        let table = Table(columns: [created ? "created" : "modified", "id", "type", "name", "version"],
                          rows: list.map { [stamp($0), $0.attackID, $0.kind.displayName, $0.name, $0.version ?? ""] })
        CommandOutput(table: table, json: json).print(output.format)
    }
}
