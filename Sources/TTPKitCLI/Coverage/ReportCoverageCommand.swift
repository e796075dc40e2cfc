import ATTACK
import ArgumentParser
import Coverage
import Foundation
import Navigator
import Reports

/// `ttpkit report coverage --coverage FILE --groups ... -o report.html`: the executive report.
struct ReportCoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "The executive coverage report: coverage by tactic, top blind spots, what to collect next, group exposure, heatmap, rule quality.",
        discussion: """
            Written for a manager: numbers first, short sentences. The format follows the output's \
            extension: .html is one self-contained file with the heatmap embedded as SVG (no \
            scripts, no network requests, prints on A4); .md is Markdown, with the heatmap written \
            beside it as NAME-heatmap.svg; .json is the document's blocks as JSON (what the team \
            server's /api/report answers). Files are written atomically.

            Gaps, quick wins, exposure and recommendations are the same as `ttpkit gaps` computes \
            for the same coverage and groups (--prevalence ranks them the same way too): the top \
            blind spots are the first gaps of `ttpkit gaps`, in the same order, each Blind or \
            Logged. Pre-compromise techniques are listed apart ("watch with threat \
            intelligence") unless --include-pre-compromise; --waivers FILE lists accepted gaps \
            apart with their reason, owner and expiry (expired and unused waivers are warned \
            about on standard error and noted in the report). Quick \
            wins: techniques the chosen groups use that are Logged but not Detected, so a rule \
            can be written today with data already collected, with the telemetry that sees them. \
            The Atomic Red Team tests that would validate each new rule are listed only when \
            --atomics DIR is given (no default folder is read).

            Examples:
              ttpkit coverage --rules rules/ --telemetry telemetry.yaml -o coverage.json
              ttpkit report coverage --coverage coverage.json --groups APT29,FIN7 -o report.html
              ttpkit report coverage --coverage coverage.json --sector Financial -o report.md
              ttpkit report coverage --coverage coverage.json --groups APT29 -o report.json
              ttpkit report coverage --coverage coverage.json --groups APT29 -o - --format json | jq .provenance
              ttpkit report coverage --coverage coverage.json --groups APT29 --atomics atomic-red-team/atomics -o report.html
              ttpkit report coverage --coverage coverage.json --groups APT29,FIN7 --waivers waivers.yaml -o report.html
            """)

    @OptionGroup var coverageFile: CoverageFileOptions
    @OptionGroup var selection: GroupSelectionOptions
    @OptionGroup var target: ReportOutputOptions
    @Option(help: "How many blind spots to list.") var top = 10
    @Option(help: "The report's title.") var title = "Detection coverage report"
    @OptionGroup var study: StudyOptions
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        _ = try target.kind(allowJSON: true)
        if top < 1 { throw ValidationError("--top must be at least 1") }
        try selection.requireOne()
    }

    func run() throws {
        let kind = try target.kind(allowJSON: true)
        let kb = try dataOptions.knowledgeBase()
        let result = try coverageFile.read(knowledgeBase: kb)
        let (chosen, study) = try self.study.run(result, selection: selection, knowledgeBase: kb)
        let heatmapName = target.heatmapName(kind)
        let document = CoverageReport.document(CoverageReport.Input(
            result: result, knowledgeBase: kb, selection: chosen, study: study, top: top, title: title, heatmapFileName: heatmapName))
        guard case .document(let format) = kind else {
            try OutputTarget.write(Data(JSONWriter.render(document).utf8), to: target.output)
            return
        }
        if heatmapName != nil {
            for figure in document.figures {
                guard let name = figure.fileName else { continue }
                try OutputTarget.write(Data(figure.svg.utf8), to: target.besideReport(name))
            }
        }
        try OutputTarget.write(Data(format.render(document).utf8), to: target.output)
    }
}
