import ATTACK

/// The threat groups an analysis is about, and why each was chosen — the one place groups are
/// chosen by name, by sector or all, so `gaps`, `report coverage`, `coverage gate` and the
/// server choose the same groups for the same question.
///
/// - `.named`: names, aliases or IDs in any case (each resolved once; duplicates dropped).
/// - `.sector`: ``SectorGroups`` — the MISP threat-actor galaxy's `targeted-sector` /
///   `cfr-target-category` first, then ATT&CK group descriptions.
/// - `.all`: every group of the release, in ATT&CK order.
///
/// ```swift
/// let galaxy = try ThreatActorGalaxy.read(path: "threat-actor.json")
/// let selection = try GroupSelection.choose(.sector("Financial"), galaxy: galaxy, knowledgeBase: kb)
/// selection.choices.first?.reason.description   // "MISP threat-actor 'FIN7' targets Financial"
/// let profiles = selection.profiles(kb)          // their techniques, for ThreatCoverage and gates
/// ```
public struct GroupSelection: Sendable, Hashable {
    /// How the groups are chosen.
    public enum Criterion: Sendable, Hashable {
        /// By name, alias or ID.
        case named([String])
        /// The groups that target a sector.
        case sector(String)
        /// Every group of the release.
        case all
    }

    /// Why a group was chosen.
    public enum Reason: Sendable, Hashable, CustomStringConvertible {
        /// Named by the user (as written).
        case named(String)
        /// A MISP threat-actor entry tied to the group targets the sector (actor, sector field).
        case galaxy(actor: String, sector: String)
        /// The group's ATT&CK description mentions the sector.
        case description(sector: String)
        /// Every group was asked for.
        case all

        /// In words: `MISP threat-actor 'FIN7' targets Financial`.
        public var description: String {
            switch self {
            case .named: return "named"
            case let .galaxy(actor, sector): return "MISP threat-actor '\(actor)' targets \(sector)"
            case .description(let sector): return "its ATT&CK description mentions '\(sector)'"
            case .all: return "every group"
            }
        }
    }

    /// A chosen group and why.
    public struct Choice: Sendable, Hashable {
        /// The ATT&CK group.
        public var group: AttackObject
        /// Why it was chosen.
        public var reason: Reason
    }

    /// How the groups were chosen.
    public let criterion: Criterion
    /// The groups, in the order chosen.
    public let choices: [Choice]
    /// The MISP galaxy read for a sector, if any.
    public let galaxy: ThreatActorGalaxy?
    /// Notes from resolving names (an alias matched, a revoked group followed).
    public let notes: [String]

    /// Creates a selection from choices made elsewhere (``choose(_:galaxy:knowledgeBase:)``
    /// is the way to choose).
    public init(criterion: Criterion, choices: [Choice], galaxy: ThreatActorGalaxy? = nil, notes: [String] = []) {
        self.criterion = criterion
        self.choices = choices
        self.galaxy = galaxy
        self.notes = notes
    }

    /// The chosen groups.
    public var groups: [AttackObject] { choices.map(\.group) }

    /// How they were chosen, for titles: `APT29, FIN7`, `groups targeting Financial`, `all 187 groups of ATT&CK`.
    public var label: String {
        switch criterion {
        case .named: return choices.map(\.group.name).joined(separator: ", ")
        case .sector(let sector): return "groups targeting \(sector)"
        case .all: return "all \(choices.count) groups of ATT&CK"
        }
    }

    /// The data files the choice read besides the release: the galaxy (role `galaxy`) of a
    /// sector choice. Answers that choose groups add them to their ``Provenance``.
    public var provenanceFiles: [Provenance.DataFile] { galaxy.map { [$0.dataFile] } ?? [] }

    /// How many sector choices came from the galaxy.
    public var fromGalaxy: Int { choices.count(where: { if case .galaxy = $0.reason { true } else { false } }) }

    /// The chosen groups' techniques (see ``ThreatProfile/groups(_:knowledgeBase:)``).
    public func profiles(_ kb: KnowledgeBase) -> [ThreatProfile] { ThreatProfile.groups(groups, knowledgeBase: kb) }

    /// Chooses the groups; `galaxy` is read for a sector only. A name that matches no group, or
    /// a sector no group targets, is an error.
    public static func choose(
        _ criterion: Criterion, galaxy: ThreatActorGalaxy?, knowledgeBase kb: KnowledgeBase
    ) throws(CoverageInputError) -> GroupSelection {
        switch criterion {
        case .all:
            let all = kb.objects(.group).sorted { $0.sortRank < $1.sortRank }
            return GroupSelection(criterion: criterion, choices: all.map { Choice(group: $0, reason: .all) }, galaxy: nil, notes: [])
        case .named(let names):
            var choices: [Choice] = []
            var notes: [String] = []
            for name in names {
                let resolution: Resolution
                do { resolution = try kb.resolve(name, kind: .group) } catch {
                    throw CoverageInputError(path: "", reason: error.description)
                }
                if let note = resolution.note { notes.append(note) }
                if !choices.contains(where: { $0.group == resolution.object }) {
                    choices.append(Choice(group: resolution.object, reason: .named(name)))
                }
            }
            guard !choices.isEmpty else { throw CoverageInputError(path: "", reason: "no group named") }
            return GroupSelection(criterion: criterion, choices: choices, galaxy: nil, notes: notes)
        case .sector(let sector):
            let choices = SectorGroups.select(sector, galaxy: galaxy, knowledgeBase: kb)
            guard !choices.isEmpty else {
                throw CoverageInputError(
                    path: "", reason: "no ATT&CK group targets the sector '\(sector)' (searched "
                        + (galaxy.map { "the MISP galaxy \($0.source) and " } ?? "") + "ATT&CK group descriptions)")
            }
            return GroupSelection(criterion: criterion, choices: choices, galaxy: galaxy, notes: [])
        }
    }
}
