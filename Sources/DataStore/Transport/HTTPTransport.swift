import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The outcome of one HTTP exchange.
struct HTTPResult: Sendable {
    /// The final URL (after redirects).
    let url: URL
    let status: Int
    /// Header fields with lower-cased names.
    let headers: [String: String]
    /// The body for `fetch`; for `download`, only a non-2xx body (at most 64 KiB), else empty.
    let body: Data
    /// Bytes of body received.
    let bytesReceived: Int64

    var isSuccess: Bool { (200..<300).contains(status) }
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
enum TransportError: Error, Sendable {
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

    var url: URL? {
        switch self {
        case .failed(let url, _), .truncated(let url, _, _), .timedOut(let url, _), .tooLarge(let url, _),
             .unsupportedScheme(let url): url
        case .write: nil
        }
    }

    /// What went wrong, in words (without the URL).
    var reason: String {
        switch self {
        case .failed(_, let reason), .timedOut(_, let reason): reason
        case .tooLarge(_, let limit): "the answer went past \(ByteCount(limit)), the most accepted; stopped"
        case .unsupportedScheme(let url): "only http and https are fetched, not \(url.scheme ?? "a URL without a scheme")"
        case .truncated(_, let received, let expected): "response truncated: \(received) of \(expected) bytes"
        case .write(let path, let reason): "\(path): \(reason)"
        }
    }
}

/// Minimal HTTP client over `URLSession`'s delegate API.
///
/// On Linux (swift-corelibs-foundation) the async conveniences are not all available or
/// reliable, and `download(for:)` writes to a temporary folder of its own; the delegate API is
/// available everywhere and lets us stream straight into a file in the cache folder and report
/// progress. Each exchange uses its own ephemeral session, invalidated when done. Only http
/// and https URLs are fetched, and every exchange is bounded by `limits`: a watchdog cancels it
/// at the deadline or after `stallTimeout` seconds without a byte, and a body past `maxBytes`
/// is cut off.
struct HTTPTransport: Sendable {
    var limits: TransferLimits

    /// Fetches a whole body into memory.
    func fetch(_ request: URLRequest) async throws(TransportError) -> HTTPResult {
        try await perform(request, sink: nil, progress: nil)
    }

    /// Streams a 2xx body into `file` (created or truncated); other statuses keep their body in
    /// memory instead. Checks the length against `Content-Length` when the body is not encoded.
    func download(_ request: URLRequest, to file: URL,
                  progress: (@Sendable (Int64, Int64?) -> Void)?) async throws(TransportError) -> HTTPResult {
        try await perform(request, sink: file, progress: progress)
    }

    private func perform(_ request: URLRequest, sink: URL?,
                         progress: (@Sendable (Int64, Int64?) -> Void)?) async throws(TransportError) -> HTTPResult {
        let requestURL = request.url ?? URL(fileURLWithPath: "/")
        guard let scheme = requestURL.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw .unsupportedScheme(url: requestURL)
        }
        let remaining = limits.deadline.timeIntervalSinceNow
        guard remaining > 0 else {
            throw .timedOut(url: requestURL, reason: "the time allowed for the whole operation ran out before this request")
        }
        var request = request
        request.timeoutInterval = limits.stallTimeout
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = limits.stallTimeout
        configuration.timeoutIntervalForResource = remaining
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        let delegate = TransferDelegate(url: requestURL, sink: sink, limits: limits, progress: progress)
        let session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let task = session.dataTask(with: request)
        let outcome: Result<HTTPResult, TransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                delegate.start(task: task, continuation: continuation)
            }
        } onCancel: {
            task.cancel()
        }
        return try outcome.get()
    }
}

