import Foundation

/// How `ttpkit serve` runs: where it listens, what it takes, who may read and write, and the
/// limits that keep one client from starving the others.
public struct ServerOptions: Sendable {
    /// The address to bind (loopback by default: nothing is exposed unless asked).
    public var host: String
    /// The TCP port.
    public var port: Int
    /// The largest request body, in bytes; larger uploads get 413 before they are read.
    public var bodyLimit: Int
    /// The token that writes (storing coverage) need; without one the server is read-only.
    /// It also reads whatever the read token reads.
    public var token: String?
    /// A token that reads coverage data (and TAXII with ``taxiiAuthentication``) but cannot write.
    public var readToken: String?
    /// When true, coverage history, snapshots and diffs are readable without a token even
    /// when one is configured.
    public var publicReads: Bool
    /// When true (and a token is set), TAXII reads need a token too (HTTP basic password or bearer).
    public var taxiiAuthentication: Bool
    /// When true, `X-Forwarded-Host` and `X-Forwarded-Proto` (set by a reverse proxy in front)
    /// name the server in TAXII discovery; otherwise they are ignored.
    public var trustedProxy: Bool
    /// Seconds before an idle connection is closed.
    public var idleTimeout: Int
    /// Seconds a new connection has to send a complete request head before it is closed.
    public var headerTimeout: Int
    /// The most connections open at once; when reached, the connection idle the longest
    /// (waiting for its first or next request) is closed to make room.
    public var maxConnections: Int
    /// Threads that run extraction and classifier training (never the threads answering requests).
    public var computeThreads: Int
    /// Compute jobs that may wait for a thread; more get 503 with `Retry-After`.
    public var computeQueue: Int
    /// Seconds a coverage-history database operation (or connecting at start-up) may take
    /// before the request gets 503.
    public var databaseTimeout: Double

    public init(host: String = "127.0.0.1", port: Int = 8080, bodyLimit: Int = 32 * 1024 * 1024,
                token: String? = nil, readToken: String? = nil, publicReads: Bool = false,
                taxiiAuthentication: Bool = false, trustedProxy: Bool = false, idleTimeout: Int = 60,
                headerTimeout: Int = 10, maxConnections: Int = 1000, computeThreads: Int = ServerOptions.defaultComputeThreads,
                computeQueue: Int = 16, databaseTimeout: Double = 5) {
        self.host = host
        self.port = port
        self.bodyLimit = bodyLimit
        self.token = token
        self.readToken = readToken
        self.publicReads = publicReads
        self.taxiiAuthentication = taxiiAuthentication
        self.trustedProxy = trustedProxy
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
        self.maxConnections = maxConnections
        self.computeThreads = computeThreads
        self.computeQueue = computeQueue
        self.databaseTimeout = databaseTimeout
    }

    /// One thread fewer than the machine has cores (at least one), so a core stays free for
    /// answering requests.
    public static var defaultComputeThreads: Int {
        max(1, ProcessInfo.processInfo.activeProcessorCount - 1)
    }
}
