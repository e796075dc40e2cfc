import ATTACK
import ArgumentParser
import Navigator

struct LayerGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "A layer of the techniques of one group, or the overlap heatmap of several.",
        discussion: """
            One group: each technique scored, its procedure example as the comment, how it was \
            reached (direct, campaign, software) in metadata, a link to its ATT&CK page. Several \
            groups: score = number of the groups using the technique, the comment names them.

            A group with no technique in the loaded domain is an error (exit 2) that names the \
            domains where it has techniques.

            Examples:
              ttpkit layer group APT29 -o apt29.json
              ttpkit layer group APT29 APT28 FIN7 --platform Windows -o overlap.json
            """)
    @Argument(help: "Group names, aliases or IDs.") var groups: [String]
    @Flag(name: .customLong("via-software"), help: "Also include techniques of the groups' software.") var viaSoftware = false
    @Flag(name: .customLong("no-campaigns"), help: "Leave out techniques of attributed campaigns.") var noCampaigns = false
    @OptionGroup var generate: GenerateOptions
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if groups.isEmpty { throw ValidationError("name at least one group") }
    }

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let options = generate.generatorOptions(viaSoftware: viaSoftware, viaCampaigns: !noCampaigns)
        try generate.emit(
            { () throws(GeneratorError) in try LayerGenerator(kb: kb).groups(groups, options: options) },
            message: { GroupDomains.message(for: $0, groups: groups, current: kb, dataOptions) })
    }
}

/// A layer of one named subject (software, campaign, mitigation, platform): resolve it, generate,
/// write. Each command says only what its subject is and which generator makes its layer.
protocol SubjectLayerCommand: ParsableCommand {
    var subject: String { get }
    var generate: GenerateOptions { get }
    var dataOptions: DataOptions { get }
    static func layer(_ generator: LayerGenerator, _ subject: String, _ options: GeneratorOptions) throws(GeneratorError) -> GeneratedLayer
}

extension SubjectLayerCommand {
    func run() throws {
        let generator = LayerGenerator(kb: try dataOptions.knowledgeBase())
        let options = generate.generatorOptions()
        try generate.emit { () throws(GeneratorError) in try Self.layer(generator, subject, options) }
    }
}

struct LayerSoftwareCommand: SubjectLayerCommand {
    static let configuration = CommandConfiguration(
        commandName: "software", abstract: "A layer of the techniques a piece of software uses.",
        discussion: "Example:\n  ttpkit layer software S0154 -o cobalt-strike.json")
    @Argument(help: "Software name, alias or ID.") var subject: String
    @OptionGroup var generate: GenerateOptions
    @OptionGroup var dataOptions: DataOptions
    static func layer(_ g: LayerGenerator, _ s: String, _ o: GeneratorOptions) throws(GeneratorError) -> GeneratedLayer { try g.software(s, options: o) }
}

struct LayerCampaignCommand: SubjectLayerCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign", abstract: "A layer of the techniques used in a campaign.",
        discussion: "Example:\n  ttpkit layer campaign C0024 -o solarwinds.json")
    @Argument(help: "Campaign name, alias or ID.") var subject: String
    @OptionGroup var generate: GenerateOptions
    @OptionGroup var dataOptions: DataOptions
    static func layer(_ g: LayerGenerator, _ s: String, _ o: GeneratorOptions) throws(GeneratorError) -> GeneratedLayer { try g.campaign(s, options: o) }
}

struct LayerMitigationCommand: SubjectLayerCommand {
    static let configuration = CommandConfiguration(
        commandName: "mitigation", abstract: "A layer of the techniques a mitigation mitigates.",
        discussion: "Example:\n  ttpkit layer mitigation M1038 -o execution-prevention.json")
    @Argument(help: "Mitigation name or ID.") var subject: String
    @OptionGroup var generate: GenerateOptions
    @OptionGroup var dataOptions: DataOptions
    static func layer(_ g: LayerGenerator, _ s: String, _ o: GeneratorOptions) throws(GeneratorError) -> GeneratedLayer { try g.mitigation(s, options: o) }
}

struct LayerPlatformCommand: SubjectLayerCommand {
    static let configuration = CommandConfiguration(
        commandName: "platform", abstract: "A layer of every technique of a platform.",
        discussion: "Example:\n  ttpkit layer platform Linux -o linux.json")
    @Argument(help: "Platform, as the release names it (any case).") var subject: String
    @OptionGroup var generate: GenerateOptions
    @OptionGroup var dataOptions: DataOptions
    static func layer(_ g: LayerGenerator, _ s: String, _ o: GeneratorOptions) throws(GeneratorError) -> GeneratedLayer { try g.platform(s, options: o) }
}

struct LayerTechniquesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "techniques",
        abstract: "A layer from a list of techniques: IDs or names, one a line, a JSON array, or CSV with score/comment columns.",
        discussion: """
            Examples:
              ttpkit layer techniques observed.txt -o observed.json
              printf 'T1059.001\\nT1003\\n' | ttpkit layer techniques - --score 5
            """)
    @Argument(help: "The list file, or - for standard input.") var file: String
    @OptionGroup var generate: GenerateOptions
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let list: TechniqueList
        do {
            if file == "-" {
                let data = FileHandleReader.readStandardInput()
                list = try TechniqueList.parse(String(decoding: data, as: UTF8.self), source: "standard input")
            } else {
                list = try TechniqueList.read(contentsOf: URL(fileURLWithPath: file))
            }
        } catch {
            throw CLIError("\(error)")
        }
        try generate.emit { () throws(GeneratorError) in try LayerGenerator(kb: kb).techniques(list, options: generate.generatorOptions()) }
    }
}

import Foundation

/// Reads all of standard input.
enum FileHandleReader {
    static func readStandardInput() -> Data {
        CommandContext.current.input()
    }
}
