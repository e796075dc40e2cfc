import Foundation
import Output
import STIX

/// Reading and writing layer files: one layer or a JSON array of layers, any format version
/// from 2.x on read, the explicit 4.5 form in UTF-8 on write.
///
/// ```swift
/// let doc = try LayerFile.read(contentsOf: URL(fileURLWithPath: "old.json"))
/// for u in doc.upgrades { print(u) }   // version: layer format 3.0 → 4.5 ...
/// try LayerFile.write(doc.layers, to: URL(fileURLWithPath: "new.json"))
/// ```
public enum LayerFile {
    /// The layer format version ttpkit writes.
    public static let formatVersion = "4.5"
    /// The Navigator version ttpkit writes (mitreattack-python requires 5.x).
    public static let navigatorVersion = "5.1.0"
    /// The largest layer file read (a layer of every Enterprise technique with long comments
    /// is under 5 MB).
    public static let sizeLimit = 64 * 1_048_576

    /// Reads a layer file.
    /// - Throws: ``LayerError`` when the file cannot be read, is not JSON, or holds a layer
    ///   the reader cannot use (missing name, domain or techniqueID, non-numeric score...).
    public static func read(contentsOf url: URL) throws(LayerError) -> LayerDocument {
        let data: Data
        do { data = try FileBytes.read(path: url.path, limit: sizeLimit) } catch {
            throw LayerError.io(file: url.path, message: "cannot read: \(error.reason)")
        }
        return try parse(data, source: url.path)
    }

    /// Parses layer JSON; `source` names the file in errors.
    public static func parse(_ data: Data, source: String) throws(LayerError) -> LayerDocument {
        let doc = parseLeniently(data, source: source)
        if let fatal = doc.fatal { throw fatal }
        return doc.document
    }

    /// Parses without throwing on fatal problems: they are reported in the findings and the
    /// layers that could be built are returned. Used by the validator.
    static func parseLeniently(_ data: Data, source: String) -> (document: LayerDocument, fatal: LayerError?) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            // mitreattack-python writes UTF-16; accept it.
            if let text = String(data: data, encoding: .utf16) { return parseLeniently(Data(text.utf8), source: source) }
        }
        let value: JSONValue
        do { value = try JSONValue.parse(bytes) } catch {
            let (line, column) = bytes.withUnsafeBufferPointer { lineAndColumn(of: error.offset, in: $0) }
            let e = LayerError.notJSON(file: source, line: line, column: column, expected: error.expected, found: error.found)
            return (LayerDocument(source: source, layers: [], findings: [LayerFinding(.error, "", "not JSON: \(e)", fatal: true)]), e)
        }
        var doc = LayerDocument(source: source, layers: [], isArray: value.arrayValue != nil)
        let items: [(String, JSONValue)] = value.arrayValue.map { a in a.enumerated().map { ("[\($0.offset)].", $0.element) } } ?? [("", value)]
        if items.isEmpty {
            doc.findings.append(LayerFinding(.error, "", "the file holds an empty array of layers", fatal: true))
        }
        for (prefix, item) in items {
            var decoder = LayerDecoder(prefix: prefix)
            if let layer = decoder.decode(item) { doc.layers.append(layer) }
            doc.findings += decoder.findings
            doc.upgrades += decoder.upgrades
        }
        let fatal = doc.findings.first(where: \.isFatal).map { LayerError.invalid(file: source, path: $0.path, message: $0.message) }
        return (doc, fatal)
    }

    /// The JSON of one layer (an object) or several (an array), pretty-printed.
    public static func jsonValue(_ layers: [Layer], asArray: Bool? = nil) -> JSONValue {
        let values = layers.map(LayerEncoder.encode)
        if asArray ?? (layers.count != 1) { return .array(values) }
        return values.first ?? .array([])
    }

    /// UTF-8 JSON text of the layers: an object for one layer, an array for several.
    public static func serialize(_ layers: [Layer], asArray: Bool? = nil, pretty: Bool = true) -> String {
        jsonValue(layers, asArray: asArray).serialized(pretty: pretty) + "\n"
    }

    /// Writes the layers to `url` (``OutputFile``: atomically for a regular file; devices,
    /// FIFOs and symlink targets written through), UTF-8.
    public static func write(_ layers: [Layer], to url: URL, asArray: Bool? = nil) throws(LayerError) {
        do {
            try OutputFile.write(serialize(layers, asArray: asArray), to: url.path)
        } catch {
            throw LayerError.io(file: error.path, message: "cannot write: \(error.reason)")
        }
    }
}
