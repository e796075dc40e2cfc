/// Reads use cases kept in a spreadsheet and exported as CSV (RFC 4180).
///
/// The first record is the header; fields are separated by `,` (or `;` or tab when the
/// header uses those, as spreadsheets in some locales export). Columns are found by name, ignoring case, spaces and
/// punctuation:
/// - title: `rule name`, `name`, `title`, `rule`, `use case`, `use case name`, `detection`
/// - techniques: any header containing `technique`, or `mitre`, `mitre attack`, `att&ck`,
///   `attack id`, `mitre_attack_id`, `ttp`, `ttps`; IDs separated by `;`, `,`, `|` or blanks
/// - optional: `state` / `status` / `enabled` / `active`, `id` / `rule id`, `severity` /
///   `level`, `tactic` / `tactics`
///
/// A state such as `enabled`, `active`, `yes`, `production` sets `enabled` to true; `disabled`,
/// `inactive`, `no`, `off` sets it to false. A file whose header has no title or no technique
/// column is not a rule list and yields one error.
///
/// ```swift
/// let result = CSVRuleParser.parse(text: """
///     Rule Name,Techniques,State
///     Encoded PowerShell,"T1059.001; T1027",Enabled
///     """, path: "usecases.csv")
/// result.rules[0].techniqueIDs   // ["T1059.001", "T1027"]
/// result.rules[0].enabled        // true
/// ```
public enum CSVRuleParser {
    /// Parses the text of one CSV file.
    public static func parse(text: String, path: String) -> RuleParseResult {
        let records: [CSVRecord]
        switch CSVReader.records(text) {
        case .failure(let error): return .failure(path, line: error.line, error.reason)
        case .success(let parsed): records = parsed
        }
        guard let header = records.first else { return .failure(path, line: 1, "empty CSV file") }
        let columns = Columns(header.fields)
        guard let titleColumn = columns.title else {
            return .failure(path, line: header.line, "CSV header has no rule name column (rule name, name, title, use case)")
        }
        guard let techniqueColumn = columns.techniques else {
            return .failure(path, line: header.line, "CSV header has no technique column (techniques, technique IDs, MITRE ATT&CK)")
        }
        var result = RuleParseResult()
        for record in records.dropFirst() {
            if record.fields.allSatisfy({ $0.trimmingBlanks().isEmpty }) { continue }
            func field(_ index: Int?) -> String? {
                guard let index, index < record.fields.count else { return nil }
                let value = record.fields[index].trimmingBlanks()
                return value.isEmpty ? nil : value
            }
            guard let rawTitle = field(titleColumn) else {
                result.issues.append(RuleIssue(path: path, line: record.line, reason: "rule has no title (empty \(header.fields[titleColumn]) field)"))
                continue
            }
            let title = RuleText.cleaned(rawTitle, field: "title", path: path, line: record.line, issues: &result.issues)
            let tokens = splitList(field(techniqueColumn) ?? "")
            let state = field(columns.state)
            var rule = DetectionRule(
                format: .csv, path: path, line: record.line, id: field(columns.id), title: title,
                status: state?.lowercased(), level: field(columns.level)?.lowercased(),
                enabled: state.flatMap(enabledState), tags: tokens)
            rule.techniqueIDs = TechniqueIDList.ids(
                tokens, path: path, line: record.line, field: header.fields[techniqueColumn], issues: &result.issues)
            rule.tactics = splitList(field(columns.tactics) ?? "", blanks: false)
                .compactMap(ATTACKIdentifiers.tacticShortname).uniqued()
            result.rules.append(rule)
        }
        return result
    }

