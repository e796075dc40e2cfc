import Foundation

/// Writes a snapshot file: a header, then sections of little-endian 32-bit words, then the text.
///
/// The layout (``SnapshotImage`` reads it):
///
/// ```
/// 0   "TTPKSNAP"                          magic
/// 8   u32 format version, u32 section count
/// 16  u64 file size
/// 24  u64 checksum of the checked sections (every section but the last)
/// 32  (u64 offset, u64 length) per section
/// …   u64 checksum of the header above
/// …   sections, each at a multiple of 8: string spans, string bytes, lists, the caller's
///     sections, and last the text (read lazily; not checksummed)
/// ```
///
/// Strings are stored once and named by their index in the string table; lists of indexes
/// (aliases, marking references…) are stored once and named by their start and count; text
/// (descriptions, timestamps, encoded properties) is named by its start and length in the
/// text section. Every reference is an offset, never a pointer, so the file can be mapped.
///
/// ```swift
/// var writer = SnapshotWriter()
/// let name = writer.string("APT29")
/// let bytes = try writer.finish(version: 1, sections: [[name]])
/// ```
public struct SnapshotWriter {
    private var stringIndex: [String: UInt32] = [:]
    private var stringSpans: [UInt32] = []
    private var stringBytes: [UInt8] = []
    private var lists: [UInt32] = []
    private var listIndex: [[UInt32]: UInt32] = [:]
    private var text: [UInt8] = []
    private var overflow = false

    /// The index that stands for "no string".
    public static let none = UInt32.max

    public init() {}

    /// The index of `s` in the string table (added once).
    public mutating func string(_ s: String) -> UInt32 {
        if let i = stringIndex[s] { return i }
        let i = checked(stringSpans.count / 2)
        stringSpans.append(checked(stringBytes.count))
        stringSpans.append(checked(s.utf8.count))
        stringBytes.append(contentsOf: s.utf8)
        stringIndex[s] = i
        return i
    }

    /// The index of `s`, or ``none``.
    public mutating func string(_ s: String?) -> UInt32 {
        s.map { string($0) } ?? Self.none
    }

    /// A list of string indexes (from ``string(_:)``), stored once: its start in the list
    /// section and its length.
    public mutating func list(_ items: [UInt32]) -> (start: UInt32, count: UInt32) {
        if items.isEmpty { return (0, 0) }
        if let start = listIndex[items] { return (start, checked(items.count)) }
        let start = checked(lists.count)
        lists.append(contentsOf: items)
        listIndex[items] = start
        return (start, checked(items.count))
    }

    /// Appends bytes to the text section: their start and length there, or (``none``, 0) for nil.
    public mutating func text<C: Collection<UInt8>>(_ bytes: C?) -> (start: UInt32, length: UInt32) {
        guard let bytes else { return (Self.none, 0) }
        let start = checked(text.count)
        text.append(contentsOf: bytes)
        return (start, checked(bytes.count))
    }

    /// Appends lazily read text (a description, a timestamp) to the text section, as
    /// ``text(_:)`` does.
    mutating func text(_ lazy: LazyText?) -> (start: UInt32, length: UInt32) {
        guard let lazy else { return (Self.none, 0) }
        let start = text.count
        lazy.appendUTF8(to: &text)
        return (checked(start), checked(text.count - start))
    }

