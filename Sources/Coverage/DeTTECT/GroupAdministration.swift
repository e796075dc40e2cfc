import ATTACK
import Foundation
import Yams

/// A DeTT&CT group-administration file (version 1.0 – 1.2): custom groups, red-team
/// scenarios and vendor threat reports, each with its techniques.
///
/// `technique_id` is a list of IDs, or — in the vendor reports of DeTT&CT's
/// `threat-actor-data` — a mapping of ID to how often the vendor observed it
/// (`T1059.001: 2366`). Both keep the line of every ID, so warnings point at it. Groups with
/// `enabled: false` are read but left out of ``enabledGroups``.
///
/// ```swift
/// let file = try GroupAdministration.load("threat-actor-data/20210331-RedCanary.yaml")
/// file.groups[0].techniques.first   // T1059, count 4798, line 10
/// ```
public struct GroupAdministration: DeTTECTAdministrationFile, Hashable {
    /// One technique of a group.
    public struct Mention: Sendable, Hashable {
        /// The ID as written.
        public var techniqueID: String
        /// The observed count, when the file gives one.
        public var count: Double?
        /// The 1-based line.
        public var line: Int = 1
    }

    /// One group entry.
    public struct Group: Sendable, Hashable {
        /// `group_name`.
        public var name: String
        /// `campaign`, when set.
        public var campaign: String?
        /// `technique_id`.
        public var techniques: [Mention]
        /// `software_id`.
        public var softwareIDs: [String]
        /// `enabled` (true when absent).
        public var enabled: Bool
        /// The 1-based line.
        public var line: Int

        /// `name (campaign)` or `name`.
        public var label: String { campaign.map { "\(name) (\($0))" } ?? name }
    }

    /// The file.
    public var path: String
    /// The version read.
    public var version: String
    /// `domain` (Enterprise when absent, as in DeTT&CT).
    public var domain: AttackDomain
    /// `platform`.
    public var platforms: [String]
    /// Groups in file order.
    public var groups: [Group]

    /// The groups that are enabled.
    public var enabledGroups: [Group] { groups.filter(\.enabled) }

    /// Parses the text of a file.
    public static func parse(text: String, path: String) throws(CoverageInputError) -> GroupAdministration {
        let (root, version, domain) = try DeTTECTReader.header(text, path: path, type: .groupAdministration)
        var groups: [Group] = []
        for item in try DeTTECTReader.list("groups", in: root, path: path, type: .groupAdministration) {
            let line = item.line ?? 1
            guard let name = item.text("group_name") else {
                throw CoverageInputError(path: path, line: line, reason: "group has no group_name")
            }
            var mentions: [Mention] = []
            switch item.value("technique_id") {
            case .sequence(let ids)?:
                for id in ids { if let text = id.text { mentions.append(Mention(techniqueID: text, line: id.line ?? line)) } }
            case .mapping(let pairs)?:
                for pair in pairs {
                    guard let id = pair.key.text else { continue }
                    guard let countText = pair.value.text, let count = Double(countText), count >= 0 else {
                        throw CoverageInputError(path: path, line: pair.key.line ?? line,
                                                 reason: "\(id): observed count '\(pair.value.text ?? "")' is not a number")
                    }
                    mentions.append(Mention(techniqueID: id, count: count, line: pair.key.line ?? line))
                }
            case .scalar?:
                if let text = item.text("technique_id") { mentions.append(Mention(techniqueID: text, line: line)) }
            default: break
            }
            groups.append(Group(name: name, campaign: item.text("campaign"), techniques: mentions,
                                softwareIDs: DeTTECTReader.strings(item, "software_id"),
                                enabled: item.value("enabled")?.flag ?? true, line: line))
        }
        return GroupAdministration(path: path, version: version, domain: domain,
                                   platforms: DeTTECTReader.strings(root, "platform"), groups: groups)
    }
}
