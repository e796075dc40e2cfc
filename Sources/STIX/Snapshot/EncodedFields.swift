import Foundation

/// The external references and other properties of an object read from a snapshot, left
/// encoded in the snapshot's text until asked for.
///
/// Most answers never read them (a 45 MB release holds about 60,000 external references), so
/// a snapshot load does not decode them; each read decodes again (nothing is cached, so
/// objects stay safe to share across threads), and a single property is found without
/// decoding the others (``property(_:)``). The text is not covered by the snapshot's
/// checksum: a damaged encoding decodes to what could be read, never past its bounds.
struct EncodedFields: Sendable {
    /// The snapshot's bytes.
    let source: SourceBytes
    /// Where the encoded external references lie in `source`; nil once they were set.
    var referencesSpan: Range<Int>?
    /// Where the encoded properties lie in `source`; nil once they were set.
    var propertiesSpan: Range<Int>?
    /// `x_mitre_deprecated` as recorded when the snapshot was written; nil once the
    /// properties were set.
    var isDeprecated: Bool?

    /// The external references, when still encoded.
    func decodedReferences() -> [ExternalReference]? {
        guard referencesSpan != nil else { return nil }
        var references: [ExternalReference] = []
        forEachReference { references.append($0); return true }
        return references
    }

    /// The first external reference that satisfies `predicate`, decoding no further;
    /// `.some(nil)` when none does, nil when the references are not encoded.
    func firstReference(where predicate: (ExternalReference) -> Bool) -> ExternalReference?? {
        guard referencesSpan != nil else { return nil }
        var found: ExternalReference?
        forEachReference { r in
            if predicate(r) { found = r }
            return found == nil
        }
        return .some(found)
    }

    /// Decodes the references in order while `body` returns true.
    private func forEachReference(_ body: (ExternalReference) -> Bool) {
        guard let span = referencesSpan else { return }
        source.withBytes(span) { bytes in
            var cursor = ByteCursor(bytes)
            guard let count = cursor.count(elementSize: 16) else { return }
            for _ in 0..<count {
                guard let name = cursor.optionalString(), let id = cursor.optionalString(),
                    let url = cursor.optionalString(), let description = cursor.optionalString(),
                    body(ExternalReference(sourceName: name ?? "", externalID: id, url: url, description: description))
                else { return }
            }
        }
    }

    /// The properties, when still encoded.
    func decodedProperties() -> JSONObject? {
        guard let span = propertiesSpan else { return nil }
        return source.withBytes(span) { bytes in
            var cursor = ByteCursor(bytes)
            var object = JSONObject()
            guard let count = cursor.count(elementSize: 8) else { return object }
            for _ in 0..<count {
                guard let key = cursor.string(), let value = cursor.json() else { break }
                object.appendUnchecked(key, value)
            }
            return object
        }
    }

    /// One property, decoding only its value.
    func property(_ name: String) -> JSONValue? {
        guard let span = propertiesSpan else { return nil }
        var wanted = name
        return wanted.withUTF8 { key in
            source.withBytes(span) { bytes -> JSONValue? in
                var cursor = ByteCursor(bytes)
                guard let count = cursor.count(elementSize: 8) else { return nil }
                for _ in 0..<count {
                    guard let k = cursor.bytes() else { return nil }
                    if k.elementsEqual(UnsafeRawBufferPointer(key)) { return cursor.json() }
                    guard cursor.bytes() != nil else { return nil }
                }
                return nil
            }
        }
    }

    /// Encodes external references as ``decodedReferences()`` reads them.
    static func encode(_ references: [ExternalReference], into out: inout [UInt8]) {
        ByteCursor.append(UInt32(references.count), to: &out)
        for r in references {
            ByteCursor.append(r.sourceName, to: &out)
            ByteCursor.append(r.externalID, to: &out)
            ByteCursor.append(r.url, to: &out)
            ByteCursor.append(r.description, to: &out)
        }
    }

    /// Encodes properties as ``decodedProperties()`` reads them: each key, then its value as
    /// compact JSON.
    static func encode(_ properties: JSONObject, into out: inout [UInt8]) {
        ByteCursor.append(UInt32(properties.count), to: &out)
        for member in properties.members {
            ByteCursor.append(member.key, to: &out)
            let json = member.value.serializedBytes(pretty: false)
            ByteCursor.append(UInt32(truncatingIfNeeded: json.count), to: &out)
            out.append(contentsOf: json)
        }
    }
}

extension SourceBytes {
    /// Runs `body` over the bytes in `span` (clamped to the bytes held).
    func withBytes<R>(_ span: Range<Int>, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> R in
            let lower = min(max(span.lowerBound, 0), raw.count)
            let upper = min(max(span.upperBound, lower), raw.count)
            return body(UnsafeRawBufferPointer(rebasing: raw[lower..<upper]))
        }
    }
}

/// Reads length-prefixed values from bytes, never past their end: every read returns nil
/// when the bytes run out.
struct ByteCursor {
    private let buffer: UnsafeRawBufferPointer
    private var position = 0

    init(_ bytes: UnsafeRawBufferPointer) {
        buffer = bytes
    }

    /// A little-endian 32-bit word.
    mutating func u32() -> UInt32? {
        guard buffer.count - position >= 4 else { return nil }
        let value = UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self))
        position += 4
        return value
    }

    /// A count of elements that each take at least `elementSize` bytes, refused when the bytes
    /// left could not hold them (so a damaged count cannot reserve gigabytes).
    mutating func count(elementSize: Int) -> Int? {
        guard let n = u32(), Int(n) <= (buffer.count - position) / elementSize else { return nil }
        return Int(n)
    }

    /// Length-prefixed bytes; nil for the absent marker or when they run past the end.
    mutating func bytes() -> UnsafeRawBufferPointer? {
        guard let length = u32(), length != ByteCursor.absent, Int(length) <= buffer.count - position else { return nil }
        let slice = UnsafeRawBufferPointer(rebasing: buffer[position..<(position + Int(length))])
        position += Int(length)
        return slice
    }

    /// A length-prefixed UTF-8 string.
    mutating func string() -> String? {
        bytes().map { String(decoding: $0, as: UTF8.self) }
    }

    /// A string that may be absent: `.some(nil)` for the absent marker, nil when damaged.
    mutating func optionalString() -> String?? {
        guard buffer.count - position >= 4 else { return nil }
        if UInt32(littleEndian: buffer.loadUnaligned(fromByteOffset: position, as: UInt32.self)) == ByteCursor.absent {
            position += 4
            return .some(nil)
        }
        return string().map { .some($0) }
    }

    /// A length-prefixed compact JSON value.
    mutating func json() -> JSONValue? {
        guard let raw = bytes() else { return nil }
        return try? JSONValue.parse(raw.bindMemory(to: UInt8.self))
    }

    /// The length that marks an absent value.
    static let absent = UInt32.max

    static func append(_ value: UInt32, to out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    static func append(_ text: String?, to out: inout [UInt8]) {
        guard let text else { return append(absent, to: &out) }
        let utf8 = text.utf8
        append(UInt32(utf8.count), to: &out)
        out.append(contentsOf: utf8)
    }
}
