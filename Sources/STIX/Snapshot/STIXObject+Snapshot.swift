import Foundation

/// STIX objects as fixed-width records of a snapshot (``SnapshotWriter``), 28 words each:
///
/// ```
/// 0 type  1 id  2 spec_version  3 created_by_ref  4 name  5 relationship_type  6 source_ref
/// 7 target_ref (string indexes)   8 flags: revoked, deprecated, stated defaults << 8
/// 9 offset in the bundle          10–17 aliases, labels, kill-chain phases (name, phase
/// pairs), object_marking_refs (list start, count)   18–27 created, modified, description,
/// external references, other properties (text start, length)
/// ```
extension STIXObject {
    /// Words per record.
    public static let snapshotRecordWords = 28

    /// Appends this object's record to `words`, adding its strings, lists and text to `writer`.
    public func appendSnapshotRecord(to words: inout [UInt32], writer: inout SnapshotWriter) {
        let start = words.count
        for s in [type, id] { words.append(writer.string(s)) }
        for s in [specVersion, createdByRef, name, relationshipType, sourceRef, targetRef] { words.append(writer.string(s)) }
        var flags = UInt32(statedDefaults.rawValue) << 8
        if revoked { flags |= 1 }
        if isDeprecated { flags |= 2 }
        words.append(flags)
        words.append(offset >= 0 ? UInt32(exactly: offset) ?? SnapshotWriter.none : SnapshotWriter.none)
        func list(_ items: [UInt32]) {
            let (s, n) = writer.list(items)
            words.append(s)
            words.append(n)
        }
        list(aliases.map { writer.string($0) })
        list(labels.map { writer.string($0) })
        list(killChainPhases.flatMap { [writer.string($0.killChainName), writer.string($0.phaseName)] })
        list(objectMarkingRefs.map { writer.string($0) })
        func text(_ span: (start: UInt32, length: UInt32)) {
            words.append(span.start)
            words.append(span.length)
        }
        text(writer.text(createdText))
        text(writer.text(modifiedText))
        text(writer.text(descriptionText))
        var encoded: [UInt8] = []
        EncodedFields.encode(externalReferences, into: &encoded)
        text(writer.text(encoded))
        encoded.removeAll(keepingCapacity: true)
        EncodedFields.encode(properties, into: &encoded)
        text(writer.text(encoded))
        assert(words.count - start == Self.snapshotRecordWords)
    }

    /// The object of record `index` in `records`; its text stays in `image` until read.
    /// - Throws: ``SnapshotError`` when the record points outside the file.
    public init(
        record index: Int, of records: SnapshotImage.Words, contents c: inout SnapshotImage.Contents, image: SnapshotImage
    ) throws(SnapshotError) {
        let base = index * Self.snapshotRecordWords
        func w(_ k: Int) throws(SnapshotError) -> UInt32 { try records.word(base + k) }
        func text(_ k: Int) throws(SnapshotError) -> Range<Int>? {
            let start = try w(k)
            if start == SnapshotWriter.none { return nil }
            guard let range = image.textRange(start: start, length: try w(k + 1)) else {
                throw SnapshotError("record \(index) points outside the text")
            }
            return range
        }
        func lazy(_ k: Int) throws(SnapshotError) -> LazyText? {
            try text(k).map { LazyText(image.bytes, start: $0.lowerBound, end: $0.upperBound, escaped: false) }
        }
        let flags = try w(8)
        let offset = try w(9)
        let chain = try c.strings(start: try w(14), count: try w(15))
        guard chain.count % 2 == 0 else { throw SnapshotError("record \(index) has an odd kill-chain list") }
        let phases = stride(from: 0, to: chain.count, by: 2).map { KillChainPhase(killChainName: chain[$0], phaseName: chain[$0 + 1]) }
        self.init(
            type: try c.string(try w(0)), id: try c.string(try w(1)), specVersion: try c.optionalString(try w(2)),
            createdText: try lazy(18), modifiedText: try lazy(20), createdByRef: try c.optionalString(try w(3)),
            name: try c.optionalString(try w(4)), descriptionText: try lazy(22),
            aliases: try c.strings(start: try w(10), count: try w(11)), revoked: flags & 1 != 0,
            labels: try c.strings(start: try w(12), count: try w(13)), killChainPhases: phases,
            objectMarkingRefs: try c.strings(start: try w(16), count: try w(17)),
            relationshipType: try c.optionalString(try w(5)), sourceRef: try c.optionalString(try w(6)),
            targetRef: try c.optionalString(try w(7)), offset: offset == SnapshotWriter.none ? -1 : Int(offset),
            statedDefaults: StatedDefaults(rawValue: UInt8(truncatingIfNeeded: flags >> 8)),
            encoded: EncodedFields(source: image.bytes, referencesSpan: try text(24), propertiesSpan: try text(26), isDeprecated: flags & 2 != 0))
    }
}

