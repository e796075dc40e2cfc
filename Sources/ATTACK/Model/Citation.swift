import STIX

/// A source cited in ATT&CK text: `(Citation: Mandiant No Easy Breach)` resolved to its
/// reference's URL and description.
public struct Citation: Sendable, Hashable, Codable {
    public var sourceName: String
    public var url: String?
    public var description: String?

    public init(sourceName: String, url: String? = nil, description: String? = nil) {
        self.sourceName = sourceName
        self.url = url
        self.description = description
    }

    /// The citations in `text`, in order of first mention; names with no matching reference
    /// are kept with no URL so nothing cited is lost.
    public static func cited(in text: String, references: [ExternalReference]) -> [Citation] {
        var seen = Set<String>()
        var result: [Citation] = []
        for name in citationNames(in: text) where seen.insert(name).inserted {
            let ref = references.first { $0.sourceName == name }
            result.append(Citation(sourceName: name, url: ref?.url, description: ref?.description))
        }
        return result
    }

    /// The names inside `(Citation: …)` markers.
    public static func citationNames(in text: String) -> [String] {
        var names: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "(Citation:") {
            guard let close = rest[open.upperBound...].firstIndex(of: ")") else { break }
            names.append(rest[open.upperBound..<close].trimmingCharacters(in: .whitespaces))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }

    /// `text` with its `(Citation: …)` markers removed and spaces tidied.
    public static func stripped(_ text: String) -> String {
        var out = ""
        var rest = text[...]
        while let open = rest.range(of: "(Citation:") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].firstIndex(of: ")") else {
                rest = rest[rest.endIndex...]
                break
            }
            rest = rest[rest.index(after: close)...]
        }
        out += rest
        while out.contains("  ") { out = out.replacingOccurrences(of: "  ", with: " ") }
        return out.replacingOccurrences(of: " .", with: ".").trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

import Foundation