    /// Splits a list field on `;`, `,`, `|` and (when `blanks`) spaces.
    static func splitList(_ text: String, blanks: Bool = true) -> [String] {
        text.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "|" || $0 == "\n" || (blanks && ($0 == " " || $0 == "\t")) })
            .map { String($0).trimmingBlanks() }
            .filter { !$0.isEmpty }
    }

    static func enabledState(_ state: String) -> Bool? {
        switch state.lowercased() {
        case "enabled", "enable", "active", "on", "yes", "y", "true", "1", "production", "live", "deployed": return true
        case "disabled", "disable", "inactive", "off", "no", "n", "false", "0", "retired": return false
        default: return nil
        }
    }

    /// True when a CSV header names a title and a technique column.
    static func recognises(_ text: String) -> Bool {
        guard case .success(let records) = CSVReader.records(text, limit: 1), let header = records.first else { return false }
        let columns = Columns(header.fields)
        return columns.title != nil && columns.techniques != nil
    }

    /// Which header column holds what.
    struct Columns {
        var title: Int?
        var techniques: Int?
        var state: Int?
        var id: Int?
        var level: Int?
        var tactics: Int?

        init(_ header: [String]) {
            for (index, name) in header.enumerated() {
                let key = String(name.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil })
                switch key {
                case "rulename", "name", "title", "rule", "usecase", "usecasename", "detection", "detectionname", "ruletitle":
                    if title == nil { title = index }
                case "state", "status", "enabled", "active":
                    if state == nil { state = index }
                case "id", "ruleid", "usecaseid":
                    if id == nil { id = index }
                case "severity", "level", "priority":
                    if level == nil { level = index }
                case "tactic", "tactics", "mitretactic", "mitretactics":
                    if tactics == nil { tactics = index }
                case "mitre", "mitreattack", "attck", "mitreattck", "attackid", "attackids", "mitreid", "mitreids",
                     "mitreattackid", "mitreattackids", "ttp", "ttps":
                    if techniques == nil { techniques = index }
                default:
                    if key.contains("technique"), techniques == nil { techniques = index }
                }
            }
        }
    }
}

/// One CSV record and the line it starts on.
struct CSVRecord: Equatable {
    var fields: [String]
    var line: Int
}

/// An RFC 4180 reader: quoted fields may hold separators, doubled quotes and line breaks;
/// CRLF and LF both end records.
enum CSVReader {
    struct Failure: Error, Equatable {
        var line: Int
        var reason: String
    }

    /// The field separator: whichever of `,`, `;` and tab is most frequent in the first line
    /// (spreadsheets in some locales export with `;`), `,` on a tie.
    static func delimiter(of text: String) -> Unicode.Scalar {
        let firstLine = text.unicodeScalars.prefix { $0 != "\n" && $0 != "\r" }
        var counts: [Unicode.Scalar: Int] = [",": 0, ";": 0, "\t": 0]
        for scalar in firstLine where counts[scalar] != nil { counts[scalar, default: 0] += 1 }
        let comma = counts[","] ?? 0
        if let best = counts.max(by: { $0.value < $1.value }), best.value > comma { return best.key }
        return ","
    }

    static func records(_ text: String, limit: Int = .max) -> Result<[CSVRecord], Failure> {
        let separator = delimiter(of: text)
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field = ""
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var quoteLine = 1
        var fieldWasQuoted = false
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func next() -> Unicode.Scalar? {
            if let scalar = pending { pending = nil; return scalar }
            return iterator.next()
        }
        func endRecord() {
            fields.append(field)
            if !(fields.count == 1 && fields[0].isEmpty && !fieldWasQuoted) {
                records.append(CSVRecord(fields: fields, line: recordLine))
            }
            fields = []
            field = ""
            fieldWasQuoted = false
        }

        while let scalar = next() {
            if records.count >= limit { break }
            if inQuotes {
                if scalar == "\"" {
                    if let following = next() {
                        if following == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; pending = following }
                    } else {
                        inQuotes = false
                    }
                } else {
                    if scalar == "\n" { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            switch scalar {
            case "\"":
                if field.isEmpty && !fieldWasQuoted {
                    inQuotes = true
                    fieldWasQuoted = true
                    quoteLine = line
                } else {
                    field.unicodeScalars.append(scalar)
                }
            case separator:
                fields.append(field)
                field = ""
                fieldWasQuoted = false
            case "\r":
                if let following = next(), following != "\n" { pending = following }
                endRecord()
                line += 1
                recordLine = line
            case "\n":
                endRecord()
                line += 1
                recordLine = line
            default:
                field.unicodeScalars.append(scalar)
            }
        }
        if inQuotes {
            return .failure(Failure(line: quoteLine, reason: "invalid CSV: quoted field never closed"))
        }
        if records.count < limit && (!field.isEmpty || !fields.isEmpty || fieldWasQuoted) { endRecord() }
        return .success(records)
    }
}
