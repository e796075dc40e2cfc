import ATTACK
import Foundation

/// A progress event from the data store, for the CLI to render; the library never prints.
///
/// (Named `DataStoreProgress` rather than `Progress` so that it does not clash with
/// Foundation's `Progress` in files that import both.)
///
/// ```swift
/// let downloader = ReleaseDownloader(cache: .resolve())
/// try await downloader.update(domains: [.enterprise]) { event in
///     FileHandle.standardError.write(Data("ttpkit: \(event)\n".utf8))
/// }
/// // ttpkit: downloading Enterprise ATT&CK 18.1 from https://raw.githubusercontent.com/…
/// ```
public enum DataStoreProgress: Sendable, Equatable, CustomStringConvertible {
    /// A one-line message meant for the user as it is (e.g. the bootstrap notice).
    case notice(String)
    /// The release index is being fetched from this URL.
    case fetchingIndex(URL)
    /// A release download starts.
    case downloadStarted(domain: AttackDomain, version: String, url: URL)
    /// Bytes of a transfer have arrived; `expected` is `nil` when the server did not say.
    case bytesReceived(url: URL, received: Int64, expected: Int64?)
    /// A downloaded file is being checked to be a complete ATT&CK bundle.
    case verifying(URL)
    /// A verified bundle was moved into the cache.
    case installed(domain: AttackDomain, version: String, file: URL, bytes: Int64)
    /// A release was already in the cache and was not downloaded again.
    case alreadyCached(domain: AttackDomain, version: String, file: URL)
    /// A page of a TAXII collection arrived (`page` counts from 1).
    case taxiiPage(collection: String, page: Int, objects: Int, total: Int)

    /// A one-line English rendering, without a program-name prefix.
    public var description: String {
        switch self {
        case .notice(let message):
            return message
        case .fetchingIndex(let url):
            return "fetching the ATT&CK release index from \(url.absoluteString)"
        case .downloadStarted(let domain, let version, let url):
            return "downloading \(domain.collectionName) \(version) from \(url.absoluteString)"
        case .bytesReceived(_, let received, let expected):
            if let expected, expected > 0 {
                let percent = Int(Double(received) / Double(expected) * 100)
                return "received \(ByteCount(received)) of \(ByteCount(expected)) (\(percent)%)"
            }
            return "received \(ByteCount(received))"
        case .verifying(let url):
            return "verifying \(url.path)"
        case .installed(let domain, let version, let file, let bytes):
            return "installed \(domain.collectionName) \(version) (\(ByteCount(bytes))) at \(file.path)"
        case .alreadyCached(let domain, let version, let file):
            return "\(domain.collectionName) \(version) is already cached at \(file.path)"
        case .taxiiPage(let collection, let page, let objects, let total):
            return "TAXII collection \(collection): page \(page), \(objects) objects (\(total) so far)"
        }
    }
}

/// Receives progress events; called on an arbitrary thread.
public typealias ProgressHandler = @Sendable (DataStoreProgress) -> Void

/// A byte count rendered for people: `812 B`, `3.4 MB`.
struct ByteCount: CustomStringConvertible {
    let bytes: Int64
    init(_ bytes: Int64) { self.bytes = bytes }
    var description: String {
        let units = ["B", "KB", "MB", "GB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1000, unit < units.count - 1 {
            value /= 1000
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : "\(String(format: "%.1f", value)) \(units[unit])"
    }
}
