import ATTACK
import Foundation
import NIOHTTP1
import STIX
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Downloads ATT&CK releases listed in MITRE's release index into the cache.
///
/// Each bundle streams into a temporary file inside the cache folder, is verified to be the
/// release the index says it is — a complete ATT&CK bundle of that domain whose
/// `x-mitre-collection` names that version (`BundleVerifier`) — and only then is renamed into
/// place, so a failed, truncated or substituted download never replaces anything. Releases
/// already cached are skipped unless `force` is set. Only http and https URLs are fetched;
/// every operation is bounded in time (`timeout`), stall time and size. The fetched index is
/// kept as `<cache>/index.json`.
///
/// ```swift
/// let downloader = ReleaseDownloader(cache: .resolve())
/// let results = try await downloader.update(domains: [.enterprise, .ics]) { print($0) }
/// // fetching the ATT&CK release index from https://raw.githubusercontent.com/…/index.json
/// // downloading Enterprise ATT&CK 18.1 from https://raw.githubusercontent.com/…
/// // …
/// ```
public struct ReleaseDownloader: Sendable {
    /// Where bundles are stored.
    public let cache: CacheDirectory
    /// Where the release index is fetched from.
    public let indexURL: URL
    /// Seconds one call (`update`, `install`, `fetchIndex`) may take in all.
    public let timeout: TimeInterval
    /// Seconds without a byte before a request fails.
    public let stallTimeout: TimeInterval
    /// The largest bundle accepted, in bytes.
    public let maxBundleBytes: Int64

    /// The default of `timeout`: five minutes.
    public static let defaultTimeout: TimeInterval = 300

    /// - Parameters:
    ///   - cache: the cache to fill.
    ///   - indexURL: the release index; by default `$TTPKIT_INDEX_URL`, else MITRE's.
    ///   - environment: read for `TTPKIT_INDEX_URL`.
    ///   - timeout: seconds one call may take in all.
    ///   - stallTimeout: seconds without a byte before a request fails.
    ///   - maxBundleBytes: the largest bundle accepted.
    public init(cache: CacheDirectory, indexURL: URL? = nil,
                environment: [String: String] = ProcessInfo.processInfo.environment,
                timeout: TimeInterval = defaultTimeout, stallTimeout: TimeInterval = 60,
                maxBundleBytes: Int64 = Int64(FileBytes.bundleLimit)) {
        self.cache = cache
        self.indexURL = ReleaseIndex.url(explicit: indexURL, environment: environment)
        self.timeout = timeout
        self.stallTimeout = stallTimeout
        self.maxBundleBytes = maxBundleBytes
    }

    /// Fresh limits for one call.
    private func limits() -> TransferLimits {
        TransferLimits(total: timeout, stallTimeout: stallTimeout, maxBytes: maxBundleBytes)
    }

    /// Fetches and parses the release index, and keeps a copy as `<cache>/index.json`.
    ///
    /// - Throws: `DownloadError`, `ReleaseIndexError` or `CacheError`.
    public func fetchIndex(progress: ProgressHandler? = nil) async throws -> ReleaseIndex {
        try await fetchIndex(limits: limits(), progress: progress)
    }

    private func fetchIndex(limits: TransferLimits, progress: ProgressHandler?) async throws -> ReleaseIndex {
        progress?(.fetchingIndex(indexURL))
        let data: Data
        if indexURL.isFileURL {
            // A local index is the user's own configuration (`TTPKIT_INDEX_URL=/path`).
            do {
                data = try FileBytes.read(path: indexURL.path, limit: Int(TransferLimits.documentBytes))
            } catch {
                throw DownloadError.transport(url: indexURL, reason: error.reason)
            }
        } else {
            let result: HTTPResult
            do {
                result = try await HTTPTransport(limits: limits.capped(at: TransferLimits.documentBytes))
                    .fetch(indexURL)
            } catch {
                throw DownloadError(error)
            }
            guard result.isSuccess else {
                throw DownloadError.httpStatus(url: indexURL, status: result.status)
            }
            data = result.body
        }
        let index = try ReleaseIndex(data: data, source: indexURL.absoluteString)
        try cache.create()
        do {
            try data.write(to: cache.indexFile, options: .atomic)
        } catch {
            throw DownloadError.fileSystem(path: cache.indexFile.path, reason: error.localizedDescription)
        }
        return index
    }

    /// The release index fetched last (`<cache>/index.json`), or `nil` if none was.
    public func cachedIndex() throws(ReleaseIndexError) -> ReleaseIndex? {
        guard let data = try? FileBytes.read(path: cache.indexFile.path, limit: Int(TransferLimits.documentBytes)) else {
            return nil
        }
        return try ReleaseIndex(data: data, source: cache.indexFile.path)
    }

    /// Fetches the index, then downloads the requested release of each domain into the cache.
    ///
    /// - Parameters:
    ///   - domains: the matrices to download, in order.
    ///   - version: the ATT&CK version (e.g. `"17.1"`); `nil` means the latest of each domain.
    ///   - force: download again even if the file is already cached.
    ///   - progress: receives index, download, byte and verification events.
    /// - Returns: one result per domain, in the order of `domains`.
    /// - Throws: `DownloadError`, `ReleaseIndexError`, `BundleVerificationError` wrapped in
    ///   `DownloadError.notABundle`, or `CacheError`; releases installed before the failure stay.
    @discardableResult
    public func update(domains: [AttackDomain] = [.enterprise], version: String? = nil, force: Bool = false,
                       progress: ProgressHandler? = nil) async throws -> [ReleaseDownload] {
        let limits = limits()
        let index = try await fetchIndex(limits: limits, progress: progress)
        var results: [ReleaseDownload] = []
        for domain in domains {
            let release = try version.map { text throws(ReleaseIndexError) in try index.release(domain, version: text) }
                ?? index.latest(domain)
            results.append(try await install(release, domain: domain, force: force, limits: limits, progress: progress))
        }
        return results
    }

