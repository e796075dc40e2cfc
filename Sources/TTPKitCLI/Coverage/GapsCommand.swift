import Output
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

            The same ranked list is the report's blind spots, /api/gaps, and what `coverage \
            gate --fail-on-gaps` counts. Pre-compromise techniques (Reconnaissance, Resource \
            Development, those only mitigated before the compromise: buying domains, scanning) \
            are listed apart, to watch with threat intelligence, unless \
            --include-pre-compromise. --waivers FILE lists accepted gaps (technique, reason, \
            owner, expires): a waived gap is listed apart with its reason, owner and expiry; an \
            expired waiver stops waiving and is warned about with its file and line; a waiver \
            naming no gap is reported as unused. --as-of DAY judges expiry on another day.

            Recommendations pick log sources (data components before ATT&CK v18) greedily: each \
            pick makes the most Blind techniques visible that earlier picks did not, with the \
            count after each pick. Exposure gives each group's share of techniques Detected, \
            Logged and Blind.

            --sector chooses groups from the MISP threat-actor galaxy's targeted sectors (matched \
            to ATT&CK groups by name and synonyms), then from ATT&CK group descriptions, and says \
            which were chosen and why.

            --prevalence FILE... (DeTT&CT group-administration YAML, such as the vendor threat \
            reports of DeTT&CT's threat-actor-data; repeatable) ranks the gaps by \
            score = 0.6 × group share + 0.4 × prevalence. Group share is the fraction of the \
            chosen groups using the technique; prevalence is the mean, over every enabled group \
            entry (report) of the files, of the technique's count divided by that report's \
            highest count (1 for each listed technique when a report has no counts; 0 when not \
            listed). Both lie in 0-1. Techniques the reports name that no chosen group uses are \
            ranked too. An unknown technique ID in a file is one warning with file and line; the \
            run goes on.

            Quick wins follow the gaps: techniques that are Logged but not Detected and used by \
            the chosen groups, so a rule can be written today with the telemetry already \
            collected. They are ranked by the number of chosen groups using them, then \
            prevalence, then whether Atomic Red Team tests exist, then use across ATT&CK. The \
            Atomic Red Team tests that would validate a new rule are listed only when --atomics \
            DIR is given (no default folder is read).

            Examples:
              ttpkit coverage --rules rules/ --telemetry telemetry.yaml -o coverage.json
              ttpkit gaps --coverage coverage.json --groups APT29,FIN7
              ttpkit gaps --coverage coverage.json --sector Financial --top 20
              ttpkit gaps --coverage coverage-layer.json --all-groups --format json
              ttpkit gaps --coverage coverage.json --groups APT29 --prevalence threat-actor-data/*.yaml
              ttpkit gaps --coverage coverage.json --groups APT29,FIN7 --atomics atomic-red-team/atomics
              ttpkit gaps --coverage coverage.json --groups APT29,FIN7 --waivers waivers.yaml
              ttpkit gaps --coverage coverage.json --groups APT29,FIN7 --include-pre-compromise --top 20
            """)

    @OptionGroup var coverageFile: CoverageFileOptions
    @OptionGroup var selection: GroupSelectionOptions
    @Option(help: "How many gaps and quick wins the table lists (JSON holds all).") var top = 10
    @OptionGroup var study: StudyOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
        try selection.requireOne()
    }

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let result = try coverageFile.read(knowledgeBase: kb)
        let (chosen, study) = try self.study.run(result, selection: selection, knowledgeBase: kb)
        let view = GapsView(result: result, selection: chosen, study: study, top: top, prevalenceFiles: self.study.prevalence)
        CommandOutput(json: view.json(knowledgeBase: kb), csv: view.csv(), table: view.table).print(output.format)
    }
}

/// What `gaps` and `report coverage` study the coverage with: prevalence reports, Atomic Red
/// Team tests and how many recommendations to make — one ``ThreatCoverage`` for both.
struct StudyOptions: ParsableArguments {
    @Option(help: "How many telemetry recommendations to make.") var recommendations = 5
    @Option(parsing: .upToNextOption, help: ArgumentHelp(
        "DeTT&CT group-administration YAML giving how often techniques are seen in the wild; ranks gaps by 0.6 × group share + 0.4 × prevalence. Repeatable.",
        valueName: "file"))
    var prevalence: [String] = []
    @Option(help: ArgumentHelp(
        "Atomic Red Team atomics folder: list the tests that would validate a rule for each quick win. Not read unless given.",
        valueName: "dir"))
    var atomics: String?
    @OptionGroup var gapList: GapListOptions

    func validate() throws {
        if recommendations < 0 { throw ValidationError("--recommendations must be 0 or more") }
    }

    /// Chooses the groups and studies the coverage for them. Prevalence and waiver warnings
    /// (unknown or revoked IDs, expired or unused waivers) are printed with file and line and
    /// the run goes on; an unreadable prevalence file, a malformed waivers file, or an atomics
    /// folder without any readable test, is exit 2.
    func run(_ result: CoverageResult, selection options: GroupSelectionOptions, knowledgeBase kb: KnowledgeBase) throws -> (GroupSelection, ThreatCoverage) {
        guard let selection = try options.choose(in: kb) else { throw CLIError("choose the threat groups with --groups, --sector or --all-groups") }
        var seen: Prevalence?
        var index: AtomicIndex?
        let waivers = try gapList.loadWaivers(kb)
        do {
            if !prevalence.isEmpty { seen = try Prevalence.load(prevalence, knowledgeBase: kb) }
            if let atomics { index = try AtomicIndex.loadTests(folder: atomics) }
        } catch {
            RuleScanning.printIssues(error.related)
            throw error
        }
        for warning in seen?.warnings ?? [] { Terminal.standardError.write("ttpkit: \(warning)\n") }
        let study = ThreatCoverage(
            coverage: result, profiles: selection.profiles(kb), prevalence: seen, atomics: index, knowledgeBase: kb,
            recommendationLimit: recommendations, includePreCompromise: gapList.includePreCompromise, waivers: waivers, asOf: gapList.day)
        GapListOptions.printWarnings(study.waivers)
        return (selection, study)
    }
}
