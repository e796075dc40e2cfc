import Output
import ATTACK
import ArgumentParser
import Foundation
import Intel
import Navigator
import Reports
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

            -o writes a report, its format chosen by the extension: .md or .html (IOCs defanged, \
            with techniques, tactics and domain per IOC, the associated groups and software, the \
            techniques to hunt next ranked by how many of them use each, detections and \
            mitigations) or .json. --layer writes a Navigator layer of every technique involved. \
            Files are written atomically.

            Examples:
              ttpkit iocs incident-bundle.json
              ttpkit iocs misp-event.json --format json
              ttpkit iocs iocs.csv --data ../shared/attack-data
              ttpkit iocs incident-bundle.json -o report.html --layer iocs-layer.json
              ttpkit iocs misp-event.json -o report.md --hunt 25
            """)

    @Argument(help: "The IOC file.") var file: String
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write a report: .md, .html or .json.", valueName: "file"))
    var reportFile: String?
    @Option(help: ArgumentHelp("Write a Navigator layer of all techniques involved.", valueName: "file"))
    var layer: String?
    @Option(help: "How many techniques to list under 'hunt next' in the report.") var hunt = 15

    func validate() throws {
        if let reportFile {
            let ext = (reportFile as NSString).pathExtension.lowercased()
            if ext != "json" && ReportFormat(fileExtension: ext) == nil {
                throw ValidationError("the report is written as .md, .html or .json; '\(reportFile)' has none of these extensions")
            }
        }
        if hunt < 0 { throw ValidationError("--hunt must be 0 or more") }
    }

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
        var reported = Set<String>()
        for l in linked {
            for n in l.notes where reported.insert(n).inserted { Terminal.standardError.write("ttpkit: note: \(n)\n") }
            for u in l.unresolved where reported.insert(u.lowercased()).inserted {
                Terminal.standardError.write("ttpkit: warning: \(file): \(u) is not in the loaded ATT&CK data (newer release?); left unlinked\n")
            }
        }
        if reportFile != nil || layer != nil {
            try writeFiles(IOCReport.Input(linked: linked, source: file, huntLimit: hunt))
            return
        }
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
        CommandOutput(table: table, json: json).print(output.format)
    }

    /// Writes the report and the layer; the layer is computed first so nothing is written when it fails.
    func writeFiles(_ input: IOCReport.Input) throws {
        var layerData: Data?
        if let layer {
            let layers: [Layer]
            do { layers = try IOCReport.layers(input) } catch { throw CLIError(error.description) }
            guard !layers.isEmpty else { throw CLIError("\(file): no IOC links to an ATT&CK technique; no layer to write to \(layer)") }
            layerData = Data((LayerFile.serialize(layers) + "\n").utf8)
        }
        var reportData: Data?
        if let reportFile {
            let ext = (reportFile as NSString).pathExtension.lowercased()
            if let format = ReportFormat(fileExtension: ext) {
                reportData = Data(format.render(IOCReport.document(input)).utf8)
            } else {
                reportData = Data((IOCReport.json(input).serialized() + "\n").utf8)
            }
        }
        if let reportFile, let reportData { try OutputTarget.write(reportData, to: reportFile) }
        if let layer, let layerData { try OutputTarget.write(layerData, to: layer) }
    }
}
