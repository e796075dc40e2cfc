import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1 for tests of network code; no internet needed.
///
/// It binds an ephemeral port, serves canned routes on its own thread, one connection at a time
/// (every response closes the connection), records the requests it saw (with the body their
/// `Content-Length` announces, up to 16 MiB), and stops on `stop()`
/// or when released. Bodies can be sent whole, in chunks (`Transfer-Encoding: chunked`), or cut
/// off mid-body to imitate a dropped connection:
///
/// ```swift
/// let server = try LoopbackHTTPServer()
/// server.route("/index.json") { _ in .json(#"{"collections":[]}"#) }
/// server.route("/big.json") { _ in .init(body: .truncated(payload, declaredLength: 10_000)) }
/// let url = server.url("/index.json")   // http://127.0.0.1:41234/index.json
/// ```
public final class LoopbackHTTPServer: @unchecked Sendable {
    /// A request as the server parsed it.
    public struct Request: Sendable {
        /// `GET`, `POST`…
        public let method: String
        /// The path without the query, percent-decoded.
        public let path: String
        /// The decoded query parameters (the last value wins for repeated names).
        public let query: [String: String]
        /// Header fields with lower-cased names.
        public let headers: [String: String]
        /// The body its `Content-Length` announced (empty without one).
        public let body: Data
    }

    /// How the response body goes on the wire.
    public enum Body: Sendable {
        /// The whole body with a `Content-Length`.
        case complete(Data)
        /// `Transfer-Encoding: chunked`, one HTTP chunk per element.
        case chunked([Data])
        /// Announces `declaredLength` bytes, sends `Data`, then closes the connection.
        case truncated(Data, declaredLength: Int)
        /// Sends chunks without the terminating zero-length chunk, then closes.
        case chunkedTruncated([Data])
        /// Neither length nor chunking: the body ends when the connection closes.
        case untilClose(Data)
        /// Announces `declaredLength` bytes, sends `Data`, then sends nothing more and keeps the
        /// connection open until the server stops: a stalled server.
        case stalled(Data, declaredLength: Int)
        /// Sends nothing, not even a status line, and keeps the connection open until the
        /// server stops: a server that never answers.
        case silent
    }

    /// A canned response.
    public struct Response: Sendable {
        /// The status code.
        public var status: Int
        /// Extra header fields.
        public var headers: [String: String]
        /// The body and how it is framed.
        public var body: Body

        /// A response; `Content-Type` defaults to `application/json`.
        public init(status: Int = 200, headers: [String: String] = [:], body: Body = .complete(Data())) {
            self.status = status
            self.headers = headers
            self.body = body
        }

        /// A complete JSON body.
        public static func json(_ text: String, status: Int = 200, headers: [String: String] = [:]) -> Response {
            Response(status: status, headers: headers, body: .complete(Data(text.utf8)))
        }
    }

    /// Answers one request.
    public typealias Handler = @Sendable (Request) -> Response

    /// The port the server listens on.
    public let port: UInt16
    /// `http://127.0.0.1:<port>`.
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private let listener: Int32
    private let wakeRead: Int32
    private let wakeWrite: Int32
    private let lock = NSLock()
    private var routes: [String: Handler] = [:]
    private var recorded: [Request] = []
    private var stopped = false
    private let finished = DispatchSemaphore(value: 0)

