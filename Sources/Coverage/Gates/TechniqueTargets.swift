import ATTACK
import Foundation
import Navigator

/// The techniques a `fail-on-gaps` gate requires to be Detected, and why each is required.
///
/// Built from ATT&CK groups (their techniques by MITRE's definition: own `uses` plus attributed
/// campaigns), from a sector (groups chosen by ``SectorGroups``), or from a targets file: one
/// technique ID a line (`#` starts a comment; text after the ID is ignored) or a Navigator
/// layer (every enabled technique with no score or a score above 0). Revoked IDs are followed
/// to their replacement and IDs the release does not know are skipped — both with a warning at
/// their line; a line that holds no technique ID is an error.
///
/// ```swift
/// let targets = TechniqueTargets.groups([apt29], knowledgeBase: kb)
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

    /// Creates targets.
    public init(label: String, techniqueIDs: [String], reasons: [String: [String]] = [:], path: String? = nil,
                lines: [String: Int] = [:], warnings: [RuleIssue] = []) {
        self.label = label
        self.techniqueIDs = Array(Set(techniqueIDs)).sorted()
        self.reasons = reasons
        self.path = path
        self.lines = lines
        self.warnings = warnings
    }

    /// The techniques the groups use.
    public static func groups(_ groups: [AttackObject], knowledgeBase kb: KnowledgeBase) -> TechniqueTargets {
        var reasons: [String: [String]] = [:]
        for group in groups {
            let label = "\(group.name) (\(group.attackID))"
            for related in kb.techniquesUsed(byGroup: group) where related.object.isActive {
                reasons[related.object.attackID, default: []].append(label)
            }
        }
        let labels = groups.map { "\($0.name) (\($0.attackID))" }
        return TechniqueTargets(label: "groups " + labels.joined(separator: ", "), techniqueIDs: Array(reasons.keys), reasons: reasons)
    }

    /// The techniques of the groups that target a sector.
    public static func sector(_ sector: String, galaxy: String?, knowledgeBase kb: KnowledgeBase) -> TechniqueTargets {
        let selection = SectorGroups.select(sector, galaxy: galaxy, knowledgeBase: kb)
        var targets = groups(selection.groups.map(\.group), knowledgeBase: kb)
        targets.label = "sector \(sector) (\(selection.groups.count) groups)"
        targets.warnings = selection.issues.map { var issue = $0; issue.severity = .warning; return issue }
        return targets
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
            for (index, technique) in layer.techniques.enumerated() where technique.isEnabled && (technique.score ?? 1) > 0 {
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
            guard let resolved = resolve(id, kb: kb) else {
                warnings.append(RuleIssue(path: path, line: line, reason: "\(id) is not in \(release) (newer release? `ttpkit data update`); ignored", severity: .warning))
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

    /// The active technique an ID names, following revocations; nil when unknown or deprecated.
    static func resolve(_ id: String, kb: KnowledgeBase) -> String? {
        let objects = kb.objects(attackID: id).filter { $0.kind == .technique }
        if let active = objects.first(where: \.isActive) { return active.attackID }
        for object in objects where object.isRevoked {
            let current = kb.currentObject(for: object)
            if current.isActive, current.kind == .technique { return current.attackID }
        }
        return nil
    }
}
