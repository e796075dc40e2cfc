import ATTACK
import ArgumentParser
import Coverage
import Foundation
import Reports

/// `ttpkit report group APT29 -o apt29.html`: the actor profile.
struct ReportGroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "An actor profile: aliases, associated groups, campaigns, software, techniques by tactic with procedures and references, heatmap, exposure.",
        discussion: """
            Associated groups are the names the MISP threat-actor galaxy lists as synonyms of the \
            group or its aliases (--galaxy FILE, else $TTPKIT_MISP_GALAXY, else the copy imported \
            with `ttpkit data import misp-galaxy PATH`; without one they are left out). The \
            profile ends with what it was computed from: the release and galaxy files by SHA-256. \
            With --coverage, the profile adds the share of the group's \
            techniques that are Detected, Logged or Blind and lists the undetected ones. The format \
            follows the output's extension: .html is one self-contained file with the heatmap \
            embedded as SVG; .md is Markdown with the heatmap beside it as NAME-heatmap.svg. Files \
            are written atomically.

            Examples:
              ttpkit report group APT29 -o apt29.html
              ttpkit report group "cozy bear" -o apt29.md --coverage coverage.json
              ttpkit report group G0016 -o apt29.html --galaxy misp-galaxy/clusters/threat-actor.json
            """)

    @Argument(help: "Group name, alias or ATT&CK ID (G0016).") var name: String
    @OptionGroup var target: ReportOutputOptions
    @Option(help: ArgumentHelp(
        "A coverage file (JSON from `ttpkit coverage --format json`, or a coverage layer) to measure the group's exposure.",
        valueName: "file"))
    var coverage: String?
    @Option(help: ArgumentHelp(
        "MISP threat-actor galaxy for associated groups (default: $TTPKIT_MISP_GALAXY, else the imported copy).",
        valueName: "file"))
    var galaxy: String?
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        _ = try target.kind(allowJSON: false)
    }

    func run() throws {
        guard case .document(let format) = try target.kind(allowJSON: false) else { return }
        let kb = try dataOptions.knowledgeBase()
        let group = try Lookup.resolve(name, kind: .group, in: kb, dataOptions).object
        try GroupDomains.requireTechniques(group, query: name, in: kb, dataOptions)
        let record = try coverage.map { try CoverageInput.read($0, kb: kb) }
        let galaxy = try CorpusFiles.galaxy(self.galaxy)
        if galaxy == nil {
            Terminal.standardError.write("ttpkit: note: no MISP threat-actor galaxy (give --galaxy FILE, or `ttpkit data import misp-galaxy PATH` once); associated groups left out\n")
        }
        let heatmapName = target.heatmapName(.document(format))
        let document = GroupProfileReport.document(GroupProfileReport.Input(
            group: group, knowledgeBase: kb, galaxy: galaxy, coverage: record, heatmapFileName: heatmapName))
        if let heatmapName, let figure = document.figures.first {
            try OutputTarget.write(Data(figure.svg.utf8), to: target.besideReport(heatmapName))
        }
        try OutputTarget.write(Data(format.render(document).utf8), to: target.output)
    }
}
