import Foundation
import STIX

/// What a file given as coverage is, decided from its content (never from its name alone):
///
/// - **coverage file**: JSON with `"format": "ttpkit-coverage"` (or the v1 `"type"`), or an
///   object with a `techniques` list (or a bare list) whose items carry a `state`;
/// - **coverage layer**: a Navigator layer (an object with `versions` or `gradient`, or a
///   `domain` and `techniques` items with `techniqueID` and no `state`), or a list of layers;
/// - **DeTT&CT technique-administration file**: YAML (anything that is not JSON) — the
///   DeTT&CT reader then checks `file_type` and `version`.
///
/// ```swift
/// try CoverageFileKind.of(Data(contentsOf: url), source: url.path)   // .coverageLayer
/// ```
public enum CoverageFileKind: String, Sendable, Hashable, CaseIterable {
    /// A ttpkit coverage file.
    case coverageFile = "coverage file"
    /// A Navigator layer read as coverage.
    case coverageLayer = "coverage layer"
    /// A DeTT&CT technique-administration file.
    case dettectTechniques = "DeTT&CT technique-administration file"

    /// The kind of the bytes; JSON that is neither a coverage file nor a layer is an error.
    public static func of(_ data: Data, source: String) throws(CoverageInputError) -> CoverageFileKind {
        switch try sniff(data, source: source) {
        case .coverageFile: return .coverageFile
        case .layer: return .coverageLayer
        case .dettect: return .dettectTechniques
        }
    }

    /// The sniffed content, with what was parsed on the way.
    enum Sniffed {
        case coverageFile(JSONValue)
        case layer(JSONValue)
        case dettect(String)
    }

    static func sniff(_ data: Data, source: String) throws(CoverageInputError) -> Sniffed {
        let bytes = [UInt8](data)
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[start]) { start += 1 }
        guard start < bytes.count else { throw CoverageInputError(path: source, reason: "the file is empty") }
        guard bytes[start] == UInt8(ascii: "{") || bytes[start] == UInt8(ascii: "[") else {
            guard let text = String(bytes: bytes, encoding: .utf8) else {
                throw CoverageInputError(path: source, reason: "neither JSON nor UTF-8 YAML: not a coverage file, layer or DeTT&CT file")
            }
            return .dettect(text)
        }
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch {
            let (line, column) = bytes.withUnsafeBufferPointer { lineAndColumn(of: error.offset, in: $0) }
            throw CoverageInputError(path: source, line: line, reason: "not JSON (column \(column)): expected \(error.expected), found \(error.found)")
        }
        if let format = (value["format"] ?? value["type"])?.stringValue {
            guard format == CoverageDocument.formatName else {
                if isLayer(value) { return .layer(value) }
                throw CoverageInputError(path: source, reason: "format '\(format)' is not \(CoverageDocument.formatName)")
            }
            return .coverageFile(value)
        }
        if isLayer(value) { return .layer(value) }
        let items = value.arrayValue ?? value["techniques"]?.arrayValue
        if let items, items.isEmpty || items.first?["state"] != nil { return .coverageFile(value) }
        throw CoverageInputError(
            path: source,
            reason: "not a coverage file (expected \"format\": \"\(CoverageDocument.formatName)\"), a coverage layer or a DeTT&CT file",
            remedy: .writeCoverageFile)
    }

    /// True when the JSON looks like a Navigator layer (or a list of layers).
    static func isLayer(_ value: JSONValue) -> Bool {
        if let array = value.arrayValue { return array.first?["techniques"] != nil && array.first?["name"] != nil }
        guard let object = value.objectValue else { return false }
        if object["versions"] != nil || object["gradient"] != nil { return true }
        guard object["domain"] != nil, let first = object["techniques"]?.arrayValue?.first else { return false }
        return first["techniqueID"] != nil && first["state"] == nil
    }
}
