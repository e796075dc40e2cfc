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
            GroupCommand.self, GroupsCommand.self,
            SoftwareCommand.self,
            CampaignCommand.self, CampaignsCommand.self,
            MitigationCommand.self, MitigationsCommand.self,
            DataComponentCommand.self, DataComponentsCommand.self,
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

    /// Runs the command line, printing errors as one `ttpkit: error:` line with a distinct exit code.
    public static func run(_ arguments: [String]? = nil) -> Int32 {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            return 0
        } catch let error as CLIError {
            Terminal.standardError.write("ttpkit: error: \(error.message)\n")
            return error.exitCode.rawValue
        } catch {
            let code = exitCode(for: error)
            if code != .success {
                let message = fullMessage(for: error)
                Terminal.standardError.write(message.hasPrefix("Error:") || message.hasPrefix("Usage:") ? message + "\n" : "ttpkit: error: \(message)\n")
            } else {
                Terminal.standardOutput.write(fullMessage(for: error) + "\n")
            }
            return code.rawValue
        }
    }
}
