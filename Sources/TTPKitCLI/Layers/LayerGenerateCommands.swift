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

/// `ttpkit layer software|campaign|mitigation|platform NAME`: the layer of one named subject,
/// resolved, generated and written. `Subject` says which.
struct SubjectLayerCommand<Subject: KindMarker>: ParsableCommand where Subject.Kind == LayerSubjectKind {
    static var configuration: CommandConfiguration {
        let help = Subject.kind.help
        return CommandConfiguration(commandName: Subject.kind.rawValue, abstract: help.abstract, discussion: "Example:\n  " + help.example)
    }

    @Argument(help: ArgumentHelp(Subject.kind.help.argument)) var subject: String
    @OptionGroup var generate: GenerateOptions
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let generator = LayerGenerator(kb: try dataOptions.knowledgeBase())
        let options = generate.generatorOptions()
        try generate.emit { () throws(GeneratorError) in try Subject.kind.layer(generator, subject, options) }
    }
}

// The subjects a ``SubjectLayerCommand`` makes the layer of.
enum SoftwareLayer: KindMarker { static let kind = LayerSubjectKind.software }
enum CampaignLayer: KindMarker { static let kind = LayerSubjectKind.campaign }
enum MitigationLayer: KindMarker { static let kind = LayerSubjectKind.mitigation }
enum PlatformLayer: KindMarker { static let kind = LayerSubjectKind.platform }

/// The kinds of named subject a layer is made of, with their help and generator.
enum LayerSubjectKind: String {
    case software, campaign, mitigation, platform

    var help: (abstract: String, argument: String, example: String) {
        switch self {
        case .software: ("A layer of the techniques a piece of software uses.", "Software name, alias or ID.", "ttpkit layer software S0154 -o cobalt-strike.json")
        case .campaign: ("A layer of the techniques used in a campaign.", "Campaign name, alias or ID.", "ttpkit layer campaign C0024 -o solarwinds.json")
        case .mitigation: ("A layer of the techniques a mitigation mitigates.", "Mitigation name or ID.", "ttpkit layer mitigation M1038 -o execution-prevention.json")
        case .platform: ("A layer of every technique of a platform.", "Platform, as the release names it (any case).", "ttpkit layer platform Linux -o linux.json")
        }
    }

    func layer(_ generator: LayerGenerator, _ subject: String, _ options: GeneratorOptions) throws(GeneratorError) -> GeneratedLayer {
        switch self {
        case .software: try generator.software(subject, options: options)
        case .campaign: try generator.campaign(subject, options: options)
        case .mitigation: try generator.mitigation(subject, options: options)
        case .platform: try generator.platform(subject, options: options)
        }
    }
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
