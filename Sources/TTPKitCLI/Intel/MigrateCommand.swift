import ATTACK
import ArgumentParser
import Coverage
import Foundation
import Intel
import Navigator
import STIX

/// `ttpkit migrate`: moves a Navigator layer or a coverage file to another ATT&CK release.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Move a Navigator layer or a coverage file to an ATT&CK release: remap revoked IDs, drop deprecated ones, fix tactics.",
        discussion: """
            Revoked technique IDs are replaced by their replacement (two entries landing on one \
            technique are merged: highest score, comments joined); deprecated and unknown IDs are \
            left out and reported; tactics the technique no longer has are replaced by its tactics \
            in the release; versions.attack is updated. Every change is listed on stderr; \
            --format json prints the changes as JSON on stdout instead (the layer then needs -o).

            --to takes a version (looked up in --data FOLDER, $TTPKIT_DATA, then the cache) or a \
            bundle file; without it the newest loaded release is used.

            Examples:
              ttpkit migrate old-layer.json --to 18.1 -o layer-18.json
              ttpkit migrate old-layer.json --to 18.1 --data ../shared/attack-data -o new.json --format json
              ttpkit migrate v14-coverage.json --to enterprise-attack-18.1.json > migrated.json
              ttpkit migrate coverage-v14.json --to 18.1 --data ../shared/attack-data -o coverage-18.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: "The layer or coverage file (`ttpkit coverage --format json`) to migrate.") var layer: String
    @Option(name: .long, help: ArgumentHelp("The target release: a version (18.1) or a bundle file.", valueName: "version|file")) var to: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the migrated layer here (atomically) instead of standard output.", valueName: "file"))
    var output: String?
    @Option(name: [.customLong("format"), .customShort("f")], help: "How to report the changes: table (stderr) or json (stdout).") var format: Format = .table
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if format == .json && output == nil { throw ValidationError("--format json prints the changes on stdout; give -o FILE for the layer") }
    }

    func run() throws {
        if let data = FileManager.default.contents(atPath: layer), (try? CoverageFileKind.of(data, source: layer)) == .coverageFile {
            try migrateCoverage()
            return
        }
        let doc = try LayerInput.read(layer)
        LayerInput.printUpgrades(doc, file: layer)
        guard !doc.layers.isEmpty else { throw CLIError("\(layer): no layers in this file") }
        let kb: KnowledgeBase
        if let to {
            let domain = try dataOptions.requestedDomain() ?? doc.layers[0].domain
            kb = try ReleaseArgument.knowledgeBase(to, domain: domain, dataOptions)
        } else {
            kb = try LayerInput.knowledgeBase(for: doc.layers, dataOptions)
        }
        let result = LayerMigration.migrate(doc.layers, to: kb)
        let data = Data((LayerFile.serialize(result.layers, asArray: doc.isArray) + "\n").utf8)
        try finish(data, changes: result.changes, kb: kb)
    }

    /// A coverage file: states move with their techniques (see ``CoverageMigration``).
    private func migrateCoverage() throws {
        let old = try CoverageInput.read(layer, kb: nil)
        let domain = try dataOptions.requestedDomain() ?? old.domain ?? .enterprise
        let kb = try to.map { try ReleaseArgument.knowledgeBase($0, domain: domain, dataOptions) } ?? dataOptions.knowledgeBase()
        let migrated = try CoverageMigration.migrate(old, to: kb)
        try finish(Data(CoverageDocument.text(migrated.result, knowledgeBase: kb).utf8), changes: migrated.changes, kb: kb)
    }

    /// Writes the migrated file and reports the changes.
    private func finish(_ data: Data, changes: [MigrationChange], kb: KnowledgeBase) throws {
        if let output {
            try OutputTarget.write(data, to: output)
        } else {
            Terminal.standardOutput.write(String(decoding: data, as: UTF8.self))
        }
        switch format {
        case .table:
            for c in changes { Terminal.standardError.write("ttpkit: \(c)\n") }
            let counts = Dictionary(grouping: changes, by: \.kind).map { "\($0.value.count) \($0.key.rawValue)" }.sorted()
            Terminal.standardError.write("ttpkit: migrated \(layer) to \(kb.title): \(counts.isEmpty ? "no changes" : counts.joined(separator: ", "))\n")
        case .json:
            let json: JSONValue = .object(JSONObject([
                ("attack_version", .string(kb.attackVersion ?? "")),
                ("changes", .array(changes.map { c in
                    var j = JSONObject([("kind", .string(c.kind.rawValue)), ("layer", .string(c.layer)), ("technique", .string(c.techniqueID))])
                    if let n = c.newTechniqueID { j["new_technique"] = .string(n) }
                    j["detail"] = .string(c.detail)
                    return .object(j)
                })),
            ]))
            Terminal.standardOutput.write(json.serialized(pretty: true) + "\n")
        }
    }
}
