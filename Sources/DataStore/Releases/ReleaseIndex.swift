import ATTACK
import Foundation

/// MITRE's release index (`index.json` of `mitre-attack/attack-stix-data`): the collections
/// (Enterprise, Mobile, ICS) and, for each, the published versions with their bundle URLs.
///
/// Versions are ordered numerically, newest first, whatever order the file lists them in:
///
/// ```swift
/// let index = try ReleaseIndex(data: Data(contentsOf: indexFile), source: indexFile.path)
/// let latest = try index.latest(.enterprise)
/// print(latest.version, latest.url)
/// // 18.1 https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/enterprise-attack/enterprise-attack-18.1.json
/// ```
public struct ReleaseIndex: Sendable, Hashable {
    /// MITRE's published index.
    public static let defaultURL = URL(
        string: "https://raw.githubusercontent.com/mitre-attack/attack-stix-data/master/index.json")!
    /// The environment variable that overrides `defaultURL`.
    public static let urlEnvironmentVariable = "TTPKIT_INDEX_URL"

    /// The index URL to use: `explicit` if given, else `$TTPKIT_INDEX_URL`, else `defaultURL`.
    public static func url(explicit: URL? = nil,
                           environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let explicit { return explicit }
        if let value = environment[urlEnvironmentVariable], !value.isEmpty,
           let url = URL(string: value), url.scheme != nil {
            return url
        }
        if let value = environment[urlEnvironmentVariable], !value.isEmpty {
            return URL(fileURLWithPath: value)
        }
        return defaultURL
    }

    /// The index's `name` (`MITRE ATT&CK`).
    public let name: String
    /// The index's `modified` timestamp as written (ISO 8601), if present.
    public let modified: String?
    /// The collections in the order of the file.
    public let collections: [Collection]

    /// One collection of the index, e.g. Enterprise ATT&CK.
    public struct Collection: Sendable, Hashable {
        /// The `x-mitre-collection` id.
        public let id: String
        /// The collection name, e.g. `Enterprise ATT&CK`.
        public let name: String
        /// The domain, when the id (or failing that the name) is one of the three known ones.
        public let domain: AttackDomain?
        /// The published versions, newest first.
        public let releases: [Release]
    }

    /// One published version of a collection.
    public struct Release: Sendable, Hashable {
        /// The ATT&CK version.
        public let version: AttackVersion
        /// Where the bundle can be downloaded.
        public let url: URL
        /// The release's `modified` timestamp as written, if present.
        public let modified: String?
    }

