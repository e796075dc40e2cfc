import ArgumentParser
import Foundation

/// The `ttpkit` command: MITRE ATT&CK for threat intelligence and detection engineering.
public struct TTPKit: ParsableCommand {
    public static let version = "0.1.0"

    public static let configuration = CommandConfiguration(
        commandName: "ttpkit",
        abstract: "MITRE ATT&CK for threat intelligence and detection engineering.",
        discussion: """
            Data: --data PATH (a bundle or a folder of bundles), else $TTPKIT_DATA, else the cache \
            filled by `ttpkit data update` (fetched automatically on first use when online).

            Examples:
              ttpkit group APT29
              ttpkit technique T1059.001 --format json
              ttpkit techniques --tactic execution --platform Linux
              ttpkit search "credential dumping"
              ttpkit layer group APT29 APT28 -o overlap.json
              ttpkit layer render overlap.json -o overlap.html
              ttpkit coverage --rules rules/ --telemetry telemetry.yaml -o coverage.json
              ttpkit gaps --coverage coverage.json --groups APT29,FIN7
            """,
        version: version,
        subcommands: [
            DataCommand.self,
            TechniqueCommand.self, TechniquesCommand.self,
            TacticCommand.self, TacticsCommand.self,
            GroupCommand.self, ObjectListCommand<ListedGroups>.self,
            SoftwareCommand.self,
            CampaignCommand.self, ObjectListCommand<ListedCampaigns>.self,
            MitigationCommand.self, ObjectListCommand<ListedMitigations>.self,
            DataComponentCommand.self, ObjectListCommand<ListedDataComponents>.self,
            DetectionCommand.self,
            SearchCommand.self,
            ChangesCommand.self,
            LayerCommand.self,
            CompareCommand.self,
            RulesCommand.self,
            CoverageCommand.self,
            GapsCommand.self,
            ReportCommand.self,
            DeTTECTCommand.self,
            SimilarCommand.self,
            DiffCommand.self,
            MigrateCommand.self,
            ExtractCommand.self,
            IOCsCommand.self,
            ServeCommand.self,
            DebugCommand.self,
        ]
    )

    public init() {}

    /// Runs the command line as the `ttpkit` program: errors are printed as one
    /// `ttpkit: error:` line (with a usage hint for usage errors) and mapped to the exit codes
    /// of ``ExitStatus`` by ``ErrorReport`` — the one place that decides them.
    public static func run(_ arguments: [String]? = nil) -> Int32 {
        let arguments = arguments ?? Array(CommandLine.arguments.dropFirst())
        let status: ExitStatus
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            status = .success
        } catch {
            let report = ErrorReport(error, arguments: arguments)
            if report.status == .success {
                Terminal.standardOutput.write(report.message + "\n")  // --help, --version
            } else {
                Terminal.standardError.write(report.message + "\n")
            }
            status = report.status
        }
        if let failure = CommandContext.current.output.failure {
            Terminal.standardError.write("ttpkit: error: \(failure)\n")
            return ExitStatus.badInput.rawValue
        }
        return status.rawValue
    }

    /// What one in-process run of a command gave.
    public struct CommandResult: Sendable {
        public let status: Int32
        public let standardOutput: String
        public let standardError: String
    }

    /// Runs a command line in this process, as tests do: `environment` replaces the process's,
    /// `standardInput` is what the command reads from standard input, and both output
    /// streams are captured. Concurrent runs do not see each other's streams.
    public static func run(_ arguments: [String], environment: [String: String], standardInput: Data = Data()) -> CommandResult {
        let context = CommandContext(
            environment: environment, input: { standardInput },
            output: CommandStream(.buffer, name: "standard output"), error: CommandStream(.buffer, name: "standard error"),
            isProcess: false)
        let status = CommandContext.$current.withValue(context) { run(arguments) }
        return CommandResult(status: status, standardOutput: context.output.text, standardError: context.error.text)
    }
}
