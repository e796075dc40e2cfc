import ATTACK
import DataStore
import STIX

/// A TAXII 2.1 collection over one loaded release.
struct TAXIICollection: Sendable {
    let id: String
    let release: LoadedRelease
    /// The collection resource of the spec.
    let json: JSONValue

    var objects: TAXIIObjectSet { release.objects }

    /// The domain's collection, with MITRE's collection id, serving the newest release.
    init(domainOf release: LoadedRelease) {
        let domain = release.domain
        self.init(
            id: domain.collectionID, release: release, title: "\(domain.displayName) ATT&CK",
            description: "The newest loaded \(domain.displayName) ATT&CK release (\(release.version)); "
                + "the same collection id as MITRE's TAXII 2.1 server.",
            alias: domain.rawValue)
    }

    /// The collection of one release.
    init(release: LoadedRelease) {
        self.init(
            id: Self.releaseID(release), release: release, title: "\(release.domain.displayName) ATT&CK \(release.version)",
            description: "\(release.domain.displayName) ATT&CK release \(release.version).",
            alias: "\(release.domain.rawValue)-\(release.version)")
    }

    private init(id: String, release: LoadedRelease, title: String, description: String, alias: String) {
        self.id = id
        self.release = release
        json = .object(JSONObject([
            ("id", .string(id)),
            ("title", .string(title)),
            ("description", .string(description)),
            ("alias", .string(alias)),
            ("can_read", .bool(true)),
            ("can_write", .bool(false)),
            ("media_types", .array([.string(TAXIIMedia.stix)])),
        ]))
    }

    /// A stable id for a release's collection: `x-mitre-collection--` and an RFC 9562 version 8
    /// UUID made from the domain and version, the same on every server.
    static func releaseID(_ release: LoadedRelease) -> String {
        let name = "ttpkit:\(release.domain.rawValue):\(release.version)"
        let high = fnv1a(name, seed: 0xcbf2_9ce4_8422_2325)
        let low = fnv1a(name, seed: 0x8422_2325_cbf2_9ce4)
        var bytes = (0..<8).map { UInt8(truncatingIfNeeded: high >> (56 - 8 * $0)) }
            + (0..<8).map { UInt8(truncatingIfNeeded: low >> (56 - 8 * $0)) }
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = bytes.map { byte in
            let s = String(byte, radix: 16)
            return s.count == 1 ? "0" + s : s
        }
        let groups = [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]].map { $0.joined() }
        return "x-mitre-collection--" + groups.joined(separator: "-")
    }

    private static func fnv1a(_ text: String, seed: UInt64) -> UInt64 {
        var hash = seed
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }
}
