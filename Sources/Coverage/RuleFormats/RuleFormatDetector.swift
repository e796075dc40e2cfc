import Yams

/// Decides which parser reads a file, from its extension and its content, and runs it.
///
/// - `.toml` with a `[rule]` table: Elastic (invalid TOML is reported as Elastic's).
/// - `.csv` whose header names a rule and a technique column: CSV.
/// - `.yml` / `.yaml`: Sigma when a document has `logsource` or `detection` (or is an
///   `action:` collection header); Sentinel when it has `relevantTechniques` or
///   `queryFrequency`; Splunk when it has `tags.mitre_attack_id` or `search`. A YAML file with a
///   `title` and `tags` but none of these is read as a (broken) Sigma rule so its problems are
///   reported.
///
/// Files that are none of these are "not rules": skipped when met in a directory walk,
/// reported as an error when named on their own.
public enum RuleFormatDetector {
    /// The outcome of reading one file.
    public enum Outcome: Sendable, Hashable {
        /// The file is detection content of `format`; `result` holds its rules and issues.
        case parsed(RuleFormat, RuleParseResult)
        /// The file is not detection content, for the reason given.
        case notRules(String)
    }

    /// The extensions the scanner reads as possible detection content.
    public static let ruleExtensions: Set<String> = ["yml", "yaml", "toml", "csv"]

    /// Detects the format of `text` (read from `path`) and parses it.
    public static func parse(text: String, path: String) -> Outcome {
        switch fileExtension(path) {
        case "toml":
            return ElasticParser.read(text: text, path: path)
        case "csv":
            guard CSVRuleParser.recognises(text) else { return .notRules("CSV header names no rule and technique columns") }
            return .parsed(.csv, CSVRuleParser.parse(text: text, path: path))
        default:
            return parseYAML(text: text, path: path)
        }
    }

    static func parseYAML(text: String, path: String) -> Outcome {
        let (documents, problems) = YAMLSupport.documentsRecovering(text, path: path)
        // Unparseable YAML in a rule folder is reported, not skipped: it is most likely a rule.
        func with(_ format: RuleFormat, _ result: RuleParseResult) -> Outcome {
            var result = result
            result.issues = problems + result.issues
            return .parsed(format, result)
        }
        if documents.contains(where: SigmaParser.recognises) {
            return with(.sigma, SigmaParser.parse(documents: documents, path: path))
        }
        if documents.contains(where: SentinelParser.recognises) {
            return with(.sentinel, SentinelParser.parse(documents: documents, path: path))
        }
        if documents.contains(where: SplunkParser.recognises) {
            return with(.splunk, SplunkParser.parse(documents: documents, path: path))
        }
        if documents.contains(where: { $0.value("tags") != nil && ($0.value("title") != nil || $0.value("id") != nil) }) {
            return with(.sigma, SigmaParser.parse(documents: documents, path: path))
        }
        if !problems.isEmpty { return with(guessFormat(path: path), RuleParseResult()) }
        return .notRules("YAML that is not a Sigma, Splunk or Sentinel rule")
    }

    /// The format a file of this name most likely holds, for reporting unreadable files.
    static func guessFormat(path: String) -> RuleFormat {
        switch fileExtension(path) {
        case "toml": return .elastic
        case "csv": return .csv
        default: return .sigma
        }
    }

    /// The lower-cased extension of the last path component, or "".
    static func fileExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
