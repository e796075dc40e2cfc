import ATTACK
import Foundation
import STIX

/// The MISP threat-actor galaxy (`clusters/threat-actor.json` of MISP/misp-galaxy): named
/// actors with their synonyms and the sectors they target. `--sector` (``SectorGroups``) and
/// the actor profile's associated groups read it; the file is named in their answers'
/// provenance by its SHA-256 (``dataFile``).
///
/// Reading checks the shape — an object whose `values` are entries with a `value` name — and
/// says where it is not; `meta.synonyms`, `meta.targeted-sector` and `meta.cfr-target-category`
/// may be a list or one string.
///
/// ```swift
/// let galaxy = try ThreatActorGalaxy.read(path: "misp-galaxy/clusters/threat-actor.json")
/// print(galaxy.type ?? "", galaxy.actors.count)   // threat-actor 2,876
/// ```
public struct ThreatActorGalaxy: Sendable, Hashable {
    /// One galaxy entry.
    public struct Actor: Sendable, Hashable {
        /// Its `value`.
        public var name: String
        /// `meta.synonyms`.
        public var synonyms: [String]
        /// `meta.targeted-sector` then `meta.cfr-target-category`.
        public var sectors: [String]
    }

    /// The entries, in file order.
    public let actors: [Actor]
    /// The cluster's `type` (`threat-actor` in MISP's file), when it says.
    public let type: String?
    /// Where it was read from (a path or URL), for messages.
    public let source: String
    /// The SHA-256 of the bytes read, in lower-case hex.
    public let sha256: String

    /// The largest galaxy file read (64 MiB; MISP's is 1.4 MB).
    public static let byteLimit = 64 << 20

    /// The file as an answer's provenance names it: role `galaxy`, its file name and digest.
    public var dataFile: Provenance.DataFile { Provenance.DataFile(role: "galaxy", path: source, sha256: sha256) }

    /// Reads a galaxy file (at most ``byteLimit`` bytes, copied into memory).
    public static func read(path: String) throws(CoverageInputError) -> ThreatActorGalaxy {
        let data: Data
        do { data = try FileBytes.read(path: path, limit: byteLimit) } catch {
            throw CoverageInputError(path: path, reason: "cannot read the MISP galaxy: \(error.reason)")
        }
        return try ThreatActorGalaxy(data: data, source: path)
    }

    /// Parses a galaxy cluster; a syntax error names its line, a problem of shape the entry.
    public init(data: Data, source: String) throws(CoverageInputError) {
        let bytes = [UInt8](data)
        let root: JSONValue
        do { root = try JSONValue.parse(bytes) } catch {
            let (line, column) = bytes.withUnsafeBufferPointer { lineAndColumn(of: error.offset, in: $0) }
            throw CoverageInputError(path: source, line: line, reason: "column \(column): expected \(error.expected), found \(error.found)")
        }
        guard let values = root["values"]?.arrayValue else {
            throw CoverageInputError(path: source, line: 1, reason: "expected a MISP galaxy cluster (an object with a \"values\" list)")
        }
        var actors: [Actor] = []
        actors.reserveCapacity(values.count)
        for (i, value) in values.enumerated() {
            guard let name = value["value"]?.stringValue else {
                throw CoverageInputError(path: source, line: 1, reason: "values[\(i)]: expected an entry with a \"value\" name")
            }
            let meta = value["meta"]
            func strings(_ key: String) -> [String] {
                switch meta?[key] {
                case .string(let one)?: [one]
                case .array(let list)?: list.compactMap(\.stringValue)
                default: []
                }
            }
            actors.append(Actor(name: name, synonyms: strings("synonyms"), sectors: strings("targeted-sector") + strings("cfr-target-category")))
        }
        self.actors = actors
        self.type = root["type"]?.stringValue
        self.source = source
        self.sha256 = STIXBundle.sha256(data)
    }
}