/// Collects one task's response; all state is guarded by `lock`.
private final class TransferDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    private let lock = NSLock()
    private let url: URL
    private let sinkURL: URL?
    private let progress: (@Sendable (Int64, Int64?) -> Void)?
    private var continuation: CheckedContinuation<Result<HTTPResult, TransportError>, Never>?
    private var response: HTTPURLResponse?
    private var headers: [String: String] = [:]
    private var handle: FileHandle?
    private var memory = Data()
    private var received: Int64 = 0
    private var expected: Int64?
    private var lastReported: Int64 = 0
    private var writeFailure: TransportError?
    private var challenged = false
    private var challengeResponse: HTTPURLResponse?
    private let limits: TransferLimits
    private var lastActivity = Date()
    private var task: URLSessionDataTask?
    private var watchdog: DispatchSourceTimer?

    private static let reportEvery: Int64 = 256 * 1024
    private static let errorBodyLimit = 64 * 1024

    init(url: URL, sink: URL?, limits: TransferLimits, progress: (@Sendable (Int64, Int64?) -> Void)?) {
        self.url = url
        self.sinkURL = sink
        self.limits = limits
        self.progress = progress
    }

    func start(task: URLSessionDataTask,
               continuation: CheckedContinuation<Result<HTTPResult, TransportError>, Never>) {
        // The watchdog wakes a few times a second at most; it sleeps in between (a timer, not a loop).
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
        let interval = max(0.05, min(1, limits.stallTimeout / 4))
        timer.schedule(deadline: .now() + interval, repeating: interval, leeway: .milliseconds(50))
        timer.setEventHandler { [weak self] in self?.checkLimits() }
        lock.withLock {
            self.continuation = continuation
            self.task = task
            self.lastActivity = Date()
            self.watchdog = timer
        }
        timer.resume()
        task.resume()
    }

    /// Cancels the task when the deadline passed or nothing arrived for `stallTimeout` seconds.
    private func checkLimits() {
        let expired: TransportError? = lock.withLock {
            guard writeFailure == nil, continuation != nil else { return nil }
            let now = Date()
            if now.addingTimeInterval(0.2) >= limits.deadline {
                writeFailure = .timedOut(url: url, reason: "not finished in the time allowed; stopped")
            } else if now.timeIntervalSince(lastActivity) >= limits.stallTimeout {
                writeFailure = .timedOut(url: url, reason: "no data for \(Int(limits.stallTimeout.rounded())) s; stopped")
            }
            return writeFailure
        }
        if expired != nil { lock.withLock { task }?.cancel() }
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        var disposition = URLSession.ResponseDisposition.allow
        lock.withLock {
            guard let http = response as? HTTPURLResponse else {
                writeFailure = .failed(url: url, reason: "the server's answer is not an HTTP response")
                disposition = .cancel
                return
            }
            self.response = http
            lastActivity = Date()
            if http.expectedContentLength > limits.maxBytes, (200..<300).contains(http.statusCode) {
                writeFailure = .tooLarge(url: url, limit: limits.maxBytes)
                disposition = .cancel
                return
            }
            var fields: [String: String] = [:]
            for (key, value) in http.allHeaderFields {
                fields[String(describing: key).lowercased()] = String(describing: value)
            }
            headers = fields
            let encoding = fields["content-encoding"]?.lowercased() ?? "identity"
            if http.expectedContentLength > 0, encoding == "identity" {
                expected = http.expectedContentLength
            }
            if let sinkURL, (200..<300).contains(http.statusCode) {
                if FileManager.default.createFile(atPath: sinkURL.path, contents: nil),
                   let opened = try? FileHandle(forWritingTo: sinkURL) {
                    handle = opened
                } else {
                    writeFailure = .write(path: sinkURL.path, reason: "cannot create the file")
                    disposition = .cancel
                }
            }
        }
        completionHandler(disposition)
    }

    /// Basic auth goes in the `Authorization` header, so a challenge (a 401 with
    /// `WWW-Authenticate`) means the credentials were refused or missing and must come back as
    /// the 401. On Linux, URLSession never completes such a task with `performDefaultHandling`
    /// (seen with medallion) and offers no way to get the body, so the challenge's failure
    /// response is kept and the task cancelled; the 401 is then reported without its body.
    func urlSession(_ session: URLSession, task: URLSessionTask, didReceive challenge: URLAuthenticationChallenge,
                    completionHandler: @escaping @Sendable (URLSession.AuthChallengeDisposition, URLCredential?) -> Void) {
        #if canImport(FoundationNetworking)
        // corelibs raises challenges only for HTTP authentication (TLS is left to libcurl).
        lock.withLock {
            challengeResponse = (challenge.failureResponse as? HTTPURLResponse)
            challenged = true
        }
        completionHandler(.cancelAuthenticationChallenge, nil)
        #else
        completionHandler(.performDefaultHandling, nil)
        #endif
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        var report: (Int64, Int64?)?
        lock.withLock {
            guard writeFailure == nil else { return }
            lastActivity = Date()
            if received + Int64(data.count) > limits.maxBytes {
                writeFailure = .tooLarge(url: url, limit: limits.maxBytes)
                dataTask.cancel()
                return
            }
            if let handle {
                do {
                    try handle.write(contentsOf: data)
                } catch {
                    writeFailure = .write(path: sinkURL?.path ?? "", reason: error.localizedDescription)
                    dataTask.cancel()
                    return
                }
            } else if sinkURL == nil || memory.count < Self.errorBodyLimit {
                memory.append(data)
            }
            received += Int64(data.count)
            let reportable = handle != nil || sinkURL == nil
            if reportable, received - lastReported >= Self.reportEvery || received == expected {
                lastReported = received
                report = (received, expected)
            }
        }
        if let report, let progress {
            progress(report.0, report.1)
        }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let (continuation, outcome): (CheckedContinuation<Result<HTTPResult, TransportError>, Never>?,
                                      Result<HTTPResult, TransportError>) = lock.withLock {
            let pending = self.continuation
            self.continuation = nil
            watchdog?.cancel()
            watchdog = nil
            self.task = nil
            if let handle {
                try? handle.close()
                self.handle = nil
            }
            if let writeFailure { return (pending, .failure(writeFailure)) }
            if challenged {
                var fields: [String: String] = [:]
                for (key, value) in challengeResponse?.allHeaderFields ?? [:] {
                    fields[String(describing: key).lowercased()] = String(describing: value)
                }
                let status = challengeResponse?.statusCode ?? 401
                return (pending, .success(HTTPResult(url: url, status: status, headers: fields, body: Data(),
                                                     bytesReceived: 0)))
            }
            if let error {
                let nsError = error as NSError
                if nsError.domain == NSURLErrorDomain, nsError.code == NSURLErrorTimedOut {
                    // URLSession's own request/resource timeouts, set from the same limits.
                    let reason = Date().addingTimeInterval(0.2) >= limits.deadline ? "not finished in the time allowed; stopped"
                        : "no data for \(Int(limits.stallTimeout.rounded())) s; stopped"
                    return (pending, .failure(.timedOut(url: url, reason: reason)))
                }
                if let expected, received < expected {
                    return (pending, .failure(.truncated(url: url, received: received, expected: expected)))
                }
                let reason = nsError.localizedDescription.isEmpty ? "\(nsError.domain) \(nsError.code)"
                    : nsError.localizedDescription
                return (pending, .failure(.failed(url: url, reason: reason)))
            }
            guard let response else {
                return (pending, .failure(.failed(url: url, reason: "no response")))
            }
            if let expected, received != expected, (200..<300).contains(response.statusCode) {
                return (pending, .failure(.truncated(url: url, received: received, expected: expected)))
            }
            let result = HTTPResult(url: response.url ?? url, status: response.statusCode, headers: headers,
                                    body: memory, bytesReceived: received)
            return (pending, .success(result))
        }
        continuation?.resume(returning: outcome)
    }
}