    /// Downloads one release into the cache (see the type's documentation).
    ///
    /// - Throws: `DownloadError` or `CacheError`.
    public func install(_ release: ReleaseIndex.Release, domain: AttackDomain, force: Bool = false,
                        progress: ProgressHandler? = nil) async throws -> ReleaseDownload {
        try await install(release, domain: domain, force: force, limits: limits(), progress: progress)
    }

    private func install(_ release: ReleaseIndex.Release, domain: AttackDomain, force: Bool, limits: TransferLimits,
                         progress: ProgressHandler?) async throws -> ReleaseDownload {
        let version = release.version.text
        let destination = cache.bundleFile(domain: domain, version: version)
        if !force, FileManager.default.fileExists(atPath: destination.path) {
            let size = (try? FileManager.default.attributesOfItem(atPath: destination.path)[.size] as? NSNumber)??
                .int64Value ?? 0
            progress?(.alreadyCached(domain: domain, version: version, file: destination))
            return ReleaseDownload(
                bundle: CachedBundle(domain: domain, version: release.version, size: size, url: destination), wasAlreadyCached: true)
        }
        try cache.create()
        cache.removeStalePartialFiles()
        let temporary = cache.partialFile(for: destination.lastPathComponent)
        defer { try? FileManager.default.removeItem(at: temporary) }

        progress?(.downloadStarted(domain: domain, version: version, url: release.url))
        let url = release.url
        let result: HTTPResult
        do {
            result = try await HTTPTransport(limits: limits).download(url, to: temporary) { received, expected in
                progress?(.bytesReceived(url: url, received: received, expected: expected))
            }
        } catch {
            throw DownloadError(error)
        }
        guard result.isSuccess else {
            throw DownloadError.httpStatus(url: url, status: result.status)
        }

        progress?(.verifying(release.url))
        do {
            _ = try BundleVerifier.verify(fileAt: temporary, expecting: .init(domain: domain, version: release.version))
        } catch {
            throw DownloadError.notABundle(url: release.url, problem: error.relabeled(path: release.url.absoluteString))
        }
        try Self.moveIntoPlace(temporary, destination)
        progress?(.installed(domain: domain, version: version, file: destination, bytes: result.bytesReceived))
        return ReleaseDownload(
            bundle: CachedBundle(domain: domain, version: release.version, size: result.bytesReceived, url: destination),
            wasAlreadyCached: false)
    }

    /// Renames `source` over `destination` in one step (both in the same folder).
    static func moveIntoPlace(_ source: URL, _ destination: URL) throws(DownloadError) {
        if rename(source.path, destination.path) != 0 {
            let reason = String(cString: strerror(errno))
            throw .fileSystem(path: destination.path, reason: "cannot move the download into place: \(reason)")
        }
    }
}

/// One release handled by `ReleaseDownloader`.
public struct ReleaseDownload: Sendable, Hashable {
    /// The bundle, now in the cache.
    public let bundle: CachedBundle
    /// True when the file was already cached and nothing was downloaded.
    public let wasAlreadyCached: Bool
}

/// Why a download failed. Nothing is left in the cache when one does.
public enum DownloadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No complete response: offline, DNS, TLS, refused, timeout, too large, connection lost,
    /// or a scheme other than http(s).
    case transport(url: URL, reason: String)
    /// The server answered with a status other than 2xx.
    case httpStatus(url: URL, status: Int)
    /// The connection closed before the announced `Content-Length` arrived.
    case truncated(url: URL, received: Int64, expected: Int64)
    /// The downloaded file is not a complete ATT&CK bundle.
    case notABundle(url: URL, problem: BundleVerificationError)
    /// The cache could not be written.
    case fileSystem(path: String, reason: String)

    init(_ error: TransportError) {
        switch error {
        case .truncated(let url, let received, let expected):
            self = .truncated(url: url, received: received, expected: expected)
        case .write(let path, let reason): self = .fileSystem(path: path, reason: reason)
        case .failed(let url, _), .timedOut(let url, _), .tooLarge(let url, _), .unsupportedScheme(let url):
            self = .transport(url: url, reason: error.reason)
        }
    }

    public var description: String {
        switch self {
        case .transport(let url, let reason):
            "\(url.absoluteString): download failed: \(reason)"
        case .httpStatus(let url, let status):
            "\(url.absoluteString): expected HTTP 200, the server answered \(status) \(HTTPResponseStatus(statusCode: status).reasonPhrase.lowercased())"
        case .truncated(let url, let received, let expected):
            "\(url.absoluteString): download truncated: received \(received) of \(expected) bytes; nothing was saved"
        case .notABundle(_, let problem):
            "\(problem); nothing was saved"
        case .fileSystem(let path, let reason):
            "\(path): \(reason)"
        }
    }
}

extension BundleVerificationError {
    /// The same problem, naming `path` (e.g. the URL instead of the temporary file).
    func relabeled(path: String) -> BundleVerificationError {
        switch self {
        case .unreadable(_, let reason): .unreadable(path: path, reason: reason)
        case .invalidBundle(_, let bytes, let problem):
            .invalidBundle(path: path, bytes: bytes, problem: problem.relabeled(source: path))
        case .noMatrix(_, let count): .noMatrix(path: path, objectCount: count)
        case .noTechniques(_, let count): .noTechniques(path: path, objectCount: count)
        case .inconsistent(_, let found): .inconsistent(path: path, found: found)
        case .notTheRelease(_, let expected, let found): .notTheRelease(path: path, expected: expected, found: found)
        }
    }
}
