import ATTACK
import ArgumentParser
import Coverage
import Foundation
import Reports

/// `--groups`, `--sector` or `--all-groups`: the threat groups gaps are ranked for.
struct GroupSelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Threat groups by name, alias or ID, comma-separated (repeatable).", valueName: "names"))
    var groups: [String] = []

    @Option(help: "Choose the groups that target this sector (MISP threat-actor galaxy, then ATT&CK group descriptions).")
    var sector: String?

    @Flag(name: .customLong("all-groups"), help: "Every group of the release.")
    var allGroups = false

    @Option(help: ArgumentHelp(
        "MISP threat-actor galaxy for --sector (default: $TTPKIT_MISP_GALAXY, else corpora/misp-galaxy/clusters/threat-actor.json under $TTPKIT_SHARED or ../shared).",
        valueName: "file"))
    var galaxy: String?

    func validate() throws {
        let chosen = [!groups.isEmpty, sector != nil, allGroups].filter { $0 }.count
        if chosen != 1 { throw ValidationError("choose the threat groups with exactly one of --groups, --sector or --all-groups") }
    }

    /// The names given to --groups, split at commas.
    var names: [String] {
        groups.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The chosen groups, with reasons for sector choices, and a phrase saying how they were
    /// chosen. Sector choices are also explained on stderr.
    func choose(in kb: KnowledgeBase, _ dataOptions: DataOptions) throws -> (groups: [CoverageReport.ChosenGroup], selection: String) {
        if allGroups {
            let all = kb.objects(.group).sorted { $0.sortRank < $1.sortRank }
            return (all.map { CoverageReport.ChosenGroup(group: $0) }, "all \(all.count) groups of ATT&CK")
        }
        if let sector { return try chooseBySector(sector, in: kb) }
        var chosen: [CoverageReport.ChosenGroup] = []
        for name in names {
            let group = try Lookup.resolve(name, kind: .group, in: kb, dataOptions).object
            if !chosen.contains(where: { $0.group == group }) { chosen.append(CoverageReport.ChosenGroup(group: group)) }
        }
        if chosen.isEmpty { throw CLIError("--groups names no group") }
        return (chosen, chosen.map(\.group.name).joined(separator: ", "))
    }

    func chooseBySector(_ sector: String, in kb: KnowledgeBase) throws -> (groups: [CoverageReport.ChosenGroup], selection: String) {
        let err = Terminal.standardError
        let path = galaxy ?? Self.defaultGalaxy()
        if galaxy == nil && path == nil {
            err.write("ttpkit: note: no MISP threat-actor galaxy found (give --galaxy); choosing groups by their ATT&CK descriptions only\n")
        }
        let selection = SectorGroups.select(sector, galaxy: path, knowledgeBase: kb)
        if let issue = selection.issues.first {
            if galaxy != nil { throw CLIError(issue.description) }
            err.write("ttpkit: warning: \(issue); choosing groups by their ATT&CK descriptions only\n")
        }
        guard !selection.groups.isEmpty else {
            throw CLIError("no ATT&CK group targets the sector '\(sector)' (searched \(path.map { "the MISP galaxy \($0) and " } ?? "")ATT&CK group descriptions)")
        }
        let fromGalaxy = selection.groups.count(where: { $0.reason.hasPrefix("MISP") })
        err.write("ttpkit: sector \(sector): \(RuleScanning.plural(selection.groups.count, "group")) chosen, "
            + "\(fromGalaxy) from the MISP threat-actor galaxy\(path.map { " (\($0))" } ?? ""), "
            + "\(selection.groups.count - fromGalaxy) from ATT&CK descriptions\n")
        return (selection.groups.map { CoverageReport.ChosenGroup(group: $0.group, reason: $0.reason) },
                "groups targeting \(sector)")
    }

    /// The galaxy file found without --galaxy, if any.
    static func defaultGalaxy() -> String? {
        let environment = CommandContext.current.environment
        if let explicit = environment["TTPKIT_MISP_GALAXY"], !explicit.isEmpty { return explicit }
        let relative = "corpora/misp-galaxy/clusters/threat-actor.json"
        var candidates: [String] = []
        if let shared = environment["TTPKIT_SHARED"], !shared.isEmpty { candidates.append(shared + "/" + relative) }
        candidates.append("../shared/" + relative)
        // A binary in a package's build folder (.build/debug/ttpkit): the shared folder beside the package.
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            var folder = executable.deletingLastPathComponent()
            for _ in 0..<5 where folder.path != "/" {
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                    candidates.append(folder.deletingLastPathComponent().appendingPathComponent("shared/" + relative).path)
                    break
                }
                folder.deleteLastPathComponent()
            }
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0) }
    }
}
