import Answers
import ATTACK
import ArgumentParser
import Foundation
import Navigator
import STIX

/// `ttpkit compare`: what groups (or layers) have in common and what sets them apart.
struct CompareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare groups or layers: common techniques, unique to each, Jaccard similarity, per-tactic counts.",
        discussion: """
            Arguments ending in .json are read as layers; anything else is a group name or ID. \
            --format layer writes the overlap heatmap (score = how many use the technique).

            Examples:
              ttpkit compare APT29 APT28 "Lazarus Group"
              ttpkit compare APT29 APT28 --format json
              ttpkit compare ours.json theirs.json --format csv
              ttpkit compare FIN7 FIN8 --format layer -o fin.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, layer }

    @Argument(help: "Group names/IDs, or layer files (.json).") var subjects: [String]
    @Option(name: [.customLong("format"), .customShort("f")], help: "table, json, csv or layer.") var format: Format = .table
    @Flag(name: .customLong("via-software"), help: "Include techniques of the groups' software.") var viaSoftware = false
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the answer here (atomically; - is standard output).", valueName: "file")) var output: String?
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if subjects.count < 2 { throw ValidationError("give at least two groups or layers to compare") }
    }

    func run() throws {
        let layerFiles = subjects.filter { $0.lowercased().hasSuffix(".json") }
        let comparison: Comparison
        let kb: KnowledgeBase
        var json: JSONValue
        if !layerFiles.isEmpty {
            guard layerFiles.count == subjects.count else { throw CLIError("compare either groups or layer files, not both") }
            let docs = try layerFiles.map { try LayerInput.read($0, dataOptions) }
            kb = try LayerInput.knowledgeBase(for: docs.flatMap(\.layers), dataOptions)
            let labelled = zip(layerFiles, docs).flatMap { file, doc in doc.layers.map { ((file as NSString).lastPathComponent, $0) } }
            comparison = Comparison.layers(labelled.map { (label: $0.0, layer: $0.1) }, matrix: MatrixIndex(kb))
            var provenance = Provenance(knowledgeBase: kb)
            provenance.files += layerFiles.map { Provenance.DataFile(role: "layer", name: ($0 as NSString).lastPathComponent, sha256: nil) }
            json = Answer(value: comparison, body: comparison.json(), provenance: provenance).json
        } else {
            kb = try dataOptions.knowledgeBase()
            let answer = try CLIError.answering { () throws(QuestionError) in try Questions.compare(subjects, viaSoftware: viaSoftware, in: kb) }
            comparison = answer.value
            json = answer.json
        }
        switch format {
        case .table: try OutputTarget.write(comparison.table(), to: output)
        case .json: try OutputTarget.write(json.serialized(pretty: true) + "\n", to: output)
        case .csv: try OutputTarget.write(comparison.csv(), to: output)
        case .layer:
            guard layerFiles.isEmpty else { throw CLIError("--format layer compares groups; combine layers with `ttpkit layer combine`") }
            let generated: GeneratedLayer
            do {
                generated = try LayerGenerator(kb: kb).groups(subjects, options: GeneratorOptions(viaSoftware: viaSoftware))
            } catch {
                throw CLIError(error.description)
            }
            try OutputTarget.write([generated.layer], to: output)
        }
    }
}
