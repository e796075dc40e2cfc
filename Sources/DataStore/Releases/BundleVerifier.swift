import Foundation
import STIX

/// Checks that a file is a complete ATT&CK STIX bundle before it is trusted.
///
/// A complete bundle is one `STIXBundle` reads (a JSON object with `"type": "bundle"` and an
/// `objects` array) holding at least one `x-mitre-matrix`. A truncated download fails the parse
/// with the byte offset where it ends; a wrong file (an HTML error page, a layer, a release
/// index) fails with what was found instead:
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
        let bundle: STIXBundle
        do {
            bundle = try STIXBundle.parse(data, source: source)
        } catch {
            throw .invalidBundle(path: source, bytes: data.count, problem: error)
        }
        let matrices = bundle.objects.reduce(0) { $0 + ($1.type == "x-mitre-matrix" ? 1 : 0) }
        guard matrices > 0 else {
            throw .noMatrix(path: source, objectCount: bundle.objects.count)
        }
        return Summary(objectCount: bundle.objects.count, matrixCount: matrices)
    }
}

/// Why a file is not a complete ATT&CK bundle.
public enum BundleVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The bytes are not a complete STIX bundle (truncated JSON, not JSON, not a bundle);
    /// `problem` is the STIX reader's error with its byte offset, line and column.
    case invalidBundle(path: String, bytes: Int, problem: STIXError)
    /// The bundle has no `x-mitre-matrix` object, so it is not ATT&CK data.
    case noMatrix(path: String, objectCount: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read the bundle: \(reason)"
        case .invalidBundle(_, let bytes, let problem):
            "\(problem) (expected a complete STIX bundle; got \(bytes) bytes)"
        case .noMatrix(let path, let count):
            "\(path): expected an ATT&CK bundle with an x-mitre-matrix object; none among its \(count) objects"
        }
    }
}