    /// Parses an index document.
    ///
    /// - Parameters:
    ///   - data: the JSON bytes.
    ///   - source: the file path or URL, used in error messages.
    public init(data: Data, source: String) throws(ReleaseIndexError) {
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw .invalidJSON(source: source, reason: ReleaseIndex.describe(error))
        }
        guard let object = root as? [String: Any] else {
            throw .unexpected(source: source, path: "$", expected: "a JSON object")
        }
        guard let collectionList = object["collections"] as? [Any] else {
            throw .unexpected(source: source, path: "$.collections", expected: "an array of collections")
        }
        var collections: [Collection] = []
        for (position, entry) in collectionList.enumerated() {
            let path = "$.collections[\(position)]"
            guard let collection = entry as? [String: Any] else {
                throw .unexpected(source: source, path: path, expected: "a collection object")
            }
            guard let id = collection["id"] as? String else {
                throw .unexpected(source: source, path: path + ".id", expected: "a string")
            }
            let name = collection["name"] as? String ?? id
            guard let versionList = collection["versions"] as? [Any] else {
                throw .unexpected(source: source, path: path + ".versions", expected: "an array of versions")
            }
            var releases: [Release] = []
            for (versionPosition, versionEntry) in versionList.enumerated() {
                let versionPath = "\(path).versions[\(versionPosition)]"
                guard let release = versionEntry as? [String: Any] else {
                    throw .unexpected(source: source, path: versionPath, expected: "a version object")
                }
                guard let versionText = release["version"] as? String, let version = AttackVersion(versionText) else {
                    throw .unexpected(source: source, path: versionPath + ".version",
                                      expected: "a version string such as \"18.1\"")
                }
                // An index is fetched from the network: it may name only web URLs, never a local
                // file (`file:///etc/passwd`) or another scheme.
                guard let urlText = release["url"] as? String, let url = URL(string: urlText),
                      let scheme = url.scheme?.lowercased(), scheme == "https" || scheme == "http", url.host != nil else {
                    throw .unexpected(source: source, path: versionPath + ".url", expected: "an http or https URL")
                }
                releases.append(Release(version: version, url: url, modified: release["modified"] as? String))
            }
            releases.sort { $0.version > $1.version }
            let domain = AttackDomain(collectionID: id) ?? AttackDomain(argument: name)
            collections.append(Collection(id: id, name: name, domain: domain, releases: releases))
        }
        self.name = object["name"] as? String ?? "MITRE ATT&CK"
        self.modified = object["modified"] as? String
        self.collections = collections
        self.source = source
    }

    /// Where the index was read from (file path or URL), for error messages.
    public let source: String

    /// The collection of a domain, if the index has it.
    public func collection(_ domain: AttackDomain) -> Collection? {
        collections.first { $0.domain == domain }
    }

    /// The versions published for a domain, newest first (empty when the domain is absent).
    public func releases(_ domain: AttackDomain) -> [Release] {
        collection(domain)?.releases ?? []
    }

    /// The newest release of a domain.
    public func latest(_ domain: AttackDomain) throws(ReleaseIndexError) -> Release {
        guard let newest = releases(domain).first else {
            throw .noReleases(domain: domain, source: source)
        }
        return newest
    }

    /// The release of a domain with this version (`"18.1"`, `"v18.1"`; `"18"` matches `18.0`).
    public func release(_ domain: AttackDomain, version: String) throws(ReleaseIndexError) -> Release {
        let available = releases(domain)
        guard let wanted = AttackVersion(version) else {
            throw .invalidVersion(version)
        }
        guard let match = available.first(where: { $0.version == wanted }) else {
            if available.isEmpty { throw .noReleases(domain: domain, source: source) }
            throw .versionNotFound(domain: domain, version: version,
                                   available: available.map(\.version.text), source: source)
        }
        return match
    }

    static func describe(_ error: Error) -> String {
        let nsError = error as NSError
        if let detail = nsError.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return nsError.localizedDescription
    }
}

/// Why a release index could not be read, or a release is not in it.
public enum ReleaseIndexError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not JSON.
    case invalidJSON(source: String, reason: String)
    /// A value has the wrong shape; `path` is a JSON path such as `$.collections[0].versions`.
    case unexpected(source: String, path: String, expected: String)
    /// The index lists no release of the domain.
    case noReleases(domain: AttackDomain, source: String)
    /// The index has no release with this version for the domain.
    case versionNotFound(domain: AttackDomain, version: String, available: [String], source: String)
    /// The requested version is not a version number.
    case invalidVersion(String)

    public var description: String {
        switch self {
        case .invalidJSON(let source, let reason):
            return "\(source): expected the ATT&CK release index as JSON: \(reason)"
        case .unexpected(let source, let path, let expected):
            return "\(source): \(path): expected \(expected)"
        case .noReleases(let domain, let source):
            return "\(source): the release index lists no \(domain.collectionName) release"
        case .versionNotFound(let domain, let version, let available, let source):
            let shown = available.prefix(8).joined(separator: ", ") + (available.count > 8 ? ", …" : "")
            return "\(source): \(domain.collectionName) \(version) is not in the release index (available: \(shown))"
        case .invalidVersion(let text):
            return "\"\(text)\": expected an ATT&CK version such as 18.1"
        }
    }
}
