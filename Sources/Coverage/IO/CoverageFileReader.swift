import ATTACK
import Foundation
import Navigator
import STIX

/// A coverage file or layer that cannot be used: the file, where in it (a JSON path, or a
/// line and column for syntax errors) and what is wrong.
public struct CoverageFileError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file.
    public var file: String
    /// Where in the file: `techniques[3].state`, `line 4, column 2`, or empty.
    public var location: String
    /// What is wrong.
    public var message: String

    /// Creates an error.
    public init(file: String, location: String = "", message: String) {
        self.file = file
        self.location = location
        self.message = message
    }

    /// `file: location: message`.
    public var description: String { location.isEmpty ? "\(file): \(message)" : "\(file): \(location): \(message)" }
}

extension CoverageFile {
    /// Reads a coverage file (or a Navigator coverage layer) and lines it up with `kb`:
    /// techniques are taken in the release's order with its names and tactics; a technique the
    /// file does not list counts as Blind, one the release no longer has is dropped; both are
    /// said in ``CoverageRecord/notes``, as is a release that differs from the file's.
    public static func read(path: String, knowledgeBase kb: KnowledgeBase) throws(CoverageFileError) -> CoverageRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
            throw CoverageFileError(file: path, message: !exists ? "no such file" : isDirectory.boolValue ? "is a folder, not a coverage file" : "cannot read file")
        }
        return try parse(data, source: path, knowledgeBase: kb)
    }

    /// Parses coverage-file or layer JSON; `source` names the file in errors and notes.
    public static func parse(_ data: Data, source: String, knowledgeBase kb: KnowledgeBase) throws(CoverageFileError) -> CoverageRecord {
        let bytes = [UInt8](data)
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes)
        } catch {
            let (line, column) = bytes.withUnsafeBufferPointer { lineAndColumn(of: error.offset, in: $0) }
            throw CoverageFileError(file: source, location: "line \(line), column \(column)", message: "not JSON: \(error)")
        }
        if let format = value["format"]?.stringValue, format == formatName {
            return try CoverageFileDecoder(source: source, kb: kb).decode(value)
        }
        if value["techniques"] != nil || value.arrayValue != nil {
            let document: LayerDocument
            do {
                document = try LayerFile.parse(data, source: source)
            } catch {
                throw CoverageFileError(file: source, message: "neither a ttpkit coverage file nor a usable layer: \(error)")
            }
            return try CoverageLayerDecoder(source: source, kb: kb).decode(document)
        }
        throw CoverageFileError(
            file: source,
            message: "not a coverage file (expected \"format\": \"\(formatName)\" from `ttpkit coverage --format json`, or a coverage layer)")
    }

    /// Lines restored techniques up with the release: its order, names and tactics; missing
    /// ones Blind; unknown ones dropped. Returns the techniques and notes.
    static func align(
        _ stored: [String: TechniqueCoverage], source: String, fileRelease: String?, kb: KnowledgeBase, blindScore: Double
    ) -> ([TechniqueCoverage], [String]) {
        var notes: [String] = []
        if let fileRelease, let release = kb.attackVersion, fileRelease != release {
            notes.append("\(source) was computed on ATT&CK \(fileRelease); comparing with the loaded ATT&CK \(release)")
        }
        var result: [TechniqueCoverage] = []
        var missing = 0
        var used = Set<String>()
        for technique in kb.objects(.technique).sorted(by: { $0.sortRank < $1.sortRank }) {
            let id = technique.attackID
            var coverage = stored[id] ?? TechniqueCoverage(
                techniqueID: id, name: technique.name, isSubtechnique: technique.isSubtechnique, parentID: technique.parentAttackID,
                tactics: technique.tacticShortnames, platforms: technique.platforms, state: .blind, score: blindScore,
                rules: [], telemetry: [])
            if stored[id] == nil { missing += 1 } else { used.insert(id) }
            coverage.name = technique.name
            coverage.isSubtechnique = technique.isSubtechnique
            coverage.parentID = technique.parentAttackID
            coverage.tactics = technique.tacticShortnames
            coverage.platforms = technique.platforms
            result.append(coverage)
        }
        let dropped = stored.keys.filter { !used.contains($0) }.sorted()
        if missing > 0 {
            notes.append("\(missing) technique\(missing == 1 ? "" : "s") of ATT&CK \(kb.attackVersion ?? "") not in \(source) count as Blind")
        }
        if !dropped.isEmpty {
            let shown = dropped.prefix(5).joined(separator: ", ") + (dropped.count > 5 ? ", …" : "")
            notes.append("\(dropped.count) technique\(dropped.count == 1 ? "" : "s") in \(source) not active in ATT&CK \(kb.attackVersion ?? "") left out (\(shown))")
        }
        for index in result.indices where !result[index].isSubtechnique {
            let prefix = result[index].techniqueID + "."
            let subs = result.filter { $0.techniqueID.hasPrefix(prefix) }
            result[index].subtechniqueCount = subs.count
            result[index].subtechniquesDetected = subs.count(where: { $0.state == .detected })
        }
        return (result, notes)
    }

    /// Fails when the file's domain is not the loaded one.
    static func checkDomain(_ domain: AttackDomain, source: String, kb: KnowledgeBase) throws(CoverageFileError) {
        guard domain == kb.domain else {
            throw CoverageFileError(
                file: source,
                message: "holds \(domain.rawValue) coverage but the loaded data is \(kb.domain.rawValue) (use --domain \(domain.shortName))")
        }
    }
}
