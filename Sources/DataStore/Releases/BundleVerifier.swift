import Foundation

/// Checks that a file is a complete ATT&CK STIX bundle before it is trusted.
///
/// A complete bundle is a JSON object with `"type": "bundle"` and an `objects` array that holds
/// at least one `x-mitre-matrix`. A truncated download fails the JSON parse; a wrong file
/// (an HTML error page, a layer, a release index) fails one of the other checks:
///
/// ```swift
/// let summary = try BundleVerifier.verify(fileAt: URL(fileURLWithPath: "enterprise-attack-18.1.json"))
/// print(summary.objectCount, summary.matrixCount)   // 24772 1
/// ```
public enum BundleVerifier {
    /// What the check saw in a good bundle.
    public struct Summary: Sendable, Hashable {
        /// Number of entries in `objects`.
        public let objectCount: Int
        /// Number of `x-mitre-matrix` objects.
        public let matrixCount: Int
    }

    /// Verifies the bundle file at `file`.
    public static func verify(fileAt file: URL) throws(BundleVerificationError) -> Summary {
        let data: Data
        do {
            data = try Data(contentsOf: file, options: .mappedIfSafe)
        } catch {
            throw .unreadable(path: file.path, reason: error.localizedDescription)
        }
        return try verify(data: data, source: file.path)
    }

    /// Verifies bundle bytes; `source` names them in errors.
    public static func verify(data: Data, source: String) throws(BundleVerificationError) -> Summary {
        // Implementation note: JSONSerialization for now; the STIX target's scanner will replace it.
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .invalidJSON(path: source, bytes: data.count, reason: ReleaseIndex.describe(error))
        }
        guard let bundle = root as? [String: Any] else {
            throw .notABundle(path: source, found: "a JSON value that is not an object")
        }
        guard let type = bundle["type"] as? String, type == "bundle" else {
            let found = (bundle["type"] as? String).map { "\"type\": \"\($0)\"" } ?? "no \"type\""
            throw .notABundle(path: source, found: found)
        }
        guard let objects = bundle["objects"] as? [Any] else {
            throw .missingObjects(path: source)
        }
        var matrices = 0
        for case let object as [String: Any] in objects where object["type"] as? String == "x-mitre-matrix" {
            matrices += 1
        }
        guard matrices > 0 else {
            throw .noMatrix(path: source, objectCount: objects.count)
        }
        return Summary(objectCount: objects.count, matrixCount: matrices)
    }
}

/// Why a file is not a complete ATT&CK bundle.
public enum BundleVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The bytes are not complete JSON (typically a truncated download).
    case invalidJSON(path: String, bytes: Int, reason: String)
    /// The JSON is not a STIX bundle.
    case notABundle(path: String, found: String)
    /// The bundle has no `objects` array.
    case missingObjects(path: String)
    /// The bundle has no `x-mitre-matrix` object, so it is not ATT&CK data.
    case noMatrix(path: String, objectCount: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read the bundle: \(reason)"
        case .invalidJSON(let path, let bytes, let reason):
            "\(path): expected a complete STIX bundle, but the \(bytes) bytes are not valid JSON (truncated?): \(reason)"
        case .notABundle(let path, let found):
            "\(path): expected a STIX bundle (\"type\": \"bundle\"), found \(found)"
        case .missingObjects(let path):
            "\(path): expected an \"objects\" array in the STIX bundle"
        case .noMatrix(let path, let count):
            "\(path): expected an ATT&CK bundle with an x-mitre-matrix object; none among its \(count) objects"
        }
    }
}
