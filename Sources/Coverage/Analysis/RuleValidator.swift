import ATTACK

/// Checks the ATT&CK IDs and tactics rules name against one loaded release.
///
/// - A current technique ID is kept.
/// - A revoked ID is replaced by the end of its revoked-by chain, with a warning.
/// - A deprecated technique is kept but reported (it is in no current matrix, so it adds no
///   coverage).
/// - An ID the release does not know is reported as "not in ATT&CK 18.1 (newer release?
///   `ttpkit data update`)" and dropped from coverage, never silently.
/// - A tactic shortname the release does not know (`stealth` against 18.1) is reported.
///
/// ```swift
/// let validation = RuleValidator(knowledgeBase: kb).validate(scan.rules)
/// validation.rules[0].techniqueIDs   // IDs to count, revoked ones already replaced
/// validation.findings.first?.description
/// // "rules/x.yml:1: T1086 was revoked by T1059.001 (PowerShell); counted as T1059.001"
/// ```
public struct RuleValidator: Sendable {
    /// The release rules are checked against.
    public let knowledgeBase: KnowledgeBase

    /// Creates a validator for one release.
    public init(knowledgeBase: KnowledgeBase) {
        self.knowledgeBase = knowledgeBase
    }

    /// The release as users say it: "ATT&CK 18.1".
    var releaseName: String { "ATT&CK \(knowledgeBase.attackVersion ?? "(unknown release)")" }

    /// Validates every rule.
    public func validate(_ rules: [DetectionRule]) -> RuleValidation {
        var cache: [String: IdentityStatus] = [:]
        var tacticCache: [String: Bool] = [:]
        var validated: [ValidatedRule] = []
        var findings: [RuleFinding] = []
        validated.reserveCapacity(rules.count)
        for rule in rules {
            var ids: [String] = []
            var replaced: [String: String] = [:]
            for id in rule.techniqueIDs {
                let status = cache[id] ?? knowledgeBase.status(ofAttackID: id, kind: .technique)
                cache[id] = status
                switch status {
                case .active:
                    ids.append(id)
                case .remapped(_, let current), .revoked(_, let current?):
                    // A revoked ID counts as the object at the end of its chain, even a deprecated one.
                    ids.append(current.attackID)
                    replaced[current.attackID] = id
                    findings.append(RuleFinding(rule: rule, kind: .revoked, techniqueID: id,
                        message: "\(id) was revoked by \(current.label); counted as \(current.attackID)"))
                case .revoked(_, nil):
                    findings.append(RuleFinding(rule: rule, kind: .revoked, techniqueID: id,
                        message: "\(id) is revoked in \(releaseName) with no replacement; not counted"))
                case .deprecated:
                    ids.append(id)
                    findings.append(RuleFinding(rule: rule, kind: .deprecated, techniqueID: id,
                        message: "\(id) is deprecated in \(releaseName); it is in no current matrix"))
                case .unknown:
                    findings.append(RuleFinding(rule: rule, kind: .unknown, techniqueID: id,
                        message: "\(id) is not in \(releaseName) (a newer release?)"))
                }
            }
            for tactic in rule.tactics {
                let known = tacticCache[tactic] ?? (knowledgeBase.tactic(shortname: tactic) != nil)
                tacticCache[tactic] = known
                if !known {
                    findings.append(RuleFinding(rule: rule, kind: .unknownTactic, techniqueID: nil,
                        message: "tactic '\(tactic)' is not in \(releaseName) (a newer release?)"))
                }
            }
            if rule.isTacticOnly {
                findings.append(RuleFinding(rule: rule, kind: .tacticOnly, techniqueID: nil,
                    message: "tagged with tactics only (\(rule.tactics.joined(separator: ", "))); tactic tags never count as coverage"))
            }
            validated.append(ValidatedRule(rule: rule, techniqueIDs: ids.uniqued(), replacedIDs: replaced))
        }
        return RuleValidation(release: knowledgeBase.attackVersion, rules: validated, findings: findings)
    }
}

/// The rules of a scan checked against a release.
public struct RuleValidation: Sendable {
    /// The release checked against (`18.1`).
    public var release: String?
    /// Every rule with the technique IDs that count for it.
    public var rules: [ValidatedRule]
    /// Everything worth telling about the rules' tags, in rule order.
    public var findings: [RuleFinding]

    /// Findings of one kind.
    public func findings(_ kind: RuleFinding.Kind) -> [RuleFinding] { findings.filter { $0.kind == kind } }

    /// Rules naming at least one ID of the kind (revoked, deprecated, unknown...).
    public func ruleCount(_ kind: RuleFinding.Kind) -> Int { Self.ruleCount(kind, in: findings) }

    /// Rules named by at least one of `findings` of the kind.
    static func ruleCount(_ kind: RuleFinding.Kind, in findings: [RuleFinding]) -> Int {
        Set(findings.lazy.filter { $0.kind == kind }.map { RuleKey(path: $0.path, line: $0.ruleLine ?? $0.line) }).count
    }

    /// The findings of each rule, in the order of ``rules``.
    public func findingsPerRule() -> [[RuleFinding]] {
        let byRule = Dictionary(grouping: findings) { RuleKey(path: $0.path, line: $0.ruleLine ?? $0.line) }
        return rules.map { byRule[RuleKey(path: $0.rule.path, line: $0.rule.line)] ?? [] }
    }

    struct RuleKey: Hashable {
        var path: String
        var line: Int
    }
}

/// A rule with the technique IDs that count for it in the loaded release.
public struct ValidatedRule: Sendable, Hashable {
    /// The rule as read.
    public var rule: DetectionRule
    /// Current IDs (revoked ones replaced, unknown ones dropped), unique, in rule order.
    public var techniqueIDs: [String]
    /// Replacement ID → the revoked ID the rule wrote.
    public var replacedIDs: [String: String] = [:]
}

/// Something worth telling about a rule's ATT&CK tags: a revoked, deprecated or unknown ID, an
/// unknown tactic, tactic-only tagging, or a log source that is not collected.
public struct RuleFinding: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What kind of finding.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A revoked technique ID (replaced when the release names a replacement).
        case revoked
        /// A deprecated technique ID.
        case deprecated
        /// A technique ID the release does not know.
        case unknown
        /// A tactic shortname the release does not know.
        case unknownTactic = "unknown-tactic"
        /// A rule with tactic tags and no technique.
        case tacticOnly = "tactic-only"
        /// A rule whose own log source is not in the telemetry inventory.
        case cannotFire = "cannot-fire"
    }

    /// The rule's file.
    public var path: String
    /// The line the finding points at: the tag naming the technique when known, else the rule's.
    public var line: Int
    /// The rule's own line when `line` points at a tag inside it.
    public var ruleLine: Int?
    /// The rule's title.
    public var title: String
    /// What kind of finding.
    public var kind: Kind
    /// The technique ID concerned, if any.
    public var techniqueID: String?
    /// The sentence to show.
    public var message: String

    /// Creates a finding about `rule`.
    public init(rule: DetectionRule, kind: Kind, techniqueID: String?, message: String) {
        path = rule.path
        line = techniqueID.flatMap { rule.tagLines?[$0] } ?? rule.line
        ruleLine = line == rule.line ? nil : rule.line
        title = rule.title
        self.kind = kind
        self.techniqueID = techniqueID
        self.message = message
    }

    /// `path:line: message`.
    public var description: String { "\(path):\(line): \(message)" }
}
