import Yams

/// Reading YAML rule files with Yams: documents with line numbers, and lenient field access
/// that turns type mistakes into issues instead of failures.
enum YAMLSupport {
    /// Every non-empty document of `text`, or the issue that stopped the parser (with its line).
    static func documents(_ text: String, path: String) -> Result<[Node], RuleIssue> {
        do {
            // The basic resolver types every plain scalar as a string: Yams hashes every mapping
            // key to find duplicates, and the default resolver's regular expressions made that
            // the largest single cost of a scan. Types are resolved where they matter
            // (`isStringScalar`). The encoding is given: Yams's default reads the process
            // environment on every parser (a tenth of a SigmaHQ scan).
            let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
            var documents: [Node] = []
            while let node = try parser.nextRoot() {
                if case .scalar(let scalar) = node, scalar.string.isEmpty { continue }
                documents.append(node)
            }
            return .success(documents)
        } catch let error as YamlError {
            return .failure(issue(for: error, path: path))
        } catch {
            return .failure(RuleIssue(path: path, reason: "invalid YAML: \(error)"))
        }
    }

    /// The first document of `text` (nil for an empty file), or the issue that stopped the parser.
    static func firstDocument(_ text: String, path: String) throws(RuleIssue) -> Node? {
        switch documents(text, path: path) {
        case .success(let documents): return documents.first
        case .failure(let issue): throw issue
        }
    }

    /// Like ``documents(_:path:)``, but one bad document of a multi-document file does not
    /// lose the others: when the whole file fails, each `---` document is read on its own and
    /// every one that fails becomes an issue at its line. A document is read behind as many
    /// blank lines as precede it (so its line numbers are the file's), which costs up to the
    /// file's length per document: files of more than `maximumRecoveredDocuments` documents, or
    /// whose blank lines would add up to more than `recoveryBudget` times the file, are not
    /// split (a 16 MiB file of blank lines ending in 500 documents would otherwise be read as
    /// 8 GB of text).
    static func documentsRecovering(_ text: String, path: String) -> (documents: [Node], issues: [RuleIssue]) {
        let whole: RuleIssue
        switch documents(text, path: path) {
        case .success(let parsed): return (parsed, [])
        case .failure(let issue): whole = issue
        }
        let parts = split(text)
        guard parts.count > 1, parts.count <= maximumRecoveredDocuments,
              parts.reduce(0, { $0 + $1.line - 1 }) <= recoveryBudget * text.utf8.count else { return ([], [whole]) }
        var parsed: [Node] = []
        var issues: [RuleIssue] = []
        for part in parts {
            // Blank lines in front keep the line numbers of the whole file.
            switch documents(String(repeating: "\n", count: part.line - 1) + part.text, path: path) {
            case .success(let nodes): parsed += nodes
            case .failure(let issue): issues.append(issue)
            }
        }
        return (parsed, issues)
    }

    /// The result of a YAML rule format's `parse(documents:path:)` over `text`, after the
    /// issues of the documents that could not be read.
    static func parse(
        _ text: String, path: String, documents parse: ([Node], String) -> RuleParseResult
    ) -> RuleParseResult {
        let read = documentsRecovering(text, path: path)
        var result = parse(read.documents, path)
        result.issues = read.issues + result.issues
        return result
    }

    /// The rules of a format with one rule a document (Sentinel, Splunk): a document that is
    /// not a mapping (`"<kind> is not a mapping"`) or has no title under one of `titleKeys`
    /// becomes an issue; `rule` builds the others from the document, the cleaned title and the
    /// document's line.
    static func rules(
        in documents: [Node], path: String, kind: String, titleKeys: [String],
        rule: (Node, _ title: String, _ line: Int, _ issues: inout [RuleIssue]) -> DetectionRule
    ) -> RuleParseResult {
        var result = RuleParseResult()
        for document in documents {
            let line = document.line ?? 1
            guard case .mapping = document else {
                result.issues.append(RuleIssue(path: path, line: line, reason: "\(kind) is not a mapping"))
                continue
            }
            guard let key = titleKeys.first(where: { document.text($0) != nil }), let rawTitle = document.text(key) else {
                result.issues.append(RuleIssue(path: path, line: line, reason: "rule has no title (\(titleKeys[0]))"))
                continue
            }
            let title = RuleText.cleaned(
                rawTitle, field: key, path: path, line: document.value(key)?.line ?? line, issues: &result.issues)
            result.rules.append(rule(document, title, line, &result.issues))
        }
        return result
    }

    /// The most documents a failed file is split into to save the good ones.
    static let maximumRecoveredDocuments = 500

    /// The most blank lines the documents of a failed file are read behind, in multiples of its size.
    static let recoveryBudget = 8

    /// The documents of `text` at its `---` markers, with the line each starts on.
    static func split(_ text: String) -> [(line: Int, text: Substring)] {
        var parts: [(line: Int, text: Substring)] = []
        var start = text.startIndex
        var startLine = 1
        var line = 1
        var index = text.startIndex
        while index < text.endIndex {
            let lineEnd = text[index...].firstIndex(of: "\n") ?? text.endIndex
            let content = text[index..<lineEnd]
            if line > 1, content == "---" || content.hasPrefix("--- ") || content == "---\r" {
                parts.append((startLine, text[start..<index]))
                start = index
                startLine = line
            }
            index = lineEnd < text.endIndex ? text.index(after: lineEnd) : lineEnd
            line += 1
        }
        parts.append((startLine, text[start...]))
        return parts
    }

