/// Checks on text read from rule files, so that nothing is lost or garbles a terminal silently:
/// control characters (a title cut at `\u0000`, escape sequences) and `attack.` tags that look
/// like ATT&CK IDs but are not (`attack.t1059.1`) each become a warning at their line.
///
/// ```swift
/// var issues: [RuleIssue] = []
/// RuleText.cleaned("Who\u{0}ami", field: "title", path: "r.yml", line: 1, issues: &issues)   // "Who\u{FFFD}ami"
/// RuleText.malformedTag("attack.t1059.1")   // "a technique ID (attack.t1234 or attack.t1234.001)"
/// ```
enum RuleText {
    /// `text` with every control character but tab and line breaks (a quoted CSV title may
    /// span lines) replaced by U+FFFD, adding a warning when there was one.
    static func cleaned(_ text: String, field: String, path: String, line: Int?, issues: inout [RuleIssue]) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        let codes = text.unicodeScalars.filter(isControl).prefix(3)
            .map { "U+" + String($0.value, radix: 16, uppercase: true).leftPadded(to: 4) }
        issues.append(RuleIssue(
            path: path, line: line,
            reason: "\(field) contains control characters (\(codes.joined(separator: ", "))); shown as \u{FFFD}",
            severity: .warning))
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isControl(scalar) ? "\u{FFFD}" : scalar) }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r") || (0x7F...0x9F).contains(scalar.value)
    }

    /// What an `attack.` tag seems to mean when it looks like an ATT&CK ID but is not a valid
    /// one (`attack.t1059.1`, `attack.g16`); nil for valid IDs, names and other tags.
    static func malformedTag(_ tag: String) -> String? {
        let trimmed = tag.trimmingBlanks().lowercased()
        guard trimmed.hasPrefix("attack.") else { return nil }
        let body = trimmed.dropFirst(7)
        let kinds: [(prefix: String, name: String, example: String)] = [
            ("t", "a technique ID", "attack.t1234 or attack.t1234.001"),
            ("g", "a group ID", "attack.g0001"), ("s", "a software ID", "attack.s0001"),
        ]
        for kind in kinds where body.hasPrefix(kind.prefix) {
            let rest = body.dropFirst(kind.prefix.count)
            guard let first = rest.first, first.isASCII, first.isNumber else { continue }
            let valid = kind.prefix == "t" ? ATTACKIdentifiers.techniqueID(String(body)) != nil
                : ATTACKIdentifiers.objectID(String(body), prefix: kind.prefix.uppercased()) != nil
            return valid ? nil : "\(kind.name) (\(kind.example))"
        }
        return nil
    }
}

extension String {
    /// The string with leading zeros up to `width` characters.
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
