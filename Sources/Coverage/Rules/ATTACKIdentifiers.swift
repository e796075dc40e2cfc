/// Normalises the ways rule formats write ATT&CK identifiers and tactic names.
///
/// ```swift
/// ATTACKIdentifiers.techniqueID("attack.t1059.001")    // "T1059.001"
/// ATTACKIdentifiers.tacticShortname("defense_evasion")  // "defense-evasion"
/// ATTACKIdentifiers.tacticShortname("DefenseEvasion")   // "defense-evasion"
/// ATTACKIdentifiers.tacticShortname("Command and Control") // "command-and-control"
/// ```
///
/// Tactic names are never checked against a fixed list here: releases rename and split
/// tactics, so whether a shortname exists is a question for the loaded knowledge base.
public enum ATTACKIdentifiers {
    /// `T1059` or `T1059.001` (any case, optional `attack.` prefix, surrounding blanks) in
    /// canonical form, or nil when the text is not a technique ID.
    public static func techniqueID(_ text: String) -> String? {
        let body = stripPrefix(text)
        let bytes = Array(body.utf8)
        guard bytes.count == 5 || bytes.count == 9, bytes[0] | 0x20 == UInt8(ascii: "t") else { return nil }
        guard bytes[1...4].allSatisfy(isDigit) else { return nil }
        if bytes.count == 9 {
            guard bytes[5] == UInt8(ascii: "."), bytes[6...8].allSatisfy(isDigit) else { return nil }
        }
        return "T" + String(decoding: bytes[1...], as: UTF8.self)
    }

    /// A prefixed ID such as `G0016` (prefix `G`) or `S0154` (prefix `S`) in canonical form, or
    /// nil when the text is not one.
    public static func objectID(_ text: String, prefix: String) -> String? {
        let body = stripPrefix(text)
        let upper = body.uppercased()
        guard upper.hasPrefix(prefix) else { return nil }
        let digits = upper.dropFirst(prefix.count)
        guard digits.count == 4, digits.utf8.allSatisfy(isDigit) else { return nil }
        return upper
    }

    /// The hyphenated lower-case shortname for a tactic written as a Sigma tag
    /// (`attack.defense_evasion`), a display name (`Defense Evasion`) or CamelCase
    /// (`DefenseEvasion`, as Sentinel writes it); nil for text that cannot be a tactic name.
    public static func tacticShortname(_ text: String) -> String? {
        let body = stripPrefix(text)
        guard !body.isEmpty else { return nil }
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for scalar in body.unicodeScalars {
            if scalar == "_" || scalar == "-" || scalar == " " {
                if !current.isEmpty { words.append(current); current = "" }
                previousWasLower = false
                continue
            }
            let isUpper = scalar.properties.isUppercase
            guard scalar.properties.isAlphabetic else { return nil }
            if isUpper && previousWasLower && !current.isEmpty {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(scalar)
            previousWasLower = !isUpper
        }
        if !current.isEmpty { words.append(current) }
        guard !words.isEmpty else { return nil }
        return words.map { $0.lowercased() }.joined(separator: "-")
    }

    /// A tactic ID such as `TA0005` in canonical form, or nil.
    public static func tacticID(_ text: String) -> String? { objectID(text, prefix: "TA") }

    /// The tactic ID at the end of an ATT&CK tactic URL
    /// (`https://attack.mitre.org/tactics/TA0005/`), or nil.
    public static func tacticID(fromReference reference: String) -> String? {
        let parts = reference.split(separator: "/")
        guard let last = parts.last else { return nil }
        return tacticID(String(last))
    }

    static func stripPrefix(_ text: String) -> Substring {
        var body = text.trimmingBlanks()[...]
        if body.count > 7, body.prefix(7).lowercased() == "attack." { body = body.dropFirst(7) }
        return body
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}

/// The meaning of one Sigma-style `attack.*` tag.
enum ATTACKTag: Equatable {
    case technique(String)
    case tactic(String)
    case group(String)
    case software(String)
    /// An `attack.` tag of another kind (`attack.ds0005`, `attack.c0001`).
    case other

    /// Classifies a tag; nil when the tag is not in the `attack` namespace.
    init?(sigmaTag tag: String) {
        let trimmed = tag.trimmingBlanks()
        guard trimmed.count > 7, trimmed.prefix(7).lowercased() == "attack." else { return nil }
        let body = String(trimmed.dropFirst(7))
        if let id = ATTACKIdentifiers.techniqueID(body) {
            self = .technique(id)
        } else if let id = ATTACKIdentifiers.objectID(body, prefix: "G") {
            self = .group(id)
        } else if let id = ATTACKIdentifiers.objectID(body, prefix: "S") {
            self = .software(id)
        } else if body.unicodeScalars.contains(where: { $0.properties.numericType != nil }) {
            self = .other
        } else if let name = ATTACKIdentifiers.tacticShortname(body) {
            self = .tactic(name)
        } else {
            self = .other
        }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and newlines.
    func trimmingBlanks() -> String {
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[start...end])
    }
}

extension Array where Element: Hashable {
    /// The elements without repeats, first occurrence kept.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
