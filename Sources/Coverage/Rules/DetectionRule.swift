/// One detection rule, read from any supported format, reduced to what coverage needs.
///
/// Every parser (`SigmaParser`, `ElasticParser`, `SplunkParser`, `SentinelParser`,
/// `CSVRuleParser`) produces this one model, so coverage, gaps and reports never care where a
/// rule came from. Identifiers are normalised: technique IDs upper-case (`T1059.001`), tactics
/// as hyphenated shortnames (`defense_evasion` and `DefenseEvasion` both become
/// `defense-evasion`). Whether an ID exists in a given ATT&CK release is decided later, against
/// the loaded knowledge base.
///
/// ```swift
/// let result = SigmaParser.parse(text: yaml, path: "proc_creation_win_7zip.yml")
/// result.rules[0].techniqueIDs   // ["T1560.001"]
/// result.rules[0].tactics        // ["collection"]
/// ```
public struct DetectionRule: Sendable, Hashable, Codable {
    /// The format the rule was read from.
    public var format: RuleFormat
    /// The file the rule was read from, as given to the scanner.
    public var path: String
    /// The 1-based line where the rule starts (the document's first key in multi-document
    /// files, the `[rule]` table in TOML, the record in CSV).
    public var line: Int
    /// The rule's own identifier (`id`, `rule_id`), if it has one.
    public var id: String?
    /// The rule's title or name.
    public var title: String
    /// The declared status, lower-cased (`stable`, `test`, `experimental`, `deprecated`,
    /// `unsupported`, `production`, `available`, a CSV `state`...). Sigma rules under a
    /// `deprecated/` folder are `deprecated` whatever they declare.
    public var status: String?
    /// Level or severity, lower-cased (`informational`, `low`, `medium`, `high`, `critical`).
    public var level: String?
    /// Whether the rule is switched on, when the format says so.
    public var enabled: Bool?
    /// Elastic `metadata.maturity` (`production`, `development`, `deprecated`).
    public var maturity: String?
    /// Technique and sub-technique IDs, normalised (`T1059`, `T1059.001`), unique, in the
    /// order the rule names them.
    public var techniqueIDs: [String]
    /// Tactic shortnames, hyphenated and lower-case (`defense-evasion`), unique.
    public var tactics: [String]
    /// Tactic IDs (`TA0005`) where the format gives them (Elastic).
    public var tacticIDs: [String]
    /// Group IDs (`G0016`) from tags.
    public var groupIDs: [String]
    /// Software IDs (`S0154`) from tags.
    public var softwareIDs: [String]
    /// What telemetry the rule reads.
    public var logSource: RuleLogSource
    /// The rule's tags exactly as written (Sigma and Elastic `tags`, Splunk `mitre_attack_id`,
    /// Sentinel `tactics` and `relevantTechniques`, CSV technique tokens).
    public var tags: [String]
    /// The line of the tag naming each technique ID, where the format gives one (Sigma `tags`,
    /// Splunk `mitre_attack_id`), so findings about an ID point at it rather than the rule.
    public var tagLines: [String: Int]?

    /// Creates a rule; parsers fill it in, tests build it directly.
    public init(
        format: RuleFormat, path: String, line: Int, id: String? = nil, title: String,
        status: String? = nil, level: String? = nil, enabled: Bool? = nil, maturity: String? = nil,
        techniqueIDs: [String] = [], tactics: [String] = [], tacticIDs: [String] = [],
        groupIDs: [String] = [], softwareIDs: [String] = [],
        logSource: RuleLogSource = .unknown, tags: [String] = []
    ) {
        self.format = format
        self.path = path
        self.line = line
        self.id = id
        self.title = title
        self.status = status
        self.level = level
        self.enabled = enabled
        self.maturity = maturity
        self.techniqueIDs = techniqueIDs
        self.tactics = tactics
        self.tacticIDs = tacticIDs
        self.groupIDs = groupIDs
        self.softwareIDs = softwareIDs
        self.logSource = logSource
        self.tags = tags
    }

    /// True when the rule names at least one technique or sub-technique.
    public var hasTechniques: Bool { !techniqueIDs.isEmpty }

    /// True when the rule names tactics but no technique: such tags never count as coverage.
    public var isTacticOnly: Bool { techniqueIDs.isEmpty && !tactics.isEmpty }

    /// True when the rule carries no ATT&CK technique or tactic at all.
    public var isUntagged: Bool { techniqueIDs.isEmpty && tactics.isEmpty }

    /// True when the rule is retired: status `deprecated` or `unsupported`, or Elastic maturity
    /// `deprecated`.
    public var isDeprecated: Bool {
        status == "deprecated" || status == "unsupported" || maturity == "deprecated"
    }
}

/// The detection-content formats ttpkit reads.
public enum RuleFormat: String, Sendable, Hashable, Codable, CaseIterable, Comparable, CustomStringConvertible {
    /// Sigma YAML, including multi-document rule collections.
    case sigma
    /// Elastic detection-rules TOML.
    case elastic
    /// Splunk security_content detection YAML.
    case splunk
    /// Microsoft Sentinel analytic rule YAML.
    case sentinel
    /// A spreadsheet of use cases exported as CSV.
    case csv

    public var description: String { rawValue }

    public static func < (lhs: RuleFormat, rhs: RuleFormat) -> Bool {
        allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
    }
}

/// The telemetry a rule reads, in the words of its own format.
///
/// Sigma fills `product`, `category` and `service`; Splunk fills `dataSources`
/// (`Sysmon EventID 1`); Sentinel fills `dataSources` with its connectors' data types and
/// `connectors`; Elastic fills `indexes` and `dataSources` (its `Data Source:` tags and
/// `metadata.integration`).
public struct RuleLogSource: Sendable, Hashable, Codable {
    /// Sigma `logsource.product` (`windows`), lower-cased.
    public var product: String?
    /// Sigma `logsource.category` (`process_creation`), lower-cased.
    public var category: String?
    /// Sigma `logsource.service` (`security`, `sysmon`), lower-cased.
    public var service: String?
    /// Named data sources as the format writes them.
    public var dataSources: [String] = []
    /// Elastic index patterns (`logs-endpoint.events.process-*`).
    public var indexes: [String] = []
    /// Sentinel `requiredDataConnectors[].connectorId`.
    public var connectors: [String] = []

    /// Nothing known about the telemetry (a rule's log source until its parser fills it in).
    public static let unknown = RuleLogSource()

    /// True when nothing is known about the telemetry the rule reads.
    public var isEmpty: Bool {
        product == nil && category == nil && service == nil && dataSources.isEmpty
            && indexes.isEmpty && connectors.isEmpty
    }
}
