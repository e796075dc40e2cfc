import ATTACK
import Foundation
import Yams

/// The three DeTT&CT administration file types, their versions, and what they have in common.
///
/// ttpkit reads technique-administration 1.1 and 1.2, data-source-administration 1.0 and 1.1,
/// group-administration 1.0 – 1.2 (DeTT&CT writes `version: 1`), and writes the current
/// versions (1.2, 1.1, 1.0). Any other version, or a file of another type, is an error naming
/// the file and the line of `version`.
public enum DeTTECTFileType: String, Sendable, Hashable, CaseIterable {
    /// Detection and visibility scores per technique.
    case techniqueAdministration = "technique-administration"
    /// Data sources collected, per system type.
    case dataSourceAdministration = "data-source-administration"
    /// Groups, campaigns and vendor reports with their techniques.
    case groupAdministration = "group-administration"

    /// Versions ttpkit reads.
    public var readableVersions: [String] {
        switch self {
        case .techniqueAdministration: ["1.1", "1.2"]
        case .dataSourceAdministration: ["1.0", "1.1"]
        case .groupAdministration: ["1.0", "1.1", "1.2"]
        }
    }

    /// The version ttpkit writes (DeTT&CT's current one).
    public var writtenVersion: String {
        switch self {
        case .techniqueAdministration: "1.2"
        case .dataSourceAdministration: "1.1"
        case .groupAdministration: "1.0"
        }
    }
}

/// A DeTT&CT administration file ttpkit reads (technique, data-source or group administration).
public protocol DeTTECTAdministrationFile: Sendable {
    /// Parses the text of a file.
    static func parse(text: String, path: String) throws(CoverageInputError) -> Self
}

extension DeTTECTAdministrationFile {
    /// Reads a file.
    public static func load(_ path: String) throws(CoverageInputError) -> Self {
        try parse(text: DeTTECTReader.text(path), path: path)
    }
}

/// Reading DeTT&CT YAML: the root mapping, its type and version.
enum DeTTECTReader {
    /// Reads a file's text.
    static func text(_ path: String) throws(CoverageInputError) -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoverageInputError(path: path, reason: "cannot read DeTT&CT file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CoverageInputError(path: path, reason: "DeTT&CT file is not UTF-8 text")
        }
        return text
    }

    /// The root mapping, checked to be of `type` and a readable version; returns it and the
    /// version as written (`1.0` for `1`).
    static func root(_ text: String, path: String, type: DeTTECTFileType) throws(CoverageInputError) -> (node: Node, version: String) {
        let document: Node?
        do { document = try YAMLSupport.firstDocument(text, path: path) } catch {
            throw CoverageInputError(path: path, line: error.line, reason: error.reason)
        }
        guard let root = document, case .mapping = root else {
            throw CoverageInputError(path: path, line: 1, reason: "not a DeTT&CT \(type.rawValue) file (no top-level mapping)")
        }
        if let fileType = root.text("file_type"), fileType != type.rawValue {
            throw CoverageInputError(path: path, line: root.value("file_type")?.line, reason: "this is a DeTT&CT \(fileType) file, not \(type.rawValue)")
        }
        guard let raw = root.text("version") else {
            throw CoverageInputError(path: path, line: root.line, reason: "DeTT&CT \(type.rawValue) file has no 'version'")
        }
        let version = raw.contains(".") ? raw : raw + ".0"
        guard type.readableVersions.contains(version) else {
            throw CoverageInputError(
                path: path, line: root.value("version")?.line,
                reason: "unsupported \(type.rawValue) version \(raw) (ttpkit reads \(type.readableVersions.joined(separator: ", ")); upgrade the file with DeTT&CT)")
        }
        return (root, version)
    }

    /// The `domain` of a file (absent means Enterprise, as in DeTT&CT).
    /// The root mapping of a file of `type`, its version and its domain.
    static func header(
        _ text: String, path: String, type: DeTTECTFileType
    ) throws(CoverageInputError) -> (root: Node, version: String, domain: AttackDomain) {
        let (root, version) = try root(text, path: path, type: type)
        return (root, version, try domain(root, path: path))
    }

    /// The entries of the list `key` every file of `type` must have.
    static func list(_ key: String, in root: Node, path: String, type: DeTTECTFileType) throws(CoverageInputError) -> [Node] {
        guard case .sequence(let items)? = root.value(key) else {
            throw CoverageInputError(path: path, line: root.line, reason: "\(type.rawValue) file has no '\(key)' list")
        }
        return Array(items)
    }

    static func domain(_ root: Node, path: String) throws(CoverageInputError) -> AttackDomain {
        guard let text = root.text("domain") else { return .enterprise }
        guard let domain = AttackDomain(rawValue: text.lowercased()) else {
            throw CoverageInputError(path: path, line: root.value("domain")?.line,
                                     reason: "unknown domain '\(text)' (expected enterprise-attack, mobile-attack or ics-attack)")
        }
        return domain
    }

    /// Fails when the file's domain is not the loaded release's.
    static func requireDomain(_ domain: AttackDomain, path: String, kb: KnowledgeBase) throws(CoverageInputError) {
        guard domain == kb.domain else {
            throw CoverageInputError(path: path, reason: "DeTT&CT file is for \(domain.rawValue), the loaded ATT&CK data is \(kb.domain.rawValue)", remedy: .loadFileDomain)
        }
    }

    /// Strings of a list field, or of a single scalar; `[]` for null.
    static func strings(_ node: Node, _ key: String) -> [String] {
        guard let value = node.value(key) else { return [] }
        if case .sequence(let items) = value { return items.compactMap(\.text) }
        return value.text.map { [$0] } ?? []
    }
}

