import ATTACK
import ArgumentParser
import Coverage
import Reports
import STIX

/// `ttpkit gaps --coverage FILE --groups ...`: the blind spots that matter for chosen groups.
struct GapsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gaps",
        abstract: "Rank the techniques chosen threat groups use that you do not detect, and say what to collect next.",
        discussion: """
            Gaps are the chosen groups' techniques that are not Detected, ranked by how many of \
            the chosen groups use each, then by how many groups in all of ATT&CK do; each with its \
            Logged/Blind state, the groups and the mitigations. A group's techniques are its own \
            plus those of campaigns attributed to it (MITRE's definition).

            Recommendations pick log sources (data components before ATT&CK v18) greedily: each \
            pick makes the most Blind techniques visible that earlier picks did not, with the \
            count after each pick. Exposure gives each group's share of techniques Detected, \
            Logged and Blind.

            --sector chooses groups from the MISP threat-actor galaxy's targeted sectors (matched \
            to ATT&CK groups by name and synonyms), then from ATT&CK group descriptions, and says \
            which were chosen and why.

            Examples:
              ttpkit coverage --rules rules/ --telemetry telemetry.yaml -o coverage.json
              ttpkit gaps --coverage coverage.json --groups APT29,FIN7
              ttpkit gaps --coverage coverage.json --sector Financial --top 20
              ttpkit gaps --coverage coverage-layer.json --all-groups --format json
            """)

    @OptionGroup var coverageFile: CoverageFileOptions
    @OptionGroup var selection: GroupSelectionOptions
    @Option(help: "How many gaps to list.") var top = 10
    @Option(help: "How many telemetry recommendations to make.") var recommendations = 5
    @OptionGroup var output: OutputOptions
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        if recommendations < 0 { throw ValidationError("--recommendations must be 0 or more") }
    }

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let record = try coverageFile.read(knowledgeBase: kb)
        let (chosen, phrase) = try selection.choose(in: kb, dataOptions)
        let gaps = GapAnalysis(coverage: record.analysis, groups: chosen.map(\.group), knowledgeBase: kb)
        let picks = TelemetryRecommendations(
            coverage: record.analysis, knowledgeBase: kb, focus: gaps.chosenTechniques, limit: recommendations)
        let view = GapsView(record: record, chosen: chosen, selection: phrase, gaps: gaps, picks: picks, top: top)
        Output(json: view.json(), csv: view.csv(), table: view.table).print(output.format)
    }
}
