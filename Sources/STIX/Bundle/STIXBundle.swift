import Crypto
import Foundation

/// A STIX 2.0 or 2.1 bundle: its objects in file order.
///
/// ```swift
/// let bundle = try STIXBundle.load(contentsOf: URL(fileURLWithPath: "enterprise-attack-18.1.json"))
/// print(bundle.objects.count)   // 24 776
/// ```
///
/// Reading validates the whole document; the first problem is thrown as a ``STIXError``
/// naming the file, byte offset, line and column.
public struct STIXBundle: Sendable {
    /// The bundle's `id`, when present.
    public var id: String?
    /// The bundle-level `spec_version` (STIX 2.0); nil for STIX 2.1 bundles.
    public var specVersion: String?
    /// The objects, in file order.
    public var objects: [STIXObject]
    /// Other top-level members (kept for round trips).
    public var properties: JSONObject = JSONObject()
    /// Where the bundle came from (a path, URL or description), used in messages.
    public var source: String
    /// The SHA-256 of the bytes read, in lower-case hex (set by ``parse(_:source:)``): answers
    /// name the data they were computed from by it.
    public var sha256: String? = nil

    /// Reads a bundle file (copied into memory, at most ``FileBytes/bundleLimit`` bytes).
    /// - Throws: ``STIXError`` when the file cannot be read or is not a valid bundle.
    public static func load(contentsOf url: URL) throws(STIXError) -> STIXBundle {
        let data: Data
        do {
            data = try FileBytes.read(path: url.path, limit: FileBytes.bundleLimit)
        } catch {
            throw STIXError(source: url.path, message: "cannot read file: \(error.reason)")
        }
        return try parse(data, source: url.path)
    }

    /// Parses bundle bytes; `source` names them in errors.
    public static func parse(_ data: Data, source: String) throws(STIXError) -> STIXBundle {
        let owner = SourceBytes(data)
        let result: Result<STIXBundle, STIXError> = data.withUnsafeBytes { raw in
            let buffer = raw.bindMemory(to: UInt8.self)
            do {
                return .success(try BundleParser.parse(buffer, source: source, owner: owner))
            } catch let e as STIXError {
                return .failure(e)
            } catch {
                return .failure(STIXError(source: source, message: "\(error)"))
            }
        }
        var bundle = try result.get()
        bundle.sha256 = Self.sha256(data)
        return bundle
    }

    /// The SHA-256 of `data` in lower-case hex.
    public static func sha256(_ data: Data) -> String {
        let hex = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for byte in Crypto.SHA256.hash(data: data) {
            out.append(hex[Int(byte >> 4)])
            out.append(hex[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Parses bundle bytes from an array.
    public static func parse(_ bytes: [UInt8], source: String) throws(STIXError) -> STIXBundle {
        try parse(Data(bytes), source: source)
    }
}
