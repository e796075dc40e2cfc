import Foundation
import STIX

/// A knowledge base as a snapshot file (``SnapshotWriter`` gives the container): the parsed,
/// indexed release, so a later run maps it instead of parsing the bundle.
///
/// Sections after the string table and lists:
///
/// ```
/// 0 meta        domain, release, STIX version, the four counts, the key, the sources and
///               their SHA-256 (string indexes and list starts/counts)
/// 1 records     every STIX object (STIXObject.snapshotRecordWords each): the ATT&CK objects
///               in knowledge-base order, then the relationships, other objects, dangling ones
/// 2 objects     per ATT&CK object: kind, ATT&CK ID, its index key, sort rank, name/alias keys
/// 3 relations   per relationship: type, source object, target object
/// ```
///
/// The ID, name and alias indexes and the relationship lists are rebuilt from these in one
/// pass; descriptions, timestamps, external references and other properties stay in the
/// file until read.
extension KnowledgeBase {
    /// The snapshot format this ttpkit writes and reads. Bump it whenever the layout or the
    /// meaning of a field changes: older files are then rebuilt, never misread.
    public static let snapshotFormat: UInt32 = 1

    /// The knowledge base as snapshot bytes. `key` (the bundle's identity and the options that
    /// shaped this knowledge base) is stored, and must be given again to read it back.
    public func snapshot(key: [String]) throws(SnapshotError) -> [UInt8] {
        var w = SnapshotWriter()
        var records: [UInt32] = []
        let all = stixObjects
        records.reserveCapacity(all.count * STIXObject.snapshotRecordWords)
        for o in all { o.appendSnapshotRecord(to: &records, writer: &w) }
        var objectWords: [UInt32] = []
        objectWords.reserveCapacity(objects.count * 6)
        let kinds = ObjectKind.allCases
        for o in objects {
            let keys = Self.nameKeys(of: o.stix).map { w.string($0) }
            let list = w.list(keys)
            objectWords += [UInt32(kinds.firstIndex(of: o.kind) ?? 0), w.string(o.attackID), w.string(o.attackID.uppercased()),
                            UInt32(truncatingIfNeeded: o.sortRank), list.start, list.count]
        }
        var relationWords: [UInt32] = []
        relationWords.reserveCapacity(relationships.count * 3)
        for r in relationships {
            relationWords += [w.string(r.type), UInt32(truncatingIfNeeded: r.source), UInt32(truncatingIfNeeded: r.target)]
        }
        let keyList = w.list(key.map { w.string($0) })
        let sourceList = w.list(sources.map { w.string($0) })
        let digestList = w.list(sourceDigests.map { w.string($0 ?? "") })
        let meta: [UInt32] = [
            w.string(domain.rawValue), w.string(attackVersion), w.string(stixVersion),
            UInt32(truncatingIfNeeded: objects.count), UInt32(truncatingIfNeeded: relationships.count),
            UInt32(truncatingIfNeeded: otherObjects.count), UInt32(truncatingIfNeeded: danglingRelationships.count),
            keyList.start, keyList.count, sourceList.start, sourceList.count, digestList.start, digestList.count,
        ]
        return try w.finish(version: Self.snapshotFormat, sections: [meta, records, objectWords, relationWords])
    }

    /// Reads a knowledge base from a checked snapshot made with `key` (nil: any key, for tools
    /// that inspect a file). With `onDemand` each ATT&CK object's and
    /// relationship's STIX object is checked but left in the snapshot and decoded when read
    /// (``AttackObject/stix``, kept once decoded; ``Relationship/stix``): for a process that
    /// answers one question; a server decodes them once.
    /// - Throws: ``SnapshotError`` when it was made with another key or does not hold together.
    public convenience init(snapshot image: SnapshotImage, key: [String]?, onDemand: Bool = false) throws(SnapshotError) {
        let parts = try image.withContents { (c: inout SnapshotImage.Contents) throws(SnapshotError) -> SnapshotParts in
            try SnapshotParts(&c, image: image, key: key, onDemand: onDemand)
        }
        var byStixID: [String: Int] = [:]
        byStixID.reserveCapacity(parts.objects.count)
        var byAttackID: [String: [Int]] = [:]
        byAttackID.reserveCapacity(parts.objects.count)
        var byName: [String: [Int]] = [:]
        byName.reserveCapacity(2 * parts.objects.count)
        var byKind: [ObjectKind: [Int]] = [:]
        for (o, keys) in zip(parts.objects, parts.nameKeys) {
            byStixID[o.id] = o.index
            if !o.attackID.isEmpty { byAttackID[keys.attackKey, default: []].append(o.index) }
            byKind[o.kind, default: []].append(o.index)
            for k in keys.names { byName[k, default: []].append(o.index) }
        }
        var outgoing = Array(repeating: [Int](), count: parts.objects.count)
        var incoming = Array(repeating: [Int](), count: parts.objects.count)
        var revokedBy: [Int: Int] = [:]
        for r in parts.relationships {
            outgoing[r.source].append(r.index)
            incoming[r.target].append(r.index)
            if r.type == "revoked-by" { revokedBy[r.source] = r.target }
        }
        self.init(
            domain: parts.domain, attackVersion: parts.attackVersion, stixVersion: parts.stixVersion,
            sources: parts.sources, sourceDigests: parts.digests, objects: parts.objects, relationships: parts.relationships,
            otherObjects: parts.others, danglingRelationships: parts.dangling, byStixID: byStixID, byAttackID: byAttackID,
            byName: byName, byKind: byKind, outgoing: outgoing, incoming: incoming, revokedBy: revokedBy)
    }