    /// The file: header, string table, lists, `sections`, text.
    /// - Throws: ``SnapshotError`` when an offset does not fit in 32 bits.
    public func finish(version: UInt32, sections: [[UInt32]]) throws(SnapshotError) -> [UInt8] {
        guard !overflow else { throw SnapshotError("the data is too large for a snapshot (an offset passes 4 GiB)") }
        let words: [[UInt32]] = [stringSpans, [], lists] + sections
        let count = words.count + 1
        let headerSize = SnapshotImage.headerSize(sections: count)
        var out = [UInt8](repeating: 0, count: headerSize)
        out.reserveCapacity(headerSize + 8 * count + stringBytes.count + text.count + 4 * words.reduce(0) { $0 + $1.count })
        var table: [(offset: Int, length: Int)] = []
        func pad() { while out.count % 8 != 0 { out.append(0) } }
        for (i, section) in words.enumerated() {
            pad()
            let start = out.count
            if i == 1 {
                out.append(contentsOf: stringBytes)
            } else {
                Self.appendLittleEndian(section, to: &out)
            }
            table.append((start, out.count - start))
        }
        pad()
        let checkedEnd = out.count
        table.append((checkedEnd, text.count))
        out.append(contentsOf: text)

        func put(_ value: UInt64, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { raw in
                for (k, b) in raw.enumerated() { out[offset + k] = b }
            }
        }
        for (k, b) in SnapshotImage.magic.enumerated() { out[k] = b }
        put(UInt64(version) | UInt64(count) << 32, at: 8)
        put(UInt64(out.count), at: 16)
        put(out.withUnsafeBytes { SnapshotChecksum.of(UnsafeRawBufferPointer(rebasing: $0[headerSize..<checkedEnd])) }, at: 24)
        for (i, section) in table.enumerated() {
            put(UInt64(section.offset), at: 32 + 16 * i)
            put(UInt64(section.length), at: 40 + 16 * i)
        }
        let sumAt = headerSize - 8
        put(out.withUnsafeBytes { SnapshotChecksum.of(UnsafeRawBufferPointer(rebasing: $0[0..<sumAt])) }, at: sumAt)
        return out
    }

    /// Appends words as little-endian bytes (in one copy on a little-endian machine).
    private static func appendLittleEndian(_ words: [UInt32], to out: inout [UInt8]) {
        if UInt32(1).littleEndian == 1 {
            words.withUnsafeBytes { out.append(contentsOf: $0) }
        } else {
            for w in words { withUnsafeBytes(of: w.littleEndian) { out.append(contentsOf: $0) } }
        }
    }

    /// Rewrites the size and both checksums of snapshot bytes after an edit, so a test or the
    /// fuzzer reaches the reader behind the checks; bytes too short or with an unreadable
    /// section table are left as they are.
    public static func reseal(_ bytes: inout [UInt8]) {
        guard bytes.count >= SnapshotImage.headerSize(sections: 0) else { return }
        func u64(_ at: Int) -> UInt64 { bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: UInt64.self)) } }
        func put(_ value: UInt64, at offset: Int) {
            withUnsafeBytes(of: value.littleEndian) { raw in for (k, b) in raw.enumerated() { bytes[offset + k] = b } }
        }
        let count = Int(u64(8) >> 32)
        guard (1...SnapshotImage.maxSections).contains(count) else { return }
        let headerSize = SnapshotImage.headerSize(sections: count)
        guard bytes.count >= headerSize else { return }
        put(UInt64(bytes.count), at: 16)
        let textStart = u64(32 + 16 * (count - 1))
        if textStart >= UInt64(headerSize), textStart <= UInt64(bytes.count) {
            put(bytes.withUnsafeBytes { SnapshotChecksum.of(UnsafeRawBufferPointer(rebasing: $0[headerSize..<Int(textStart)])) }, at: 24)
        }
        put(bytes.withUnsafeBytes { SnapshotChecksum.of(UnsafeRawBufferPointer(rebasing: $0[0..<(headerSize - 8)])) }, at: headerSize - 8)
    }

    /// `n` as a word; past 32 bits, the writer is marked and ``finish(version:sections:)`` fails.
    private mutating func checked(_ n: Int) -> UInt32 {
        guard let w = UInt32(exactly: n), w != Self.none else {
            overflow = true
            return 0
        }
        return w
    }
}

/// Why a snapshot could not be written or was not used, in plain words.
public struct SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What is wrong with the file, e.g. "it is cut short (1,024 of 9,000,000 bytes)".
    public let reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
