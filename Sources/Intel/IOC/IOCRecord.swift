import Foundation

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

    /// The value defanged for human outputs: `1.2.3[.]4`, `hxxp://evil[.]com`. Values that
    /// cannot be followed — local file paths (`C:\\Windows\\evil.exe`, `/tmp/x.sh`), file names
    /// and hashes — are kept as they are.
    public var defanged: String {
        guard isNetworkIndicator else { return value }
        // An already defanged value (`evil[.]com`, `hxxps://`) is not defanged twice.
        let plain = value.replacingOccurrences(of: "[.]", with: ".").replacingOccurrences(of: "hxxp", with: "http")
        return plain.replacingOccurrences(of: "http", with: "hxxp").replacingOccurrences(of: ".", with: "[.]")
    }

    /// True for values a reader could follow or resolve: URLs, domains, IP addresses, e-mail
    /// addresses — not paths, file names or hashes.
    var isNetworkIndicator: Bool {
        if value.contains("://") || value.contains("[.]") { return true }
        let t = type.lowercased()
        if ["file", "path", "filename", "directory", "md5", "sha1", "sha256", "sha512", "hash", "mutex", "regkey", "windows-registry-key"]
            .contains(where: { t.contains($0) }) {
            return false
        }
        let v = value.trimmingCharacters(in: .whitespaces)
        if v.hasPrefix("/") || v.hasPrefix("\\") || v.hasPrefix("~") || v.hasPrefix("%") || v.hasPrefix("./") { return false }
        if let drive = v.first, drive.isASCII, drive.isLetter, v.dropFirst().hasPrefix(":\\") || v.dropFirst().hasPrefix(":/") {
            return false
        }
        return !v.contains("\\")
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
