import ATTACK
import ArgumentParser
import Foundation
import Intel
import STIX

/// `ttpkit iocs`: IOCs linked to ATT&CK techniques, groups and software.
struct IOCsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "iocs",
        abstract: "Link IOCs (STIX 2.1 bundle, MISP event JSON, or CSV) to ATT&CK objects in every loaded domain.",
        discussion: """
            STIX: indicators and observed data with relationships to attack patterns, malware, \
            tools, intrusion sets and campaigns; sightings counted. MISP: attribute and event tags \
            and galaxies (misp-galaxy:mitre-attack-pattern="PowerShell - T1059.001", \
            misp-galaxy:threat-actor="APT29"). CSV: columns ioc, type, techniques/malware/groups \
            (IDs or names separated by ;). IOCs are defanged in the table.

            Examples:
              ttpkit iocs incident-bundle.json
              ttpkit iocs misp-event.json --format json
              ttpkit iocs iocs.csv --data ../shared/attack-data
            """)

    @Argument(help: "The IOC file.") var file: String
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            throw CLIError("\(file): cannot read: \(error.localizedDescription)")
        }
        let records: [IOCRecord]
        do {
            records = try IOCReader.read(Array(data), source: file)
        } catch {
            throw CLIError(error.description)
        }
        guard !records.isEmpty else { throw CLIError("\(file): no IOCs found") }
        let library = try dataOptions.library()
        let linked = IOCLinker(knowledgeBases: library.knowledgeBases).link(records)
        for l in linked { for n in l.notes { Terminal.standardError.write("ttpkit: note: \(n)\n") } }
        let table = Table(columns: ["ioc", "type", "sightings", "attack", "unresolved"], rows: linked.map { l in
            [l.record.defanged, l.record.type, String(l.record.sightings),
             l.objects.map { "\($0.object.attackID) \($0.object.name)" }.joined(separator: ", "), l.unresolved.joined(separator: ", ")]
        })
        let json: JSONValue = .array(linked.map { l in
            .object(JSONObject([
                ("ioc", .string(l.record.value)), ("type", .string(l.record.type)), ("sightings", .number(Double(l.record.sightings))),
                ("attack", .array(l.objects.map { o, kb in
                    var j = JSONObject([("id", .string(o.attackID)), ("name", .string(o.name)), ("type", .string(o.kind.rawValue)), ("domain", .string(kb.domain.rawValue))])
                    if o.kind == .technique { j["tactics"] = ObjectJSON.strings(o.tacticShortnames) }
                    return .object(j)
                })),
                ("unresolved", ObjectJSON.strings(l.unresolved)),
            ]))
        })
        Output(table: table, json: json).print(output.format)
    }
}
