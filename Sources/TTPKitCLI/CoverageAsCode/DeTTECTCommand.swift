import Output
import ATTACK
import ArgumentParser
import Coverage
import Foundation
import STIX

/// `ttpkit dettect import|export`: DeTT&CT administration files in and out.
struct DeTTECTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dettect",
        abstract: "Import and export DeTT&CT technique-, data-source- and group-administration YAML.",
        discussion: """
            Scores map to states: detection ≥ 1 → Detected; detection 0 (forensics) or visibility ≥ 1 \
            → Logged; otherwise Blind. The latest score_logbook entry by date is the current score.
            """,
        subcommands: [DeTTECTImportCommand.self, DeTTECTExportCommand.self])
}

/// The kinds of DeTT&CT file.
enum DeTTECTKind: String, ExpressibleByArgument, CaseIterable {
    case techniques, datasources, groups
}

/// The kinds of DeTT&CT file ttpkit writes (group administration is read only).
enum DeTTECTExportKind: String, ExpressibleByArgument, CaseIterable {
    case techniques, datasources
}

/// `ttpkit dettect import KIND FILE`.
struct DeTTECTImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Read a DeTT&CT file as ttpkit input: techniques → coverage file, datasources → telemetry inventory, groups → targets.",
        discussion: """
            Examples:
              ttpkit dettect import techniques techniques-administration-endpoints.yaml -o coverage.json
              ttpkit dettect import datasources data-sources-endpoints.yaml -o telemetry.yaml
              ttpkit dettect import groups groups.yaml -o targets.txt
            """)

    @Argument(help: "techniques, datasources or groups.") var kind: DeTTECTKind
    @Argument(help: "The DeTT&CT YAML file.") var file: String
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file (atomically).", valueName: "file"))
    var output: String?
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let text: String
        switch kind {
        case .techniques:
            let administration = try TechniqueAdministration.load(file)
            let kb = try knowledgeBase(for: administration.domain)
            let result = try administration.coverage(knowledgeBase: kb).aligned(to: kb)
            for warning in result.issues { Terminal.standardError.write("ttpkit: \(warning)\n") }
            Terminal.standardError.write("ttpkit: \(file): Detected \(result.count(.detected)), Logged \(result.count(.logged)), Blind \(result.count(.blind))\n")
            text = CoverageDocument.text(result, knowledgeBase: kb)
        case .datasources:
            let inventory = try DataSourceAdministration.load(file).inventory()
            text = inventory.yaml()
        case .groups:
            let administration = try GroupAdministration.load(file)
            let kb = try knowledgeBase(for: administration.domain)
            let (profiles, warnings) = try ThreatProfile.dettect(administration, knowledgeBase: kb)
            for warning in warnings { Terminal.standardError.write("ttpkit: \(warning)\n") }
            text = TechniqueTargets.text(profiles, title: "techniques of the enabled groups of \(file)")
        }
        try OutputTarget.write(text, to: output)
    }

    /// The release of the file's own domain (DeTT&CT files say it), unless --domain chooses.
    private func knowledgeBase(for fileDomain: AttackDomain) throws -> KnowledgeBase {
        if dataOptions.domain != nil { return try dataOptions.knowledgeBase() }
        do { return try dataOptions.library().knowledgeBase(for: fileDomain) } catch let error as LoadError { throw CLIError.load(error) }
    }
}

/// `ttpkit dettect export KIND FILE`.
struct DeTTECTExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write ttpkit coverage as technique-administration, or telemetry as data-source-administration YAML.",
        discussion: """
            Scores: DeTT&CT scores imported earlier are kept; otherwise Detected gets detection 1-3 \
            by the number of rules, Logged detection -1, visibility 1 or 2 by the telemetry seen. \
            Each score_logbook entry is dated today. Review the scores in DeTT&CT's editor.

            Examples:
              ttpkit dettect export techniques coverage.json -o techniques-administration.yaml
              ttpkit dettect export datasources telemetry.yaml -o data-sources.yaml
            """)

    @Argument(help: "techniques (from a coverage file or layer) or datasources (from a telemetry inventory).") var kind: DeTTECTExportKind
    @Argument(help: "The ttpkit coverage file or telemetry inventory.") var file: String
    @Option(name: .long, help: "The `name` written in the file.") var name: String?
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file (atomically).", valueName: "file"))
    var output: String?
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let text: String
        switch kind {
        case .techniques:
            let result = try CoverageInput.read(file, kb: kb)
            text = TechniqueAdministration.export(result, name: name ?? "ttpkit coverage").yaml()
        case .datasources:
            let inventory = TelemetryInventory.load(path: file)
            for issue in inventory.issues { Terminal.standardError.write("ttpkit: \(issue)\n") }
            if inventory.sources.isEmpty && !inventory.issues.isEmpty {
                throw CLIError("\(inventory.issues[0])")
            }
            text = DataSourceAdministration.export(inventory, knowledgeBase: kb, name: name ?? "ttpkit telemetry").yaml()
        }
        try OutputTarget.write(text, to: output)
    }
}

