import ATTACK
import Foundation

/// The folder where downloaded ATT&CK releases and the last release index are kept.
///
/// The location is, in order: `$TTPKIT_CACHE`; `$XDG_CACHE_HOME/ttpkit`; `~/Library/Caches/ttpkit`
/// on macOS, `~/.cache/ttpkit` elsewhere. Inside it, each release is one STIX bundle named
/// `<domain>-attack-<version>.json`, beside `index.json` (the last fetched release index):
///
/// ```swift
/// let cache = CacheDirectory.resolve()
/// for bundle in try cache.cachedBundles() {
///     print(bundle.domain, bundle.version, bundle.size, bundle.url.path)
/// }
/// // enterprise 18.1 45104833 /home/me/.cache/ttpkit/enterprise-attack-18.1.json
/// ```
public struct CacheDirectory: Sendable, Hashable {
    /// The cache folder (it may not exist yet).
    public let url: URL
    /// The home folder used to abbreviate paths for display (`~/.cache/ttpkit`).
    public let homeDirectory: URL?

    /// A cache at an explicit folder.
    public init(url: URL, homeDirectory: URL? = nil) {
        self.url = url.standardizedFileURL
        self.homeDirectory = homeDirectory?.standardizedFileURL
    }

    /// The cache folder the environment selects (see the type's documentation).
    ///
    /// - Parameters:
    ///   - environment: the variables to read; tests pass their own dictionary.
    ///   - homeDirectory: the home folder; by default `$HOME`, else the user's home folder.
    public static func resolve(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        homeDirectory: URL? = nil
    ) -> CacheDirectory {
        let home = homeDirectory
            ?? environment["HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0, isDirectory: true) }
            ?? FileManager.default.homeDirectoryForCurrentUser
        if let explicit = environment["TTPKIT_CACHE"], !explicit.isEmpty {
            return CacheDirectory(url: URL(fileURLWithPath: explicit, isDirectory: true), homeDirectory: home)
        }
        if let xdg = environment["XDG_CACHE_HOME"], !xdg.isEmpty {
            return CacheDirectory(
                url: URL(fileURLWithPath: xdg, isDirectory: true).appendingPathComponent("ttpkit", isDirectory: true),
                homeDirectory: home)
        }
        #if os(macOS)
        let base = home.appendingPathComponent("Library/Caches", isDirectory: true)
        #else
        let base = home.appendingPathComponent(".cache", isDirectory: true)
        #endif
        return CacheDirectory(url: base.appendingPathComponent("ttpkit", isDirectory: true), homeDirectory: home)
    }

    /// `<cache>/index.json`, the last fetched release index.
    public var indexFile: URL { url.appendingPathComponent("index.json") }

    /// `<cache>/<domain>-attack-<version>.json`.
    public func bundleFile(domain: AttackDomain, version: String) -> URL {
        url.appendingPathComponent(domain.fileName(version: version))
    }

    /// A new temporary file beside `name` in the cache (`.<name>.<uuid>.partial`), where a
    /// download is written and verified before it is renamed to `name`.
    public func partialFile(for name: String) -> URL {
        url.appendingPathComponent(".\(name).\(UUID().uuidString.lowercased()).partial")
    }

    /// Removes `.partial` files an interrupted run left behind (older than `age` seconds, so a
    /// download another process is making is left alone).
    public func removeStalePartialFiles(olderThan age: TimeInterval = 3600) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: url.path) else { return }
        for name in names where name.hasPrefix(".") && name.hasSuffix(".partial") {
            let file = url.appendingPathComponent(name)
            guard let modified = (try? manager.attributesOfItem(atPath: file.path))?[.modificationDate] as? Date,
                  Date().timeIntervalSince(modified) > age else { continue }
            try? manager.removeItem(at: file)
        }
    }

    /// The cache path for people, with the home folder shown as `~`.
    public var displayPath: String { abbreviate(url) }

    /// A path for people, with the home folder shown as `~`.
    public func abbreviate(_ file: URL) -> String {
        let path = file.standardizedFileURL.path
        guard let home = homeDirectory?.path, !home.isEmpty, home != "/" else { return path }
        if path == home { return "~" }
        if path.hasPrefix(home + "/") { return "~" + path.dropFirst(home.count) }
        return path
    }

    /// Creates the cache folder (and its parents) if needed.
    public func create() throws(CacheError) {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw .cannotCreate(path: url.path, reason: error.localizedDescription)
        }
    }

    /// The bundles in the cache, newest version first within each domain (domains in
    /// `AttackDomain.allCases` order). A missing cache folder holds nothing. Files that are not named
    /// `<domain>-attack-<version>.json` (temporary files, `index.json`, TAXII exports of unknown
    /// collections) are not listed.
    public func cachedBundles() throws(CacheError) -> [CachedBundle] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else {
            throw .notADirectory(path: url.path)
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: url.path)
        } catch {
            throw .unreadable(path: url.path, reason: error.localizedDescription)
        }
        var bundles: [CachedBundle] = []
        for name in names {
            guard let (domain, version) = CacheDirectory.parseBundleFileName(name) else { continue }
            let file = url.appendingPathComponent(name)
            guard let attributes = try? manager.attributesOfItem(atPath: file.path),
                  (attributes[.type] as? FileAttributeType) == .typeRegular else { continue }
            let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
            bundles.append(CachedBundle(domain: domain, version: version, size: size, url: file))
        }
        let order = Dictionary(uniqueKeysWithValues: AttackDomain.allCases.enumerated().map { ($1, $0) })
        return bundles.sorted {
            if $0.domain != $1.domain { return order[$0.domain, default: 0] < order[$1.domain, default: 0] }
            if $0.version != $1.version { return $0.version > $1.version }
            return $0.url.lastPathComponent < $1.url.lastPathComponent
        }
    }

    /// The newest cached release of a domain, or the cached release of `version` when given.
    public func cachedBundle(domain: AttackDomain, version: AttackVersion? = nil) throws(CacheError) -> CachedBundle? {
        try cachedBundles().first { $0.domain == domain && (version == nil || $0.version == version) }
    }

    /// Parses `enterprise-attack-18.1.json` into its domain and version.
    public static func parseBundleFileName(_ name: String) -> (AttackDomain, AttackVersion)? {
        guard name.hasSuffix(".json") else { return nil }
        let stem = name.dropLast(".json".count)
        for domain in AttackDomain.allCases where stem.hasPrefix(domain.fileStem + "-") {
            if let version = AttackVersion(String(stem.dropFirst(domain.fileStem.count + 1))) {
                return (domain, version)
            }
        }
        return nil
    }
}

/// One release bundle found in the cache.
public struct CachedBundle: Sendable, Hashable {
    /// The matrix the bundle holds.
    public let domain: AttackDomain
    /// The ATT&CK version, from the file name.
    public let version: AttackVersion
    /// The file size in bytes.
    public let size: Int64
    /// The bundle file.
    public let url: URL
}

/// Why the cache folder could not be used.
public enum CacheError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The cache folder could not be created.
    case cannotCreate(path: String, reason: String)
    /// The cache folder could not be listed.
    case unreadable(path: String, reason: String)
    /// The cache path exists but is a file.
    case notADirectory(path: String)

    public var description: String {
        switch self {
        case .cannotCreate(let path, let reason):
            "\(path): cannot create the ATT&CK cache folder: \(reason) (set TTPKIT_CACHE to a writable folder)"
        case .unreadable(let path, let reason):
            "\(path): cannot list the ATT&CK cache folder: \(reason)"
        case .notADirectory(let path):
            "\(path): expected the ATT&CK cache folder, found a file (set TTPKIT_CACHE to a folder)"
        }
    }
}
