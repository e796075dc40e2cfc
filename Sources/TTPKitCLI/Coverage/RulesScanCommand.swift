import Output
import ATTACK
import ArgumentParser
import Coverage
import STIX

/// `ttpkit rules scan PATH...`: what was read, and what is wrong with it.
struct RulesScanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan",
        abstract: "List what was read from rule files and folders: rules per format, tags, and every problem with its file and line.",
        discussion: """
            Folders are read recursively; each file is read by its format (Sigma YAML, Elastic \
            TOML, Splunk YAML, Sentinel YAML, CSV). Technique IDs are checked against the loaded \
            ATT&CK release: revoked IDs are counted as their replacement (with a warning), \
            deprecated and unknown IDs are listed ("not in ATT&CK 18.1 (a newer release?)"; \
            `ttpkit data update` fetches the newest). A bad file is reported as path:line: reason and the scan goes on; \
            the command fails (exit 2) only when no rule at all could be read.

            The table lists up to --limit lines per kind of problem; --format json or csv lists \
            everything, one record per rule (csv: plus one per failed file).

            Examples:
              ttpkit rules scan ../shared/corpora/sigma/rules
              ttpkit rules scan rules/sigma rules/elastic use-cases.csv --limit 0
              ttpkit rules scan rules/ --format json > scan.json
            """)

    @Argument(help: "Rule files and folders.") var paths: [String]
    @Option(help: "Lines listed per kind of problem in the table (0: all).") var limit = 20
    @OptionGroup var output: OutputOptions
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one rule file or folder") }
        if limit < 0 { throw ValidationError("--limit must be 0 or more") }
    }

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let scan = try RuleScanning.scan(paths, cache: dataOptions.ruleCache())
        let validation = RuleValidator(knowledgeBase: kb).validate(scan.rules)
        let quality = RuleQuality(scan: scan, findings: validation.findings)
        let release = "ATT&CK \(kb.attackVersion ?? "(unknown release)")"
        let view = RuleScanView(scan: scan, validation: validation, quality: quality, release: release, paths: paths, limit: limit)
        CommandOutput(json: view.json(), csv: view.csv(), table: view.table).print(output.format)
        let err = Terminal.standardError
        if quality.revokedIDRules > 0 {
            err.write("ttpkit: warning: revoked technique IDs in \(RuleScanning.plural(quality.revokedIDRules, "rule")); counted as their replacements\n")
        }
        if quality.unknownIDRules > 0 {
            err.write("ttpkit: hint: IDs not in \(release) may be from a newer release: `ttpkit data update` fetches it\n")
        }
        err.write("ttpkit: read \(RuleScanning.readSummary(quality)); \(RuleScanning.plural(quality.failures, "failure")), \(RuleScanning.plural(quality.warnings, "warning"))\n")
        if scan.rules.isEmpty { throw scan.nothingRead(from: paths) }
    }
}
