import ATTACK
import Foundation
import Navigator

/// The techniques a `fail-on-gaps` gate requires to be Detected, and why each is required.
///
/// Built from a ``GroupSelection`` (groups by name, sector or all; their techniques by MITRE's
/// definition: own `uses` plus attributed campaigns), or from a targets file: one
/// technique ID a line (`#` starts a comment; text after the ID is ignored) or a Navigator
/// layer (every enabled technique with no score or a score above 0). Revoked IDs are followed
/// to their replacement and IDs the release does not know are skipped — both with a warning at
/// their line; a line that holds no technique ID is an error.
///
/// ```swift
/// let targets = TechniqueTargets.groups(try GroupSelection.choose(.named(["APT29"]), galaxy: nil, knowledgeBase: kb), knowledgeBase: kb)
/// targets.techniqueIDs.count       // 120
/// targets.reasons["T1003.006"]     // ["APT29 (G0016)"]
/// ```
public struct TechniqueTargets: Sendable, Hashable {
    /// What the targets are, for messages (`groups APT29 (G0016)`, `targets.txt`).
    public var label: String
    /// Required technique IDs, sorted.
    public var techniqueIDs: [String]
    /// Why each technique is required (group labels, or the file).
    public var reasons: [String: [String]]
    /// The targets file, when the targets came from one.
    public var path: String?
    /// The line of each ID in the targets file.
    public var lines: [String: Int]
    /// Warnings met while reading (revoked and unknown IDs).
    public var warnings: [RuleIssue]
    /// Who requires the techniques, as the threat profiles the gap list is ranked for: the
    /// chosen groups, and a targets file as one profile named after the file.
    public var profiles: [ThreatProfile]

    /// Creates targets; without `profiles`, the techniques are one profile named `label`.
    public init(label: String, techniqueIDs: [String], reasons: [String: [String]] = [:], path: String? = nil,
                lines: [String: Int] = [:], warnings: [RuleIssue] = [], profiles: [ThreatProfile] = []) {
        self.label = label
        self.techniqueIDs = Array(Set(techniqueIDs)).sorted()
        self.reasons = reasons
        self.path = path
        self.lines = lines
        self.warnings = warnings
        self.profiles = profiles.isEmpty ? [ThreatProfile(name: .init(name: label), techniqueIDs: Set(techniqueIDs))] : profiles
    }

    /// The techniques the chosen groups use (``ThreatProfile/groups(_:knowledgeBase:)``),
    /// each required by the groups using it.
    public static func groups(_ selection: GroupSelection, knowledgeBase kb: KnowledgeBase) -> TechniqueTargets {
        var reasons: [String: [String]] = [:]
        let profiles = selection.profiles(kb)
        for profile in profiles {
            for id in profile.techniqueIDs { reasons[id, default: []].append(profile.label) }
        }
        let label: String
        switch selection.criterion {
        case .named: label = "groups " + selection.groups.map { "\($0.name) (\($0.attackID))" }.joined(separator: ", ")
        case .sector(let sector): label = "sector \(sector) (\(selection.choices.count) groups)"
        case .all: label = selection.label
        }
        return TechniqueTargets(label: label, techniqueIDs: Array(reasons.keys), reasons: reasons, profiles: profiles)
    }

    /// One set of targets from several sources (groups and a targets file).
    public static func merged(_ targets: [TechniqueTargets]) -> TechniqueTargets? {
        guard targets.count > 1 else { return targets.first }
        var reasons: [String: [String]] = [:]
        var lines: [String: Int] = [:]
        for target in targets {
            for (id, why) in target.reasons { reasons[id, default: []] += why }
            lines.merge(target.lines) { first, _ in first }
        }
        return TechniqueTargets(
            label: targets.map(\.label).joined(separator: " + "), techniqueIDs: Array(reasons.keys), reasons: reasons,
            path: targets.compactMap(\.path).first, lines: lines, warnings: targets.flatMap(\.warnings),
            profiles: targets.flatMap(\.profiles))
    }

    /// Reads a targets file: technique IDs one a line, or a Navigator layer.
    public static func file(_ path: String, knowledgeBase kb: KnowledgeBase) throws(CoverageInputError) -> TechniqueTargets {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw CoverageInputError(path: path, reason: "cannot read targets file as UTF-8 text")
        }
        let release = "ATT&CK \(kb.attackVersion ?? "(unknown release)")"
        var ids: [(id: String, line: Int)] = []
        let trimmed = text.drop(while: { $0.isWhitespace || $0 == "\u{FEFF}" })
        if trimmed.first == "{" || trimmed.first == "[" {
            let layer: Layer
            do {
                guard let first = try LayerFile.parse(data, source: path).layer else {
                    throw CoverageInputError(path: path, reason: "the layer file holds no layer")
                }
                layer = first
            } catch let error as CoverageInputError { throw error } catch {
                throw CoverageInputError(path: path, reason: "unusable targets layer: \(error)")
            }
            if layer.domain != kb.domain {
                throw CoverageInputError(path: path, reason: "targets layer is for \(layer.domain.rawValue), the coverage is \(kb.domain.rawValue)")
            }
            for (index, technique) in layer.markedTechniques {
                if let id = ATTACKIdentifiers.techniqueID(technique.techniqueID) { ids.append((id, index + 1)) }
            }
        } else {
            for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let content = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                guard let token = content.split(whereSeparator: { $0.isWhitespace || $0 == "," }).first else { continue }
                guard let id = ATTACKIdentifiers.techniqueID(String(token)) else {
                    throw CoverageInputError(path: path, line: index + 1, reason: "'\(token)' is not a technique ID (T1234 or T1234.001)")
                }
                ids.append((id, index + 1))
            }
        }
        var warnings: [RuleIssue] = []
        var lines: [String: Int] = [:]
        var reasons: [String: [String]] = [:]
        let name = URL(fileURLWithPath: path).lastPathComponent
        for (id, line) in ids {
            guard let resolved = kb.status(ofAttackID: id, kind: .technique).current?.attackID else {
                warnings.append(RuleIssue(path: path, line: line, reason: "\(id) is not in \(release) (a newer release?); ignored", severity: .warning))
                continue
            }
            if resolved != id {
                warnings.append(RuleIssue(path: path, line: line, reason: "\(id) was revoked by \(resolved); using \(resolved)", severity: .warning))
            }
            if lines[resolved] == nil { lines[resolved] = line }
            reasons[resolved] = ["\(name):\(line)"]
        }
        return TechniqueTargets(label: name, techniqueIDs: Array(reasons.keys), reasons: reasons, path: path, lines: lines, warnings: warnings)
    }
}

extension TechniqueTargets {
    /// A targets file for profiles: a `#` title line, then each technique ID any of them uses,
    /// sorted, with the profiles that use it as a comment (`T1059.001  # APT29 (G0016); FIN7`).
    public static func text(_ profiles: [ThreatProfile], title: String) -> String {
        var reasons: [String: [String]] = [:]
        for profile in profiles { for id in profile.techniqueIDs { reasons[id, default: []].append(profile.label) } }
        var lines = "# \(title)\n"
        for id in reasons.keys.sorted() { lines += "\(id)  # \(reasons[id, default: []].joined(separator: "; "))\n" }
        return lines
    }
}
