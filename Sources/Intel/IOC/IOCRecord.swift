/// An indicator with the references to ATT&CK that came with it, before resolution.
public struct IOCRecord: Sendable, Hashable {
    /// The indicator value (`1.2.3.4`, a hash, a domain); patterns are reduced to their value.
    public let value: String
    /// Its type as the source names it (`ipv4-addr`, `ip-dst`, `sha256`...).
    public let type: String
    /// ATT&CK IDs or names the source links to it (`T1059.001`, `APT29`, `Mimikatz`).
    public let references: [String]
    /// Sightings recorded for it (STIX `sighting` count), 0 when none.
    public let sightings: Int

    public init(value: String, type: String, references: [String], sightings: Int = 0) {
        self.value = value
        self.type = type
        self.references = references
        self.sightings = sightings
    }

    /// The value defanged for human outputs: `1.2.3[.]4`, `hxxp://evil[.]com`.
    public var defanged: String {
        value.replacingOccurrences(of: "http", with: "hxxp").replacingOccurrences(of: ".", with: "[.]")
    }
}

/// Why an IOC file could not be read; one line for the user.
public struct IOCError: Error, Sendable, CustomStringConvertible, Equatable {
    public let source: String
    public let message: String
    public init(source: String, message: String) {
        self.source = source
        self.message = message
    }

    public var description: String { "\(source): \(message)" }
}
