import Foundation

/// The outcome of one HTTP exchange: a complete response, whatever its status.
public struct HTTPResult: Sendable {
    /// The final URL (after redirects).
    public let url: URL
    /// The status code, e.g. 201.
    public let status: Int
    /// Header fields with lower-cased names.
    public let headers: [String: String]
    /// The body (at most `TransferLimits.maxBytes`); for a download, only a non-2xx body (at
    /// most 64 KiB), else empty.
    public let body: Data
    /// Bytes of body received.
    public let bytesReceived: Int64

    /// True for a 2xx status.
    public var isSuccess: Bool { (200..<300).contains(status) }
}

/// How long and how much one network operation may take. A server that answers one byte a
/// second, never stops sending, or sends an endless page is cut off with an error saying which
/// bound it hit.
public struct TransferLimits: Sendable, Hashable {
    /// When the whole operation (every request it makes) must be done.
    public var deadline: Date
    /// Seconds without a byte before a request fails.
    public var stallTimeout: TimeInterval
    /// The most bytes one response body may have.
    public var maxBytes: Int64

    /// Limits for an operation starting now that may take `total` seconds.
    public init(total: TimeInterval, stallTimeout: TimeInterval = 60, maxBytes: Int64) {
        deadline = Date(timeIntervalSinceNow: total)
        self.stallTimeout = stallTimeout
        self.maxBytes = maxBytes
    }

    /// The largest response body other than a bundle (a release index, a TAXII page).
    public static let documentBytes: Int64 = 64 * 1_048_576

    /// The same limits with another body cap.
    func capped(at bytes: Int64) -> TransferLimits {
        var copy = self
        copy.maxBytes = bytes
        return copy
    }
}

/// Why an HTTP exchange failed before a complete response arrived.
public enum TransportError: Error, Sendable {
    /// No response: connection refused, DNS, TLS, connection lost, cancelled...
    case failed(url: URL, reason: String)
    /// A time bound ran out (`reason` says which).
    case timedOut(url: URL, reason: String)
    /// The body went past `TransferLimits.maxBytes`.
    case tooLarge(url: URL, limit: Int64)
    /// The URL's scheme is not http or https.
    case unsupportedScheme(url: URL)
    /// The response ended before the `Content-Length` it announced.
    case truncated(url: URL, received: Int64, expected: Int64)
    /// The body could not be written to disk.
    case write(path: String, reason: String)

    /// The URL the failed request went to (none for a failed write).
    public var url: URL? {
        switch self {
        case .failed(let url, _), .truncated(let url, _, _), .timedOut(let url, _), .tooLarge(let url, _),
             .unsupportedScheme(let url): url
        case .write: nil
        }
    }

    /// What went wrong, in words (without the URL).
    public var reason: String {
        switch self {
        case .failed(_, let reason), .timedOut(_, let reason): reason
        case .tooLarge(_, let limit): "the answer went past \(ByteCount(limit)), the most accepted; stopped"
        case .unsupportedScheme(let url): "only http and https are fetched, not \(url.scheme ?? "a URL without a scheme")"
        case .truncated(_, let received, let expected): "response truncated: \(received) of \(expected) bytes"
        case .write(let path, let reason): "\(path): \(reason)"
        }
    }
}
