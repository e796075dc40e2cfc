import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one request and takes in its response: the body goes to memory, or for a 2xx answer
/// with a `sink` to that file, and stops at `limits.maxBytes` or at the `Content-Length` it
/// announced. Time bounds are the client's (stall) and ``HTTPTransport``'s (deadline).
struct ResponseReceiver: Sendable {
    /// What is sent.
    struct Request: Sendable {
        let url: URL
        let method: HTTPMethod
        let headers: [String: String]
        /// Sent with a `Content-Length`; nil sends no body.
        let body: Data?
    }

    let request: Request
    var url: URL { request.url }
    let sink: URL?
    let limits: TransferLimits
    let progress: (@Sendable (Int64, Int64?) -> Void)?

    private static let reportEvery: Int64 = 256 * 1024
    private static let errorBodyLimit = 64 * 1024

    func run(_ client: HTTPClient) async -> Result<HTTPResult, TransportError> {
        var outgoing = HTTPClientRequest(url: url.absoluteString)
        outgoing.method = request.method
        for (name, value) in request.headers { outgoing.headers.replaceOrAdd(name: name, value: value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, deadline: .distantFuture)
        } catch {
            return .failure(failure(error, received: 0, expected: nil))
        }
        let status = Int(response.status.code)
        let success = (200..<300).contains(status)
        var fields: [String: String] = [:]
        for (name, value) in response.headers { fields[name.lowercased()] = value }
        let declared = fields["content-length"].flatMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
        if success, let declared, declared > limits.maxBytes {
            return .failure(.tooLarge(url: url, limit: limits.maxBytes))
        }
        let identity = (fields["content-encoding"]?.lowercased() ?? "identity") == "identity"
        let expected = identity ? declared.flatMap { $0 > 0 ? $0 : nil } : nil

        var handle: FileHandle?
        if let sink, success {
            guard FileManager.default.createFile(atPath: sink.path, contents: nil),
                  let opened = try? FileHandle(forWritingTo: sink) else {
                return .failure(.write(path: sink.path, reason: "cannot create the file"))
            }
            handle = opened
        }
        defer { try? handle?.close() }

        var memory = Data()
        var received: Int64 = 0
        var lastReported: Int64 = 0
        var iterator = response.body.makeAsyncIterator()
        while true {
            let next: ByteBuffer?
            do {
                next = try await iterator.next()
            } catch {
                return .failure(failure(error, received: received, expected: expected))
            }
            guard let buffer = next else { break }
            let count = Int64(buffer.readableBytes)
            guard count <= limits.maxBytes - received else { return .failure(.tooLarge(url: url, limit: limits.maxBytes)) }
            if let handle {
                do {
                    try buffer.withUnsafeReadableBytes { try handle.write(contentsOf: $0) }
                } catch {
                    return .failure(.write(path: sink?.path ?? "", reason: error.localizedDescription))
                }
            } else if sink == nil || memory.count < Self.errorBodyLimit {
                memory.append(contentsOf: buffer.readableBytesView)
            }
            received += count
            if handle != nil || sink == nil, received - lastReported >= Self.reportEvery || received == expected {
                lastReported = received
                progress?(received, expected)
            }
        }
        if Task.isCancelled { return .failure(.failed(url: url, reason: "cancelled")) }
        if success, let expected, received != expected {
            return .failure(.truncated(url: url, received: received, expected: expected))
        }
        return .success(HTTPResult(url: url, status: status, headers: fields, body: memory, bytesReceived: received))
    }

    /// A failed request or body, in words.
    private func failure(_ error: any Error, received: Int64, expected: Int64?) -> TransportError {
        let seconds = Int(limits.stallTimeout.rounded())
        if let error = error as? HTTPClientError {
            switch error {
            case .readTimeout: return .timedOut(url: url, reason: "no data for \(seconds) s; stopped")
            case .connectTimeout, .tlsHandshakeTimeout:
                return .timedOut(url: url, reason: "no connection within \(seconds) s; stopped")
            case .deadlineExceeded: return .timedOut(url: url, reason: "not finished in the time allowed; stopped")
            default: break
            }
        }
        if let expected, received < expected {
            return .truncated(url: url, received: received, expected: expected)
        }
        if let error = error as? IOError {
            // NIO's own description repeats itself ("connection reset (error set): Connection refused) (errno: 111)").
            return .failed(url: url, reason: "the connection failed: \(String(cString: strerror(error.errnoCode)))")
        }
        if let error = error as? HTTPClientError, error == .remoteConnectionClosed {
            return .failed(url: url, reason: "the server closed the connection before the answer was complete")
        }
        if let error = error as? HTTPClientError, error == .cancelled || error == .requestStreamCancelled {
            return .failed(url: url, reason: "cancelled")
        }
        return .failed(url: url, reason: "\(error)")
    }
}
