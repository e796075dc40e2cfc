import ATTACK
import Foundation
import STIX

/// Checks that a file is the ATT&CK release it claims to be before it is trusted.
///
/// A complete bundle is one `STIXBundle` reads (a JSON object with `"type": "bundle"` and an
/// `objects` array) holding at least one `x-mitre-matrix` and one technique. Its domain comes
/// from the matrix's ATT&CK ID (`enterprise-attack`) and the `x-mitre-collection` id; its
/// version from the collection's `x_mitre_version`. Given an ``Expectation`` (what MITRE's
/// index or the TAXII collection says the file is), a bundle of another domain or version —
/// the Mobile bundle served as Enterprise 18.1, a one-object bundle — is refused. A truncated
/// download fails the parse with the byte offset where it ends:
///
/// ```swift
/// let summary = try BundleVerifier.verify(fileAt: URL(fileURLWithPath: "enterprise-attack-18.1.json"),
///                                         expecting: .init(domain: .enterprise, version: AttackVersion("18.1")!))
/// print(summary.objectCount, summary.domain, summary.version)   // 24772 enterprise 18.1
/// ```
public enum BundleVerifier {
    /// What the check saw in a good bundle.
    public struct Summary: Sendable, Hashable {
        /// Number of entries in `objects`.
        public let objectCount: Int
        /// Number of `x-mitre-matrix` objects.
        public let matrixCount: Int
        /// The domain the bundle says it holds, when it says.
        public let domain: AttackDomain?
        /// The release its `x-mitre-collection` names, when it has one.
        public let version: AttackVersion?
    }

    /// What a bundle must be to be stored as a release.
    public struct Expectation: Sendable, Hashable {
        /// The matrix.
        public var domain: AttackDomain
        /// The ATT&CK version.
        public var version: AttackVersion
        /// Refuse a bundle without an `x-mitre-collection` object (MITRE's STIX 2.1 releases,
        /// the ones the release index lists, always have one).
        public var requiresCollection: Bool = true

        /// `Enterprise ATT&CK 18.1`.
        var label: String { "\(domain.collectionName) \(version.text)" }
    }

    /// Verifies the bundle file at `file` (read into memory, at most `FileBytes.bundleLimit`).
    public static func verify(fileAt file: URL, expecting: Expectation? = nil) throws(BundleVerificationError) -> Summary {
        let data: Data
        do {
            data = try FileBytes.read(path: file.path, limit: FileBytes.bundleLimit)
        } catch {
            throw .unreadable(path: file.path, reason: error.reason)
        }
        return try verify(data: data, source: file.path, expecting: expecting)
    }

    /// Verifies bundle bytes; `source` names them in errors.
    public static func verify(data: Data, source: String, expecting: Expectation? = nil) throws(BundleVerificationError) -> Summary {
        let bundle: STIXBundle
        do {
            bundle = try STIXBundle.parse(data, source: source)
        } catch {
            throw .invalidBundle(path: source, bytes: data.count, problem: error)
        }
        var matrices = 0
        var techniques = 0
        var domains = Set<AttackDomain>()
        var versions = Set<AttackVersion>()
        var collections = 0
        for object in bundle.objects {
            switch object.type {
            case "x-mitre-matrix":
                matrices += 1
                for reference in object.externalReferences where reference.sourceName == "mitre-attack" {
                    if let id = reference.externalID, let domain = AttackDomain.allCases.first(where: { $0.fileStem == id }) {
                        domains.insert(domain)
                    }
                }
            case "attack-pattern":
                techniques += 1
            case "x-mitre-collection":
                collections += 1
                if let domain = AttackDomain(collectionID: object.id) { domains.insert(domain) }
                if let text = object.properties["x_mitre_version"]?.stringValue, let version = AttackVersion(text) {
                    versions.insert(version)
                }
            default:
                break
            }
        }
        guard matrices > 0 else { throw .noMatrix(path: source, objectCount: bundle.objects.count) }
        guard techniques > 0 else { throw .noTechniques(path: source, objectCount: bundle.objects.count) }
        guard domains.count <= 1, versions.count <= 1 else {
            let found = domains.map(\.collectionName).sorted() + versions.map(\.text).sorted()
            throw .inconsistent(path: source, found: found.joined(separator: ", "))
        }
        let summary = Summary(objectCount: bundle.objects.count, matrixCount: matrices, domain: domains.first,
                              version: versions.first)
        guard let expecting else { return summary }
        if expecting.requiresCollection, collections == 0 {
            throw .notTheRelease(path: source, expected: expecting.label, found: "a bundle without an x-mitre-collection object")
        }
        guard let domain = summary.domain else {
            throw .notTheRelease(path: source, expected: expecting.label, found: "a bundle that names no ATT&CK domain")
        }
        if domain != expecting.domain || (summary.version.map { $0 != expecting.version } ?? false) {
            let found = "\(domain.collectionName)" + (summary.version.map { " \($0.text)" } ?? "")
            throw .notTheRelease(path: source, expected: expecting.label, found: found)
        }
        return summary
    }
}

/// Why a file is not the ATT&CK release it should be.
public enum BundleVerificationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The bytes are not a complete STIX bundle (truncated JSON, not JSON, not a bundle);
    /// `problem` is the STIX reader's error with its byte offset, line and column.
    case invalidBundle(path: String, bytes: Int, problem: STIXError)
    /// The bundle has no `x-mitre-matrix` object, so it is not ATT&CK data.
    case noMatrix(path: String, objectCount: Int)
    /// The bundle has a matrix but no technique, so it is not a release.
    case noTechniques(path: String, objectCount: Int)
    /// The bundle names two domains or two versions.
    case inconsistent(path: String, found: String)
    /// The bundle is ATT&CK, but not the release it was fetched as.
    case notTheRelease(path: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read the bundle: \(reason)"
        case .invalidBundle(_, let bytes, let problem):
            "\(problem) (expected a complete STIX bundle; got \(bytes) bytes)"
        case .noMatrix(let path, let count):
            "\(path): expected an ATT&CK bundle with an x-mitre-matrix object; none among its \(count) objects"
        case .noTechniques(let path, let count):
            "\(path): expected an ATT&CK release with techniques; none among its \(count) objects"
        case .inconsistent(let path, let found):
            "\(path): expected one ATT&CK domain and version; the bundle names \(found)"
        case .notTheRelease(let path, let expected, let found):
            "\(path): expected \(expected), found \(found)"
        }
    }
}
