import Hummingbird
import STIX

/// The objects of one TAXII collection, prepared once at startup: converted to STIX 2.1,
/// sorted by date added (then id), and serialized into one buffer with a comma between
/// objects, so that a page of consecutive objects is a single zero-copy slice.
///
/// The date an object was added is its version (`modified`, else `created`): the data comes
/// from a release file, and this keeps `added_after` meaningful — "changed since".
final class TAXIIObjectSet: Sendable {
    /// One object's index entry.
    struct Entry: Sendable {
        let id: String
        let type: String
        /// The version timestamp as written in the object (also the date added).
        let version: String
        let versionKey: STIXTimestamp
        let specVersion: String
        /// Where the object's JSON text lies in ``bytes``.
        let span: Range<Int>
    }

    /// Entries in date-added order.
    let entries: [Entry]
    /// Every object's compact JSON, in entry order, separated by commas.
    let bytes: ByteBuffer
    /// Position in ``entries`` of each object id (ATT&CK has one version per object).
    let positions: [String: Int]

    /// Prepares `objects`; objects without a usable timestamp are dated `fallbackDate`.
    init(objects: [STIXObject], fallbackDate: String) {
        let fallbackKey = STIXTimestamp(fallbackDate) ?? STIXTimestamp("1970-01-01T00:00:00Z")
        var prepared: [(object: STIXObject, version: String, key: STIXTimestamp)] = []
        prepared.reserveCapacity(objects.count)
        for object in objects {
            let converted = STIX21Conversion.converted(object)
            let stated = converted.modified ?? converted.created
            if let stated, let key = STIXTimestamp(stated) {
                prepared.append((converted, stated, key))
            } else if let fallbackKey {
                prepared.append((converted, fallbackDate, fallbackKey))
            }
        }
        prepared.sort { a, b in a.key != b.key ? a.key < b.key : a.object.id < b.object.id }
        var buffer = ByteBufferAllocator().buffer(capacity: objects.count * 2048)
        var entries: [Entry] = []
        entries.reserveCapacity(prepared.count)
        var positions: [String: Int] = [:]
        for item in prepared {
            if !entries.isEmpty { buffer.writeInteger(UInt8(ascii: ",")) }
            let start = buffer.writerIndex
            let span = start..<(start + buffer.writeString(JSONValue.object(item.object.json).serialized(pretty: false)))
            if positions[item.object.id] == nil { positions[item.object.id] = entries.count }
            entries.append(Entry(
                id: item.object.id, type: item.object.type, version: item.version, versionKey: item.key,
                specVersion: item.object.specVersion ?? "2.1", span: span))
        }
        self.entries = entries
        self.bytes = buffer
        self.positions = positions
    }

    /// The JSON text of the entries at `indices` (ascending), joined by commas, as slices of
    /// ``bytes``: one slice per run of consecutive entries.
    func slices(_ indices: ArraySlice<Int>) -> [ByteBuffer] {
        var result: [ByteBuffer] = []
        var i = indices.startIndex
        while i < indices.endIndex {
            var j = i
            while j + 1 < indices.endIndex, indices[j + 1] == indices[j] + 1 { j += 1 }
            let first = entries[indices[i]]
            let last = entries[indices[j]]
            if !result.isEmpty { result.append(Self.comma) }
            if let slice = bytes.getSlice(at: first.span.lowerBound, length: last.span.upperBound - first.span.lowerBound) {
                result.append(slice)
            }
            i = j + 1
        }
        return result
    }

    private static let comma = ByteBuffer(string: ",")
}
