import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Minimal HTTP client over AsyncHTTPClient (SwiftNIO's event loops).
///
/// Foundation's `URLSession` on Linux polls while it waits (hundreds of wake-ups a second,
/// seconds of system time while a slow server sends nothing); NIO's event loop sleeps in
/// `epoll_wait` until a byte or a timer arrives. Only http and https URLs are fetched, also as
/// redirect targets (at most ``redirectLimit``, followed here rather than by the client so that
/// each target is checked and credentials never go to another origin). Every exchange is
/// bounded by `limits`: the deadline for the whole operation, `stallTimeout` seconds without a
/// byte (connecting included), and `maxBytes` of body.
///
/// ```swift
/// let transport = HTTPTransport(limits: TransferLimits(total: 120, maxBytes: 1_048_576))
/// let answer = try await transport.post(url, body: document, headers: ["Content-Type": "application/json"])
/// print(answer.status, String(decoding: answer.body, as: UTF8.self))
/// ```
public struct HTTPTransport: Sendable {
    var limits: TransferLimits

    /// The most redirects one request follows.
    static let redirectLimit = 5

    /// A transport whose every request is bounded by `limits`.
    public init(limits: TransferLimits) {
        self.limits = limits
    }

    /// Sends `body` with POST and returns the answer, whatever its status, with its body in
    /// memory. A 307 or 308 redirect is followed with the same method and body; 301, 302 and
    /// 303 would turn the POST into a GET, so they are not followed: the call fails, naming
    /// the status and the target.
    ///
    /// - Throws: `TransportError` when no complete answer arrived within `limits` (its body
    ///   going past `maxBytes` included).
    public func post(_ url: URL, body: Data, headers: [String: String] = [:]) async throws(TransportError) -> HTTPResult {
        try await perform(url, method: .POST, body: body, headers: headers, sink: nil, progress: nil)
    }

    /// Fetches a whole body into memory.
    func fetch(_ url: URL, headers: [String: String] = [:]) async throws(TransportError) -> HTTPResult {
        try await perform(url, method: .GET, body: nil, headers: headers, sink: nil, progress: nil)
    }

    /// Streams a 2xx body into `file` (created or truncated); other statuses keep their body in
    /// memory instead. Checks the length against `Content-Length` when the body is not encoded.
    func download(_ url: URL, headers: [String: String] = [:], to file: URL,
                  progress: (@Sendable (Int64, Int64?) -> Void)?) async throws(TransportError) -> HTTPResult {
        try await perform(url, method: .GET, body: nil, headers: headers, sink: file, progress: progress)
    }

    private func perform(_ url: URL, method: HTTPMethod, body: Data?, headers: [String: String], sink: URL?,
                         progress: (@Sendable (Int64, Int64?) -> Void)?) async throws(TransportError) -> HTTPResult {
        var url = url
        var headers = headers
        for _ in 0...Self.redirectLimit {
            guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
                throw .unsupportedScheme(url: url)
            }
            guard let host = url.host, !host.isEmpty else { throw .failed(url: url, reason: "the URL names no host") }
            let request = ResponseReceiver.Request(url: url, method: method, headers: headers, body: body)
            let result = try await exchange(request, sink: sink, progress: progress)
            guard let target = Self.redirectTarget(of: result) else { return result }
            if method != .GET, result.status != 307, result.status != 308 {
                throw .failed(url: url, reason: "the server redirected the \(method.rawValue) with \(result.status) to "
                    + "\(target.absoluteString); only a 307 or 308 redirect keeps the method and body, so it was not followed")
            }
            if !Self.sameOrigin(url, target) { headers = headers.filter { $0.key.lowercased() != "authorization" } }
            url = target
        }
        throw .failed(url: url, reason: "more than \(Self.redirectLimit) redirects; stopped")
    }

    /// Where a 3xx answer with a `Location` sends the request, resolved against its URL.
    private static func redirectTarget(of result: HTTPResult) -> URL? {
        guard [301, 302, 303, 307, 308].contains(result.status), let location = result.headers["location"],
              let target = URL(string: location, relativeTo: result.url) else { return nil }
        return target.absoluteURL
    }

    private static func sameOrigin(_ a: URL, _ b: URL) -> Bool {
        a.scheme?.lowercased() == b.scheme?.lowercased() && a.host?.lowercased() == b.host?.lowercased() && a.port == b.port
    }

    /// One request and its response, raced against the operation's deadline.
    private func exchange(_ request: ResponseReceiver.Request, sink: URL?,
                          progress: (@Sendable (Int64, Int64?) -> Void)?) async throws(TransportError) -> HTTPResult {
        let url = request.url
        let remaining = limits.deadline.timeIntervalSinceNow
        guard remaining > 0 else {
            throw .timedOut(url: url, reason: "the time allowed for the whole operation ran out before this request")
        }
        let stall = TimeAmount.nanoseconds(Int64(min(max(limits.stallTimeout, 0.001), 86_400 * 365) * 1e9))
        var pool = HTTPClient.Configuration.ConnectionPool()
        // A refused connection fails the request at once (the client would retry until the deadline).
        pool.retryConnectionEstablishment = false
        let configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: stall, read: stall, write: stall),
            connectionPool: pool, decompression: .disabled)
        let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
        let receiver = ResponseReceiver(request: request, sink: sink, limits: limits, progress: progress)
        let outcome = await withTaskGroup(of: Result<HTTPResult, TransportError>.self) { group in
            group.addTask { await receiver.run(client) }
            group.addTask {
                // Sleeps (a timer, no polling) until the deadline or until the exchange is done.
                try? await Task.sleep(nanoseconds: UInt64(min(remaining, 86_400 * 365) * 1e9))
                return .failure(Task.isCancelled ? .failed(url: url, reason: "cancelled")
                    : .timedOut(url: url, reason: "not finished in the time allowed; stopped"))
            }
            let first = await group.next() ?? .failure(.failed(url: url, reason: "cancelled"))
            group.cancelAll()
            return first
        }
        try? await client.shutdown()
        return try outcome.get()
    }
}
