import Answers
import ATTACK
import ArgumentParser
import Coverage
import Foundation

/// `--groups`, `--sector` or `--all-groups`: the threat groups an analysis is about. The same
/// options, the same default galaxy and the same library call (``GroupSelection/choose``) in
/// `gaps`, `report coverage` and the coverage gates, so each picks the same groups.
struct GroupSelectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Threat groups by name, alias or ID, comma-separated (repeatable).", valueName: "names"))
    var groups: [String] = []

    @Option(help: "Choose the groups that target this sector (the MISP threat-actor galaxy, then ATT&CK group descriptions).")
    var sector: String?

    @Flag(name: .customLong("all-groups"), help: "Every group of the release.")
    var allGroups = false

    @Option(help: ArgumentHelp(
        "MISP threat-actor galaxy for --sector (default: $TTPKIT_MISP_GALAXY, else the copy imported with `ttpkit data import misp-galaxy PATH`).",
        valueName: "file"))
    var galaxy: String?

    func validate() throws {
        if [!groups.isEmpty, sector != nil, allGroups].filter({ $0 }).count > 1 {
            throw ValidationError("choose the threat groups with one of --groups, --sector or --all-groups")
        }
    }

    /// The names given to --groups, split at commas.
    var names: [String] {
        groups.flatMap(ObservedInput.commaSeparated)
    }

    /// What was asked for, nil when no group option was given.
    var criterion: GroupSelection.Criterion? {
        if allGroups { return .all }
        if let sector { return .sector(sector) }
        return groups.isEmpty ? nil : .named(names)
    }

    /// The chosen groups (nil when none was asked for); name notes and, for a sector, how the
    /// groups were found are said on stderr. A sector reads the galaxy (``CorpusFiles/galaxy(_:)``);
    /// the selection names it in ``GroupSelection/provenanceFiles``.
    func choose(in kb: KnowledgeBase) throws -> GroupSelection? {
        guard let criterion else { return nil }
        let err = Terminal.standardError
        var galaxy: ThreatActorGalaxy?
        if case .sector = criterion {
            galaxy = try CorpusFiles.galaxy(self.galaxy)
            if galaxy == nil {
                err.write("ttpkit: note: no MISP threat-actor galaxy (give --galaxy FILE, or `ttpkit data import misp-galaxy PATH` once); "
                    + "choosing groups by their ATT&CK descriptions only\n")
            }
        }
        let selection = try GroupSelection.choose(criterion, galaxy: galaxy, knowledgeBase: kb)
        for note in selection.notes { err.write("ttpkit: note: \(note)\n") }
        if case .sector(let sector) = criterion {
            err.write("ttpkit: sector \(sector): \(RuleScanning.plural(selection.choices.count, "group")) chosen, "
                + "\(selection.fromGalaxy) from the MISP threat-actor galaxy"
                + (galaxy.map { " (\($0.dataFile.name) sha256:\($0.sha256.prefix(12)))" } ?? "") + ", "
                + "\(selection.choices.count - selection.fromGalaxy) from ATT&CK descriptions\n")
        }
        return selection
    }
}

/// `--coverage FILE` and the reading of any coverage given on the command line.
struct CoverageFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The coverage: JSON from `ttpkit coverage --format json`, a coverage layer from `--format layer`, or a DeTT&CT technique-administration file.",
        valueName: "file"))
    var coverage: String

    /// Reads the file against `kb`.
    func read(knowledgeBase kb: KnowledgeBase) throws -> CoverageResult { try CoverageInput.read(coverage, kb: kb) }
}

/// Reading a coverage result given on the command line, whatever its form.
enum CoverageInput {
    /// Reads and aligns a coverage file, layer or DeTT&CT file; its notes and warnings go to
    /// stderr; a bad file is exit 2.
    static func read(_ path: String, kb: KnowledgeBase?) throws -> CoverageResult {
        let result = try CoverageDocument.read(path: path, knowledgeBase: kb)
        let err = Terminal.standardError
        if result.origin == .dettect { for issue in result.issues { err.write("ttpkit: \(issue)\n") } }
        for note in result.notes { err.write("ttpkit: note: \(note)\n") }
        return result
    }
}

extension GroupSelectionOptions {
    /// Fails unless exactly one of the group options is given.
    func requireOne() throws {
        if criterion == nil { throw ValidationError("choose the threat groups with exactly one of --groups, --sector or --all-groups") }
    }
}