    /// Converts a Yams error into an issue with the line it names.
    static func issue(for error: YamlError, path: String) -> RuleIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            let detail = context.map { "\(problem) \($0.text)" } ?? problem
            return RuleIssue(path: path, line: mark.line, reason: "invalid YAML: \(detail)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return RuleIssue(
                path: path, line: context.mark.line,
                reason: "invalid YAML: duplicated keys \(duplicates.joined(separator: ", "))")
        case let .reader(problem, _, _, _):
            return RuleIssue(path: path, reason: "not UTF-8 text: \(problem)")
        default:
            return RuleIssue(path: path, reason: "invalid YAML: \(error)")
        }
    }
}

extension Node {
    /// The value for `key` in a mapping, compared as plain text (no tag resolution).
    func value(_ key: String) -> Node? {
        guard case .mapping(let mapping) = self else { return nil }
        for pair in mapping where pair.key.scalar?.string == key { return pair.value }
        return nil
    }

    /// The value at a dotted path of mapping keys (`["tags", "mitre_attack_id"]`).
    func value(_ keys: [String]) -> Node? {
        var node: Node? = self
        for key in keys { node = node?.value(key) }
        return node
    }

    /// The 1-based line of the node, when known.
    var line: Int? { mark?.line }

    /// True for a scalar that YAML reads as null (`~`, `null`, empty).
    var isNull: Bool {
        guard case .scalar(let scalar) = self else { return false }
        guard scalar.style == .plain || scalar.style == .any else { return false }
        return scalar.string.isEmpty || scalar.string == "~" || scalar.string.lowercased() == "null"
    }

    /// The text of a non-null scalar, trimmed; nil for mappings, sequences, null and blanks.
    var text: String? {
        guard case .scalar(let scalar) = self, !isNull else { return nil }
        let trimmed = scalar.string.trimmingBlanks()
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The text of `key`'s scalar value.
    func text(_ key: String) -> String? { value(key)?.text }

    /// A boolean scalar (`true`/`false`, `yes`/`no`), or nil.
    var flag: Bool? {
        guard let text = text?.lowercased() else { return nil }
        switch text {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: return nil
        }
    }

    /// True when the scalar is typed as a string, not a number, boolean or null.
    var isStringScalar: Bool {
        guard case .scalar(let scalar) = self else { return false }
        if scalar.style != .plain && scalar.style != .any { return true }
        // Yams's rules are regular expressions, the costliest part of reading a tag list. A
        // plain scalar that starts with a letter can only be a YAML 1.1 boolean or null word
        // (integers, floats and timestamps start with a digit, sign or dot): answered here.
        let text = scalar.string
        if let first = text.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first | 0x20),
            !text.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D || $0 >= 0x80 }) {
            return !Self.wordScalars.contains(text)
        }
        return Resolver.default.resolveTag(of: self) == .str
    }

    /// The plain scalars starting with a letter that Yams's default resolver does not read as
    /// strings (its `bool` and `null` rules).
    private static let wordScalars: Set<String> = [
        "yes", "Yes", "YES", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    ]

    /// The strings of a list field (a single scalar counts as a one-element list).
    ///
    /// With `strict`, elements that are not strings (numbers, booleans, nested lists or maps)
    /// are left out and reported as warnings naming their line; without it, numbers and
    /// booleans are read as text.
    func strings(
        _ key: String, path: String, strict: Bool, field: String? = nil, issues: inout [RuleIssue]
    ) -> [String] {
        stringItems(key, path: path, strict: strict, field: field, issues: &issues).map(\.text)
    }

    /// Like `strings`, with the line of each element.
    func stringItems(
        _ key: String, path: String, strict: Bool, field: String? = nil, issues: inout [RuleIssue]
    ) -> [(text: String, line: Int?)] {
        guard let node = value(key), !node.isNull else { return [] }
        let name = field ?? key
        switch node {
        case .scalar:
            return node.text.map { [($0, node.line)] } ?? []
        case .sequence(let sequence):
            var result: [(text: String, line: Int?)] = []
            for (index, element) in sequence.enumerated() {
                if let text = element.text, !strict || element.isStringScalar {
                    result.append((text, element.line))
                } else if !element.isNull {
                    issues.append(RuleIssue(
                        path: path, line: element.line ?? node.line,
                        reason: "\(name)[\(index)] is not a string (\(element.kindName)); ignored",
                        severity: .warning))
                }
            }
            return result
        default:
            issues.append(RuleIssue(
                path: path, line: node.line,
                reason: "\(name) is not a list of strings (\(node.kindName)); ignored",
                severity: .warning))
            return []
        }
    }

    /// A short name for the node's kind, for messages.
    var kindName: String {
        switch self {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case .scalar:
            switch Resolver.default.resolveTag(of: self).rawValue {
            case Tag.Name.int.rawValue: return "an integer"
            case Tag.Name.float.rawValue: return "a number"
            case Tag.Name.bool.rawValue: return "a boolean"
            case Tag.Name.null.rawValue: return "null"
            case Tag.Name.timestamp.rawValue: return "a date"
            default: return "a scalar"
            }
        }
    }
}
