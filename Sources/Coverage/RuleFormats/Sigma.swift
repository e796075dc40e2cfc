import Yams

/// Reads Sigma rules (YAML), including multi-document rule collections.
///
/// What is read: `title` (required), `id`, `status`, `level`, `tags` (`attack.t1059.001`
/// techniques, `attack.execution` / `attack.defense_evasion` tactics, `attack.g0016` groups,
/// `attack.s0154` software) and `logsource` (`product`, `category`, `service`). Rules in a
/// folder named `deprecated` get status `deprecated`, as SigmaHQ moves retired rules there.
///
/// Collections: documents separated by `---` are separate rules. A document with
/// `action: global` supplies fields merged into every later document, `action: reset` drops
/// them, and `action: repeat` repeats the previous rule with the document's fields changed.
///
/// ```swift
/// let result = SigmaParser.parse(text: """
///     title: Whoami
///     tags: [attack.discovery, attack.t1033]
///     logsource: {product: windows, category: process_creation}
///     detection: {sel: {Image|endswith: '\\whoami.exe'}, condition: sel}
///     """, path: "whoami.yml")
/// result.rules[0].techniqueIDs   // ["T1033"]
/// ```
public enum SigmaParser {
    /// Parses the text of one Sigma file.
    public static func parse(text: String, path: String) -> RuleParseResult {
        YAMLSupport.parse(text, path: path, documents: parse(documents:path:))
    }

    /// Parses already composed YAML documents of one file.
    static func parse(documents: [Node], path: String) -> RuleParseResult {
        var result = RuleParseResult()
        var global: Node?
        var previous: Node?
        let inDeprecatedFolder = path.split(separator: "/").dropLast().contains("deprecated")
        for document in documents {
            guard case .mapping = document else {
                result.issues.append(RuleIssue(
                    path: path, line: document.line, reason: "Sigma document is not a mapping"))
                continue
            }
            let merged: Node
            switch document.text("action")?.lowercased() {
            case "global":
                global = document.removing("action")
                continue
            case "reset":
                global = nil
                continue
            case "repeat":
                guard let base = previous else {
                    result.issues.append(RuleIssue(
                        path: path, line: document.line,
                        reason: "action: repeat with no previous rule to repeat"))
                    continue
                }
                merged = base.merging(document.removing("action"))
            default:
                merged = global.map { $0.merging(document) } ?? document
            }
            previous = merged
            if let rule = rule(from: merged, line: document.line ?? 1, path: path,
                               deprecated: inDeprecatedFolder, issues: &result.issues) {
                result.rules.append(rule)
            }
        }
        return result
    }

    static func rule(
        from node: Node, line: Int, path: String, deprecated: Bool, issues: inout [RuleIssue]
    ) -> DetectionRule? {
        guard let rawTitle = node.text("title") else {
            issues.append(RuleIssue(path: path, line: line, reason: "rule has no title"))
            return nil
        }
        let title = RuleText.cleaned(rawTitle, field: "title", path: path, line: node.value("title")?.line ?? line, issues: &issues)
        let items = node.stringItems("tags", path: path, strict: true, issues: &issues)
        var rule = DetectionRule(
            format: .sigma, path: path, line: line, id: node.text("id"), title: title,
            status: deprecated ? "deprecated" : node.text("status")?.lowercased(),
            level: node.text("level")?.lowercased(), tags: items.map(\.text))
        var tagLines: [String: Int] = [:]
        for (tag, tagLine) in items {
            if let expected = RuleText.malformedTag(tag) {
                issues.append(RuleIssue(path: path, line: tagLine ?? line,
                                        reason: "tag '\(tag.prefix(60))' is not \(expected); ignored", severity: .warning))
                continue
            }
            switch ATTACKTag(sigmaTag: tag) {
            case .technique(let id)?:
                rule.techniqueIDs.append(id)
                if tagLines[id] == nil, let tagLine { tagLines[id] = tagLine }
            case .tactic(let name)?: rule.tactics.append(name)
            case .group(let id)?: rule.groupIDs.append(id)
            case .software(let id)?: rule.softwareIDs.append(id)
            case .other?, nil: break
            }
        }
        rule.techniqueIDs = rule.techniqueIDs.uniqued()
        rule.tagLines = tagLines.isEmpty ? nil : tagLines
        rule.tactics = rule.tactics.uniqued()
        rule.groupIDs = rule.groupIDs.uniqued()
        rule.softwareIDs = rule.softwareIDs.uniqued()
        if let logsource = node.value("logsource") {
            rule.logSource = RuleLogSource(
                product: logsource.text("product")?.lowercased(),
                category: logsource.text("category")?.lowercased(),
                service: logsource.text("service")?.lowercased())
        }
        return rule
    }

    /// True when a YAML document looks like a Sigma rule or collection header.
    static func recognises(_ document: Node) -> Bool {
        document.value("logsource") != nil || document.value("detection") != nil
            || document.value("correlation") != nil
            || (document.text("action") != nil && document.value("title") != nil)
    }
}

extension Node {
    /// The mapping without `key`.
    func removing(_ key: String) -> Node {
        guard case .mapping(let mapping) = self else { return self }
        let pairs = mapping.filter { $0.key.scalar?.string != key }.map { ($0.key, $0.value) }
        return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    }

    /// The mapping with `overlay`'s keys laid over this one's; nested mappings merge, every
    /// other value is replaced.
    func merging(_ overlay: Node) -> Node {
        guard case .mapping(let base) = self, case .mapping(let top) = overlay else { return overlay }
        var pairs: [(Node, Node)] = []
        var used = Set<String>()
        for pair in base {
            let key = pair.key.scalar?.string ?? ""
            if let replacement = overlay.value(key) {
                used.insert(key)
                pairs.append((pair.key, pair.value.merging(replacement)))
            } else {
                pairs.append((pair.key, pair.value))
            }
        }
        for pair in top where !used.contains(pair.key.scalar?.string ?? "") {
            pairs.append((pair.key, pair.value))
        }
        return .mapping(Node.Mapping(pairs, top.tag, top.style, top.mark))
    }
}
