import ATTACK
import Foundation

/// Decides which ATT&CK bundle files to load.
///
/// The first source that is set wins:
/// 1. an explicit path (the CLI's `--data PATH`): a bundle file, or a folder whose `*.json`
///    files are all loaded (except `index.json`);
/// 2. `$TTPKIT_DATA`, with the same rules;
/// 3. the cache: the newest cached version of each domain, or the files matching a requested
///    domain and/or version.
///
/// A path that is set but missing is an error, never a silent fall-through. When no source has
/// anything, `locate` returns `nil`; the CLI may then call `bootstrap`, which downloads the
/// current Enterprise release. Library users never download by surprise:
///
/// ```swift
/// let locator = DataLocator(cache: .resolve())
/// let selection = try locator.locate(explicitPath: dataOption)
///     ?? (try await locator.bootstrap(downloader: ReleaseDownloader(cache: locator.cache), progress: render))
/// print(selection.files.map(\.path), selection.origin)
/// ```
public struct DataLocator: Sendable {
    /// The environment variable naming a bundle file or folder.
    public static let dataEnvironmentVariable = "TTPKIT_DATA"

    /// The cache consulted last.
    public let cache: CacheDirectory
    /// The environment read for `TTPKIT_DATA`.
    public let environment: [String: String]

    /// - Parameters:
    ///   - cache: the release cache.
    ///   - environment: the variables to read (tests pass their own dictionary).
    public init(cache: CacheDirectory, environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.cache = cache
        self.environment = environment
    }

    /// The bundle files to load, or `nil` when nothing is configured or cached.
    ///
    /// - Parameters:
    ///   - explicitPath: the `--data` value, if given. A folder gives the newest release of each
    ///     domain in it, unless `version` picks one.
    ///   - domain: only this domain (cache, and files in folders named `<domain>-attack-<v>.json`).
    ///   - version: only this ATT&CK version (same scope as `domain`).
    /// - Throws: `DataLocatorError` when a given path is missing or holds no bundle, or when the
    ///   cache has other versions but not the one requested; `CacheError` when the cache is unreadable.
    public func locate(explicitPath: String? = nil, domain: AttackDomain? = nil,
                       version: String? = nil) throws -> DataSelection? {
        try locate(explicitPath: explicitPath, domain: domain, version: version, everyRelease: false)
    }

    /// Every release the sources hold, side by side (the server's view): every bundle of a
    /// folder, or every cached version of every domain. Same precedence and errors as
    /// ``locate(explicitPath:domain:version:)``.
    public func locateEveryRelease(explicitPath: String? = nil) throws -> DataSelection? {
        try locate(explicitPath: explicitPath, domain: nil, version: nil, everyRelease: true)
    }

    private func locate(explicitPath: String?, domain: AttackDomain?, version: String?,
                        everyRelease: Bool) throws -> DataSelection? {
        var wanted: AttackVersion?
        if let version {
            guard let parsed = AttackVersion(version) else { throw DataLocatorError.invalidVersion(version) }
            wanted = parsed
        }
        if let explicitPath, !explicitPath.isEmpty {
            return try files(at: explicitPath, origin: .option(explicitPath), domain: domain, version: wanted,
                             everyRelease: everyRelease)
        }
        if let value = environment[Self.dataEnvironmentVariable], !value.isEmpty {
            return try files(at: value, origin: .environment(value), domain: domain, version: wanted,
                             everyRelease: everyRelease)
        }
        let cached = try cache.cachedBundles()
        let domains = domain.map { [$0] } ?? AttackDomain.allCases
        var picked: [URL] = []
        for candidate in domains {
            let ofDomain = cached.filter { $0.domain == candidate }
            if everyRelease {
                picked += ofDomain.map(\.url)
            } else if let wanted {
                if let match = ofDomain.first(where: { $0.version == wanted }) { picked.append(match.url) }
            } else if let newest = ofDomain.first {
                picked.append(newest.url)
            }
        }
        if picked.isEmpty {
            if let wanted, let domain, !cached.filter({ $0.domain == domain }).isEmpty {
                throw DataLocatorError.versionNotCached(
                    domain: domain, version: wanted.text, cache: cache.displayPath,
                    cached: cached.filter { $0.domain == domain }.map(\.version.text))
            }
            if let wanted, domain == nil, !cached.isEmpty {
                throw DataLocatorError.versionNotCached(
                    domain: nil, version: wanted.text, cache: cache.displayPath,
                    cached: cached.map { "\($0.domain) \($0.version)" })
            }
            return nil
        }
        return DataSelection(files: picked, origin: .cache(cache.url))
    }

    /// Downloads a release into the cache when nothing is configured, and selects it.
    ///
    /// Sends one `.notice` first, e.g. `no ATT&CK data configured; downloading Enterprise
    /// ATT&CK 18.1 into ~/.cache/ttpkit …` (the CLI prefixes it with `ttpkit: `).
    ///
    /// - Parameters:
    ///   - domain: the matrix to fetch (Enterprise by default).
    ///   - version: the version to fetch; `nil` means the latest.
    /// - Throws: `DataLocatorError.noDataConfigured` with the reason the download failed.
    public func bootstrap(downloader: ReleaseDownloader, domain: AttackDomain = .enterprise, version: String? = nil,
                          progress: ProgressHandler? = nil) async throws -> DataSelection {
        do {
            let index = try await downloader.fetchIndex(progress: nil)
            let release = try version.map { text throws(ReleaseIndexError) in try index.release(domain, version: text) }
                ?? index.latest(domain)
            progress?(.notice(
                "no ATT&CK data configured; downloading \(domain.collectionName) \(release.version.text) into \(downloader.cache.displayPath) …"))
            let result = try await downloader.install(release, domain: domain, progress: progress)
            return DataSelection(files: [result.bundle.url], origin: .bootstrap(downloader.cache.url))
        } catch {
            throw DataLocatorError.noDataConfigured(cache: downloader.cache.displayPath,
                                                    reason: String(describing: error))
        }
    }