    /// The lower-cased name and aliases an object is found by, as the builder indexes them.
    static func nameKeys(of stix: STIXObject) -> [String] {
        var keys: [String] = []
        if let name = stix.name, !name.isEmpty { keys.append(name.lowercased()) }
        for alias in stix.aliases where !alias.isEmpty {
            let key = alias.lowercased()
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }
}

/// What a snapshot holds, read and checked record by record.
private struct SnapshotParts {
    var domain: AttackDomain
    var attackVersion: String?
    var stixVersion: String
    var sources: [String]
    var digests: [String?]
    var objects: [AttackObject] = []
    var nameKeys: [(attackKey: String, names: [String])] = []
    var relationships: [Relationship] = []
    var others: [STIXObject] = []
    var dangling: [STIXObject] = []

    init(_ c: inout SnapshotImage.Contents, image: SnapshotImage, key: [String]?, onDemand: Bool) throws(SnapshotError) {
        let meta = try c.section(0)
        func m(_ i: Int) throws(SnapshotError) -> UInt32 { try meta.word(i) }
        let storedKey = try c.strings(start: try m(7), count: try m(8))
        if let key, storedKey != key {
            throw SnapshotError("it was made from another bundle or with other options (\(Self.difference(storedKey, key)))")
        }
        guard let d = AttackDomain(rawValue: try c.string(try m(0))) else { throw SnapshotError("its domain is unknown") }
        domain = d
        attackVersion = try c.optionalString(try m(1))
        stixVersion = try c.string(try m(2))
        sources = try c.strings(start: try m(9), count: try m(10))
        digests = try c.strings(start: try m(11), count: try m(12)).map { $0.isEmpty ? nil : $0 }
        guard digests.count == sources.count else { throw SnapshotError("its sources and digests differ in number") }

        let counts = [Int(try m(3)), Int(try m(4)), Int(try m(5)), Int(try m(6))]
        let records = try c.section(1)
        let objectWords = try c.section(2)
        let relationWords = try c.section(3)
        guard counts.reduce(0, +) * STIXObject.snapshotRecordWords == records.count,
            counts[0] * 6 == objectWords.count, counts[1] * 3 == relationWords.count
        else { throw SnapshotError("its sections do not match its counts") }

        let kinds = ObjectKind.allCases
        let lock = NSLock()
        objects.reserveCapacity(counts[0])
        nameKeys.reserveCapacity(counts[0])
        for i in 0..<counts[0] {
            func o(_ k: Int) throws(SnapshotError) -> UInt32 { try objectWords.word(6 * i + k) }
            let kind = Int(try o(0))
            guard kind < kinds.count else { throw SnapshotError("object \(i) has an unknown kind") }
            let attackID = try c.string(try o(1))
            if onDemand {
                try STIXObject.checkRecord(i, of: records, contents: c, image: image)
                let base = i * STIXObject.snapshotRecordWords
                let flags = try records.word(base + 8)
                objects.append(AttackObject(
                    index: i, kind: kinds[kind], record: SnapshotRecord(image: image, section: 1, index: i), lock: lock,
                    id: try c.string(try records.word(base + 1)), attackID: attackID, sortRank: Int(try o(3)),
                    revoked: flags & 1 != 0, deprecated: flags & 2 != 0))
            } else {
                let stix = try STIXObject(record: i, of: records, contents: &c, image: image)
                objects.append(AttackObject(index: i, kind: kinds[kind], stix: stix, attackID: attackID, sortRank: Int(try o(3))))
            }
            nameKeys.append((try c.string(try o(2)), try c.strings(start: try o(4), count: try o(5))))
        }
        relationships.reserveCapacity(counts[1])
        for i in 0..<counts[1] {
            let source = Int(try relationWords.word(3 * i + 1))
            let target = Int(try relationWords.word(3 * i + 2))
            guard source < counts[0], target < counts[0] else { throw SnapshotError("relationship \(i) points at no object") }
            let type = try c.string(try relationWords.word(3 * i))
            let record = counts[0] + i
            if onDemand {
                try STIXObject.checkRecord(record, of: records, contents: c, image: image)
                let flags = try records.word(record * STIXObject.snapshotRecordWords + 8)
                relationships.append(Relationship(
                    index: i, record: SnapshotRecord(image: image, section: 1, index: record), type: type, source: source,
                    target: target, revoked: flags & 1 != 0, deprecated: flags & 2 != 0))
            } else {
                let stix = try STIXObject(record: record, of: records, contents: &c, image: image)
                relationships.append(Relationship(index: i, stix: stix, type: type, source: source, target: target))
            }
        }
        let firstOther = counts[0] + counts[1]
        for i in firstOther..<(firstOther + counts[2]) { others.append(try STIXObject(record: i, of: records, contents: &c, image: image)) }
        for i in (firstOther + counts[2])..<(firstOther + counts[2] + counts[3]) {
            dangling.append(try STIXObject(record: i, of: records, contents: &c, image: image))
        }
    }

    /// The first part of two keys that differs, for the note.
    private static func difference(_ stored: [String], _ wanted: [String]) -> String {
        for (a, b) in zip(stored, wanted) where a != b { return "\(a), not \(b)" }
        return "\(stored.count) key parts, not \(wanted.count)"
    }
}
