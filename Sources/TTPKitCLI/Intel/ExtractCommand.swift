import Output
import ATTACK
import ArgumentParser
import Foundation
import Intel
import Navigator
import STIX

/// `ttpkit extract`: the ATT&CK objects a threat report mentions.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find techniques, tactics, groups, software and campaigns mentioned in a report.",
        discussion: """
            Reads plain text, Markdown or saved HTML (tags, scripts and styles stripped). Finds \
            ATT&CK IDs (T1059.001, TA0002, G0016, S0154, C0024; revoked IDs mapped forward), \
            technique names (longest first, on word boundaries, any case; sub-techniques also as \
            "Parent: Sub"), and group, software and campaign names and aliases. One-word names \
            that are ordinary words are skipped; one-word group and software names must be \
            capitalised as ATT&CK writes them. Each hit comes with its sentence.

            --format layer writes the techniques found as a Navigator layer (score = mentions, \
            comment = first sentence).

            Examples:
              ttpkit extract report.html
              ttpkit extract notes.md --format json
              cat report.txt | ttpkit extract - --format layer -o report-layer.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, layer }

    @Argument(help: "The report file, or - for standard input.") var file: String
    @Option(name: [.customLong("format"), .customShort("f")], help: "table, json or layer.") var format: Format = .table
    @Option(name: .shortAndLong, help: ArgumentHelp("With --format layer: write the layer here (atomically).", valueName: "file")) var output: String?
    @Flag(name: .long, help: "Treat the input as HTML even without an .html name or HTML opening.") var html = false
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let data: Data
        if file == "-" {
            data = CommandContext.current.input()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError("\(file): cannot read: \(error.localizedDescription)")
            }
        }
        let name = file == "-" ? "standard input" : file
        let lower = file.lowercased()
        let report = ReportText(Array(data), isHTML: html || lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? true : nil)
        guard !report.isBlank else { throw CLIError("\(name): the report is empty (no text to search)") }
        let kb = try dataOptions.knowledgeBase()
        let result = ReportExtractor(kb: kb).extract(report)
        for h in result.hits { if let note = h.note { Terminal.standardError.write("ttpkit: note: \(note)\n") } }
        for u in result.unknownIDs { Terminal.standardError.write("ttpkit: note: \(u.id) is not in \(kb.title) (newer release? `ttpkit data update`)\n") }
        let grouped = result.byObject
        switch format {
        case .table, .json:
            let table = Table(columns: ["id", "name", "kind", "via", "count", "sentence"], rows: grouped.map { o, hits in
                [o.attackID, o.name, o.kind.rawValue, Set(hits.map(\.via.rawValue)).sorted().joined(separator: ","), String(hits.count), hits[0].sentence]
            })
            let json: JSONValue = .array(grouped.map { o, hits in
                var j = JSONObject([("id", .string(o.attackID)), ("name", .string(o.name)), ("type", .string(o.kind.rawValue))])
                if o.kind == .technique { j["tactics"] = ObjectJSON.strings(o.tacticShortnames) }
                ObjectJSON.mark(&j, o)
                j["count"] = .number(Double(hits.count))
                j["hits"] = .array(hits.map { h in
                    var hj = JSONObject([("text", .string(h.text)), ("via", .string(h.via.rawValue)), ("offset", .number(Double(h.offset))), ("sentence", .string(h.sentence))])
                    if let note = h.note { hj["note"] = .string(note) }
                    return .object(hj)
                })
                return .object(j)
            })
            if grouped.isEmpty && format == .table { Terminal.standardError.write("ttpkit: note: \(name): no ATT&CK objects found\n") }
            CommandOutput(table: table, json: json).print(format == .json ? .json : .table)
        case .layer:
            let techniques = grouped.filter { $0.object.kind == .technique }
            guard !techniques.isEmpty else { throw CLIError("\(name): no techniques found; no layer written") }
            var layer = Layer(name: "Techniques in \((name as NSString).lastPathComponent)", domain: kb.domain,
                              description: "Techniques mentioned in \(name), extracted by ttpkit; score = mentions.")
            layer.versions = LayerVersions(attack: kb.attackVersion)
            for (t, hits) in techniques {
                for tactic in t.tacticShortnames {
                    layer.techniques.append(LayerTechnique(techniqueID: t.attackID, tactic: tactic, score: Double(hits.count), comment: hits[0].sentence))
                }
            }
            let maxScore = techniques.map { Double($0.hits.count) }.max() ?? 1
            layer.gradient = .heat(max: max(1, maxScore))
            try LayerOutput.write([layer], to: output)
        }
    }
}
