/// How `ttpkit serve` runs: where it listens, what it takes, who may write.
public struct ServerOptions: Sendable {
    /// The address to bind (loopback by default: nothing is exposed unless asked).
    public var host: String
    /// The TCP port.
    public var port: Int
    /// The largest request body, in bytes; larger uploads get 413 before they are read.
    public var bodyLimit: Int
    /// The token that writes (storing coverage) need; without one the server is read-only.
    public var token: String?
    /// When true (and a token is set), TAXII reads need it too, as HTTP basic password.
    public var taxiiAuthentication: Bool
    /// Seconds before an idle connection is closed.
    public var idleTimeout: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, bodyLimit: Int = 32 * 1024 * 1024,
                token: String? = nil, taxiiAuthentication: Bool = false, idleTimeout: Int = 60) {
        self.host = host
        self.port = port
        self.bodyLimit = bodyLimit
        self.token = token
        self.taxiiAuthentication = taxiiAuthentication
        self.idleTimeout = idleTimeout
    }
}