/// Writing YAML text deliberately: keys in a fixed order, strings single-quoted, IDs, numbers
/// and dates plain, two-space indentation, lists indented under their key (as DeTT&CT's
/// samples are).
struct YAMLText {
    private(set) var text = ""

    /// A file of `type` as DeTT&CT writes it: its current version, the file type, `name`
    /// and `domain` first.
    init(_ type: DeTTECTFileType, name: String, domain: AttackDomain) {
        plain(0, "version", type.writtenVersion)
        plain(0, "file_type", type.rawValue)
        quoted(0, "name", name)
        plain(0, "domain", domain.rawValue)
    }

    /// `key: value` with the value written as is.
    mutating func plain(_ indent: Int, _ key: String, _ value: String, dash: Bool = false) {
        text += pad(indent, dash) + key + ": " + value + "\n"
    }

    /// `key: 'value'`.
    mutating func quoted(_ indent: Int, _ key: String, _ value: String, dash: Bool = false) {
        plain(indent, key, Self.quote(value), dash: dash)
    }

    /// `key:` opening a block.
    mutating func open(_ indent: Int, _ key: String, dash: Bool = false) {
        text += pad(indent, dash) + key + ":\n"
    }

    /// A list of strings under `key`, quoted unless `plain`; `key: []` when empty.
    mutating func list(_ indent: Int, _ key: String, _ values: [String], plain: Bool = false, dash: Bool = false) {
        guard !values.isEmpty else {
            self.plain(indent, key, "[]", dash: dash)
            return
        }
        open(indent, key, dash: dash)
        for value in values { text += String(repeating: " ", count: indent + 2) + "- " + (plain ? value : Self.quote(value)) + "\n" }
    }

    /// A raw line.
    mutating func line(_ line: String) { text += line + "\n" }

    private func pad(_ indent: Int, _ dash: Bool) -> String {
        dash ? String(repeating: " ", count: max(0, indent - 2)) + "- " : String(repeating: " ", count: indent)
    }

    /// A single-quoted YAML scalar (quotes doubled; line breaks folded to spaces).
    static func quote(_ value: String) -> String {
        let flat = value.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
        return "'" + flat.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// `yyyy-MM-dd` of a date in UTC.
    static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