    private func files(at path: String, origin: DataSelection.Origin, domain: AttackDomain?,
                       version: AttackVersion?, everyRelease: Bool) throws -> DataSelection {
        let url = URL(fileURLWithPath: (path as NSString).expandingTildeInPath)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw DataLocatorError.pathNotFound(path: path, origin: origin)
        }
        guard isDirectory.boolValue else {
            return DataSelection(files: [url], origin: origin)
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: url.path)
        } catch {
            throw DataLocatorError.unreadable(path: path, reason: error.localizedDescription)
        }
        var found: [URL] = []
        for name in names.sorted() where name.lowercased().hasSuffix(".json") && name != "index.json"
            && !name.hasPrefix(".") {
            if domain != nil || version != nil {
                guard let (fileDomain, fileVersion) = CacheDirectory.parseBundleFileName(name),
                      domain == nil || fileDomain == domain,
                      version == nil || fileVersion == version else { continue }
            }
            let file = url.appendingPathComponent(name)
            var fileIsDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &fileIsDirectory),
               !fileIsDirectory.boolValue {
                found.append(file)
            }
        }
        guard !found.isEmpty else {
            throw DataLocatorError.noBundles(path: path, origin: origin,
                                             filter: Self.filterText(domain: domain, version: version))
        }
        return DataSelection(files: version == nil && !everyRelease ? Self.newestPerDomain(found) : found, origin: origin)
    }

    /// One release per domain: of files named `<domain>-attack-<version>.json`, the newest of
    /// each domain; files named otherwise are all kept (a folder like `../shared/attack-data`
    /// holds several Enterprise releases, which cannot be loaded together).
    static func newestPerDomain(_ files: [URL]) -> [URL] {
        var newest: [AttackDomain: (url: URL, version: AttackVersion)] = [:]
        var others: [URL] = []
        for file in files {
            guard let (domain, version) = CacheDirectory.parseBundleFileName(file.lastPathComponent) else {
                others.append(file)
                continue
            }
            if let current = newest[domain], current.version >= version { continue }
            newest[domain] = (file, version)
        }
        return AttackDomain.allCases.compactMap { newest[$0]?.url } + others
    }

    private static func filterText(domain: AttackDomain?, version: AttackVersion?) -> String? {
        switch (domain, version) {
        case (nil, nil): nil
        case (let domain?, nil): "\(domain.fileStem)-*.json"
        case (nil, let version?): "*-attack-\(version.text).json"
        case (let domain?, let version?): domain.fileName(version: version.text)
        }
    }
}

/// The bundle files chosen by `DataLocator`, and where the choice came from.
public struct DataSelection: Sendable, Hashable {
    /// Where the files were found.
    public enum Origin: Sendable, Hashable {
        /// An explicit path (the `explicitPath` of ``DataLocator/locate(explicitPath:domain:version:)``;
        /// the CLI's `--data`).
        case option(String)
        /// The `TTPKIT_DATA` variable.
        case environment(String)
        /// The cache folder.
        case cache(URL)
        /// Just downloaded into the cache folder by `bootstrap`.
        case bootstrap(URL)

        /// " (given by TTPKIT_DATA)" for the environment variable; empty for an explicit path,
        /// which the caller names (the CLI says "given by --data").
        var givenBy: String {
            switch self {
            case .environment: " (given by \(DataLocator.dataEnvironmentVariable))"
            case .option, .cache, .bootstrap: ""
            }
        }
    }

    /// The bundle files, in load order.
    public let files: [URL]
    /// Where they were found.
    public let origin: Origin
}

/// Why no bundle could be located.
public enum DataLocatorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A path given explicitly or by `TTPKIT_DATA` (`origin` says which) does not exist.
    case pathNotFound(path: String, origin: DataSelection.Origin)
    /// A folder given explicitly or by `TTPKIT_DATA` holds no (matching) `*.json` bundle.
    case noBundles(path: String, origin: DataSelection.Origin, filter: String?)
    /// A folder could not be listed.
    case unreadable(path: String, reason: String)
    /// The cache has the domain, but not this version.
    case versionNotCached(domain: AttackDomain?, version: String, cache: String, cached: [String])
    /// The requested version is not a version number.
    case invalidVersion(String)
    /// Nothing is configured and the bootstrap download failed.
    case noDataConfigured(cache: String, reason: String)

    public var description: String {
        switch self {
        case .pathNotFound(let path, let origin):
            return "\(path): no such file or folder" + origin.givenBy
        case .noBundles(let path, let origin, let filter):
            let what = filter.map { "no bundle file matching \($0)" } ?? "no *.json bundle file"
            return "\(path): \(what) in this folder" + origin.givenBy
        case .unreadable(let path, let reason):
            return "\(path): cannot list the folder: \(reason)"
        case .versionNotCached(let domain, let version, let cache, let cached):
            let name = domain.map { "\($0.collectionName) \(version)" } ?? "ATT&CK \(version)"
            return "\(cache): \(name) is not cached (cached: \(cached.joined(separator: ", ")))"
        case .invalidVersion(let text):
            return "\"\(text)\": expected an ATT&CK version such as 18.1"
        case .noDataConfigured(let cache, let reason):
            return "no ATT&CK data is configured and the cache \(cache) could not be filled: \(reason)"
        }
    }
}