extension STIXObject {
    /// Checks that record `index` can be read as ``init(record:of:contents:image:)`` reads it —
    /// every string, list and text span inside the file — without decoding anything.
    /// - Throws: ``SnapshotError`` when it cannot.
    public static func checkRecord(
        _ index: Int, of records: SnapshotImage.Words, contents c: SnapshotImage.Contents, image: SnapshotImage
    ) throws(SnapshotError) {
        let base = index * snapshotRecordWords
        func w(_ k: Int) throws(SnapshotError) -> UInt32 { try records.word(base + k) }
        try c.checkString(try w(0))
        try c.checkString(try w(1))
        for k in 2...7 { try c.checkString(try w(k), optional: true) }
        for k in [10, 12, 14, 16] { try c.checkStrings(start: try w(k), count: try w(k + 1)) }
        guard try w(15) % 2 == 0 else { throw SnapshotError("record \(index) has an odd kill-chain list") }
        for k in [18, 20, 22, 24, 26] {
            let start = try w(k)
            if start != SnapshotWriter.none, image.textRange(start: start, length: try w(k + 1)) == nil {
                throw SnapshotError("record \(index) points outside the text")
            }
        }
    }
}

/// A record of a checked snapshot, read when asked for: the knowledge base keeps its
/// relationships this way when loaded for one question, so the 20,000 of a release cost
/// nothing until one is read.
public struct SnapshotRecord: Sendable {
    /// The snapshot.
    public let image: SnapshotImage
    /// The caller's section holding the records.
    public let section: Int
    /// The record's position there.
    public let index: Int

    /// A record ``STIXObject/checkRecord(_:of:contents:image:)`` accepted.
    public init(image: SnapshotImage, section: Int, index: Int) {
        self.image = image
        self.section = section
        self.index = index
    }

    /// The object (decoded on every call; a record that was checked always decodes).
    public var object: STIXObject {
        let decoded = try? image.withContents(caching: false) { (c: inout SnapshotImage.Contents) throws(SnapshotError) in
            try STIXObject(record: index, of: try c.section(section), contents: &c, image: image)
        }
        return decoded ?? STIXObject(type: "relationship", id: "")
    }

    /// The object's description alone (still undecoded bytes of the snapshot).
    public var descriptionText: LazyText? { text(at: 22) }

    /// The object's `name` alone.
    public var name: String? {
        let decoded = try? image.withContents(caching: false) { (c: inout SnapshotImage.Contents) throws(SnapshotError) in
            try c.optionalString(try c.section(section).word(index * STIXObject.snapshotRecordWords + 4))
        }
        return decoded ?? nil
    }

    /// The object's `aliases` alone.
    public var aliases: [String] {
        let decoded = try? image.withContents(caching: false) { (c: inout SnapshotImage.Contents) throws(SnapshotError) in
            let words = try c.section(section)
            let base = index * STIXObject.snapshotRecordWords
            return try c.strings(start: try words.word(base + 10), count: try words.word(base + 11))
        }
        return decoded ?? []
    }

    /// The object's `created` alone (still undecoded bytes of the snapshot).
    public var createdText: LazyText? { text(at: 18) }

    /// The text whose span starts at word `k` of the record.
    private func text(at k: Int) -> LazyText? {
        let found = try? image.withContents(caching: false) { (c: inout SnapshotImage.Contents) throws(SnapshotError) -> LazyText? in
            let words = try c.section(section)
            let base = index * STIXObject.snapshotRecordWords
            let start = try words.word(base + k)
            guard start != SnapshotWriter.none, let range = image.textRange(start: start, length: try words.word(base + k + 1)) else { return nil }
            return LazyText(image.bytes, start: range.lowerBound, end: range.upperBound, escaped: false)
        }
        return found ?? nil
    }

    /// The object's `id` alone.
    public var id: String {
        let decoded = try? image.withContents(caching: false) { (c: inout SnapshotImage.Contents) throws(SnapshotError) in
            try c.string(try c.section(section).word(index * STIXObject.snapshotRecordWords + 1))
        }
        return decoded ?? ""
    }

    /// The record's object decoded on first use and kept, for objects read many times (the
    /// knowledge base's ATT&CK objects when loaded for one question).
    public final class Decoded: @unchecked Sendable {
        private let record: SnapshotRecord
        private let lock: NSLock
        private var decoded: STIXObject?
        private var readNames: (name: String?, aliases: [String])?

        /// `lock` guards the first decoding; one lock may serve all the records of an image.
        public init(_ record: SnapshotRecord, lock: NSLock) {
            self.record = record
            self.lock = lock
        }

        /// The object (decoded once).
        public var object: STIXObject {
            lock.lock()
            defer { lock.unlock() }
            if let decoded { return decoded }
            let object = record.object
            decoded = object
            return object
        }

        /// The object's name and aliases, read alone once (or from the decoded object): what
        /// searches and sorts read of every object.
        public var names: (name: String?, aliases: [String]) {
            lock.lock()
            defer { lock.unlock() }
            if let decoded { return (decoded.name, decoded.aliases) }
            if let names = readNames { return names }
            let names = (record.name, record.aliases)
            readNames = names
            return names
        }

        /// The description, from the decoded object or read alone.
        public var descriptionText: LazyText? {
            lock.lock()
            let known = decoded
            lock.unlock()
            return known.map(\.descriptionText) ?? record.descriptionText
        }
    }
}