    /// Binds 127.0.0.1 on an ephemeral port and starts serving.
    public init() throws {
        let fd = socket(AF_INET, Self.streamType, 0)
        guard fd >= 0 else { throw ServerError.system("socket", errno) }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 16) == 0 else {
            let code = errno
            close(fd)
            throw ServerError.system("bind/listen", code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else {
            let code = errno
            close(fd)
            throw ServerError.system("getsockname", code)
        }
        var pipeEnds: [Int32] = [0, 0]
        guard pipe(&pipeEnds) == 0 else {
            let code = errno
            close(fd)
            throw ServerError.system("pipe", code)
        }
        listener = fd
        wakeRead = pipeEnds[0]
        wakeWrite = pipeEnds[1]
        port = UInt16(bigEndian: address.sin_port)
        let thread = Thread { [self] in serve() }
        thread.name = "LoopbackHTTPServer:\(port)"
        thread.start()
    }

    deinit { stop() }

    /// Serves `handler` for requests whose path (without query) is `path`; replaces any earlier one.
    public func route(_ path: String, _ handler: @escaping Handler) {
        lock.withLock { routes[path] = handler }
    }

    /// `baseURL` plus a path (and query) such as `/taxii2/`.
    public func url(_ pathAndQuery: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(pathAndQuery)")!
    }

    /// The requests served so far, in order.
    public var requests: [Request] { lock.withLock { recorded } }

    /// Stops serving and waits for the server thread to finish; safe to call twice.
    public func stop() {
        let first = lock.withLock { () -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        var byte: UInt8 = 1
        _ = write(wakeWrite, &byte, 1)
        finished.wait()
        close(listener)
        close(wakeRead)
        close(wakeWrite)
    }

    // MARK: Serving

    private func serve() {
        defer { finished.signal() }
        while true {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            if fds[1].revents != 0 { return }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { continue }
            handle(connection)
            close(connection)
        }
    }

    private func handle(_ connection: Int32) {
        #if canImport(Darwin)
        var yes: Int32 = 1
        setsockopt(connection, SOL_SOCKET, SO_NOSIGPIPE, &yes, socklen_t(MemoryLayout<Int32>.size))
        #endif
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        guard let request = readRequest(connection) else { return }
        let handler = lock.withLock { () -> Handler? in
            recorded.append(request)
            return routes[request.path]
        }
        let response = handler?(request)
            ?? .json(#"{"title":"Not Found","description":"no route for \#(request.path)"}"#, status: 404)
        respond(response, on: connection)
        shutdown(connection, Int32(SHUT_WR))
    }

    private func readRequest(_ connection: Int32) -> Request? {
        var buffer = [UInt8]()
        var chunk = [UInt8](repeating: 0, count: 4096)
        let terminator: [UInt8] = [13, 10, 13, 10]
        while buffer.count < 64 * 1024 {
            let count = recv(connection, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer.append(contentsOf: chunk[0..<count])
            if buffer.count >= 4, let _ = Self.find(terminator, in: buffer) { break }
        }
        guard let end = Self.find(terminator, in: buffer),
              let head = String(bytes: buffer[0..<end], encoding: .utf8) else { return nil }
        var body = Data(buffer[(end + 4)...])
        let lines = head.components(separatedBy: "\r\n")
        let parts = lines[0].split(separator: " ")
        guard parts.count >= 2 else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let declared = min(headers["content-length"].flatMap { Int($0) } ?? 0, 16 * 1_048_576)
        while body.count < declared {
            let count = recv(connection, &chunk, min(chunk.count, declared - body.count), 0)
            guard count > 0 else { return nil }
            body.append(contentsOf: chunk[0..<count])
        }
        let components = URLComponents(string: "http://127.0.0.1" + String(parts[1]))
        var query: [String: String] = [:]
        for item in components?.queryItems ?? [] { query[item.name] = item.value ?? "" }
        return Request(method: String(parts[0]), path: components?.path ?? String(parts[1]),
                       query: query, headers: headers, body: body)
    }

    private func respond(_ response: Response, on connection: Int32) {
        if case .silent = response.body { return holdUntilStopped() }
        var head = "HTTP/1.1 \(response.status) \(Self.reason(response.status))\r\nConnection: close\r\n"
        var headers = response.headers
        if headers.keys.first(where: { $0.lowercased() == "content-type" }) == nil {
            headers["Content-Type"] = "application/json"
        }
        switch response.body {
        case .complete(let data): headers["Content-Length"] = String(data.count)
        case .truncated(_, let declared), .stalled(_, let declared): headers["Content-Length"] = String(declared)
        case .chunked, .chunkedTruncated: headers["Transfer-Encoding"] = "chunked"
        case .untilClose, .silent: break
        }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        guard sendAll(Data(head.utf8), to: connection) else { return }
        switch response.body {
        case .complete(let data), .truncated(let data, _), .untilClose(let data):
            _ = sendAll(data, to: connection)
        case .stalled(let data, _):
            guard sendAll(data, to: connection) else { return }
            holdUntilStopped()
        case .silent:
            break
        case .chunked(let chunks), .chunkedTruncated(let chunks):
            for chunk in chunks where !chunk.isEmpty {
                var framed = Data(String(chunk.count, radix: 16).utf8) + Data("\r\n".utf8)
                framed.append(chunk)
                framed.append(Data("\r\n".utf8))
                guard sendAll(framed, to: connection) else { return }
            }
            if case .chunked = response.body { _ = sendAll(Data("0\r\n\r\n".utf8), to: connection) }
        }
    }

    /// Returns when `stop()` writes to the wake pipe (the connection stays open meanwhile).
    private func holdUntilStopped() {
        var wake = pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)
        while poll(&wake, 1, -1) < 0, errno == EINTR {}
    }

    private func sendAll(_ data: Data, to connection: Int32) -> Bool {
        data.withUnsafeBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return true }
            var offset = 0
            while offset < raw.count {
                let sent = send(connection, base + offset, raw.count - offset, Self.sendFlags)
                if sent < 0, errno == EINTR { continue }
                guard sent > 0 else { return false }
                offset += sent
            }
            return true
        }
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard haystack.count >= needle.count else { return nil }
        for start in 0...(haystack.count - needle.count) where haystack[start..<start + needle.count].elementsEqual(needle) {
            return start
        }
        return nil
    }

    private static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 500: "Internal Server Error"
        default: "Status"
        }
    }

    #if canImport(Darwin)
    private static let streamType = SOCK_STREAM
    private static let sendFlags: Int32 = 0
    #else
    private static let streamType = Int32(SOCK_STREAM.rawValue)
    private static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif

    /// Why the server could not start.
    public enum ServerError: Error, CustomStringConvertible {
        /// A system call failed with this errno.
        case system(String, Int32)

        public var description: String {
            switch self {
            case .system(let call, let code): "LoopbackHTTPServer: \(call) failed: \(String(cString: strerror(code)))"
            }
        }
    }
}
