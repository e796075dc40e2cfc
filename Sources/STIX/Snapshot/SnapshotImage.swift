import Foundation

/// A snapshot file checked and ready to read (``SnapshotWriter`` describes the layout).
///
/// Opening checks the magic, the format version, the size against the header, the header's
/// checksum, that every section lies inside the file in order, the checksum of every
/// section but the text, and that every string lies in the string bytes and every list word
/// is a string index; only then is anything read. Reads go through ``Contents``, whose
/// every access is bounds-checked, so a file that passes the checks but holds nonsense gives
/// a ``SnapshotError``, never a read out of bounds.
///
/// ```swift
/// let image = try SnapshotImage(SourceBytes(data), version: 1)
/// let name = try image.withContents { c in try c.string(c.section(0).word(0)) }
/// ```
public final class SnapshotImage: Sendable {
    /// `TTPKSNAP`.
    static let magic = Array("TTPKSNAP".utf8)
    /// The most sections a file may declare.
    static let maxSections = 64
    /// The string spans, string bytes and lists come before the caller's sections.
    static let reservedSections = 3

    static func headerSize(sections: Int) -> Int { 40 + 16 * sections }

    /// The bytes (mapped or read).
    public let bytes: SourceBytes
    /// Each section's offset and length.
    private let sections: [Range<Int>]

    /// Checks `bytes` as a snapshot of format `version`.
    /// - Throws: ``SnapshotError`` saying what is wrong.
    public init(_ bytes: SourceBytes, version: UInt32) throws(SnapshotError) {
        self.bytes = bytes
        let result: Result<[Range<Int>], SnapshotError> = bytes.data.withUnsafeBytes { raw in
            do throws(SnapshotError) { return .success(try Self.check(raw, version: version)) } catch { return .failure(error) }
        }
        sections = try result.get()
    }

    /// The number of sections the caller wrote (``SnapshotWriter/finish(version:sections:)``).
    public var callerSections: Int { sections.count - Self.reservedSections - 1 }

    private static func check(_ raw: UnsafeRawBufferPointer, version: UInt32) throws(SnapshotError) -> [Range<Int>] {
        func u64(_ at: Int) -> UInt64 { UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt64.self)) }
        guard raw.count >= headerSize(sections: 0) else { throw SnapshotError("it is cut short (\(raw.count) bytes, less than a header)") }
        guard raw.prefix(8).elementsEqual(magic) else { throw SnapshotError("it is not a ttpkit snapshot (no TTPKSNAP mark)") }
        let words = u64(8)
        let found = UInt32(truncatingIfNeeded: words)
        guard found == version else { throw SnapshotError("it is of snapshot format \(found), this ttpkit reads format \(version)") }
        let count = Int(words >> 32)
        guard (reservedSections + 1...maxSections).contains(count) else { throw SnapshotError("its header declares \(count) sections") }
        let headerSize = headerSize(sections: count)
        guard raw.count >= headerSize else { throw SnapshotError("it is cut short (\(raw.count) bytes, less than its header)") }
        let sumAt = headerSize - 8
        guard SnapshotChecksum.of(UnsafeRawBufferPointer(rebasing: raw[0..<sumAt])) == u64(sumAt) else {
            throw SnapshotError("its header checksum does not match (the file was damaged or edited)")
        }
        guard u64(16) == UInt64(raw.count) else {
            throw SnapshotError("it is \(raw.count) bytes, its header says \(u64(16)) (cut short or extended)")
        }
        var sections: [Range<Int>] = []
        var end = headerSize
        for i in 0..<count {
            let offset = u64(32 + 16 * i)
            let length = u64(40 + 16 * i)
            guard offset >= UInt64(end), offset <= UInt64(raw.count), length <= UInt64(raw.count) - offset else {
                throw SnapshotError("section \(i) lies outside the file")
            }
            sections.append(Int(offset)..<Int(offset + length))
            end = Int(offset + length)
        }
        let checked = UnsafeRawBufferPointer(rebasing: raw[headerSize..<sections[count - 1].lowerBound])
        guard SnapshotChecksum.of(checked) == u64(24) else {
            throw SnapshotError("its index checksum does not match (the file was damaged or edited)")
        }
        try checkStringTable(raw, sections)
        return sections
    }

    /// Checks once that every string lies inside the string bytes and every list word is a
    /// string index, so reading a string or list later needs only an index check.
    private static func checkStringTable(_ raw: UnsafeRawBufferPointer, _ sections: [Range<Int>]) throws(SnapshotError) {
        func u32(_ at: Int) -> UInt64 { UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self))) }
        let spans = sections[0], bytes = UInt64(sections[1].count), lists = sections[2]
        guard spans.count % 8 == 0, lists.count % 4 == 0 else { throw SnapshotError("its string table or lists are cut short") }
        let stringCount = UInt64(spans.count / 8)
        for at in stride(from: spans.lowerBound, to: spans.upperBound, by: 8) where u32(at) + u32(at + 4) > bytes {
            throw SnapshotError("string \((at - spans.lowerBound) / 8) lies outside the string table")
        }
        for at in stride(from: lists.lowerBound, to: lists.upperBound, by: 4) where u32(at) >= stringCount {
            throw SnapshotError("a list holds a string index (\(u32(at))) out of range")
        }
    }

    /// Runs `body` over the sections. `caching` keeps each decoded string for the next read
    /// of it (a table as long as the string table: for reading many records, not one).
    public func withContents<R>(caching: Bool = true, _ body: (inout Contents) throws(SnapshotError) -> R) throws(SnapshotError) -> R {
        let result: Result<R, SnapshotError> = bytes.data.withUnsafeBytes { raw in
            var contents = Contents(raw: raw, sections: sections, caching: caching)
            do throws(SnapshotError) { return .success(try body(&contents)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Where a text span (from ``Contents/span(_:_:)``) lies in ``bytes``.
    public func textRange(start: UInt32, length: UInt32) -> Range<Int>? {
        guard start != SnapshotWriter.none, let text = sections.last else { return nil }
        let lower = text.lowerBound + Int(start)
        let upper = lower + Int(length)
        return upper <= text.upperBound ? lower..<upper : nil
    }

    /// The sections of a checked image, read with bounds checks; strings are decoded once
    /// each and shared.
    public struct Contents {
        let raw: UnsafeRawBufferPointer
        let sections: [Range<Int>]
        private var strings: [String?]
        private var lists: [UInt64: [String]] = [:]

        private let stringCount: Int
        private let caching: Bool

        init(raw: UnsafeRawBufferPointer, sections: [Range<Int>], caching: Bool) {
            self.raw = raw
            self.sections = sections
            self.caching = caching
            stringCount = sections[0].count / 8
            strings = caching ? Array(repeating: nil, count: stringCount) : []
        }

        /// A caller's section (0 is the first given to the writer).
        public func section(_ i: Int) throws(SnapshotError) -> Words {
            let k = i + SnapshotImage.reservedSections
            guard i >= 0, k < sections.count - 1 else { throw SnapshotError("section \(i) is missing") }
            return Words(raw: raw, range: sections[k])
        }

        /// The string at `index` in the string table.
        public mutating func string(_ index: UInt32) throws(SnapshotError) -> String {
            let i = Int(index)
            guard i < stringCount else { throw SnapshotError("a string index (\(index)) is out of range") }
            if caching, let s = strings[i] { return s }
            let spans = Words(raw: raw, range: sections[0])
            let start = Int(try spans.word(2 * i))
            let length = Int(try spans.word(2 * i + 1))
            let bytes = sections[1]
            guard start <= bytes.count, length <= bytes.count - start else { throw SnapshotError("string \(index) lies outside the string table") }
            let from = bytes.lowerBound + start
            let s = String(decoding: UnsafeRawBufferPointer(rebasing: raw[from..<(from + length)]), as: UTF8.self)
            if caching { strings[i] = s }
            return s
        }

        /// Checks that string `index` (or ``SnapshotWriter/none`` when `optional`) can be read,
        /// without decoding it (the image checked every string's span when opened).
        public func checkString(_ index: UInt32, optional: Bool = false) throws(SnapshotError) {
            if optional, index == SnapshotWriter.none { return }
            guard Int(index) < stringCount else { throw SnapshotError("a string index (\(index)) is out of range") }
        }

        /// Checks that a list of strings can be read, without decoding them (the image checked
        /// that every list word is a string index when opened).
        public func checkStrings(start: UInt32, count: UInt32) throws(SnapshotError) {
            if count == 0 { return }
            _ = try list(start: start, count: count)
        }

        /// The string at `index`, or nil for ``SnapshotWriter/none``.
        public mutating func optionalString(_ index: UInt32) throws(SnapshotError) -> String? {
            index == SnapshotWriter.none ? nil : try string(index)
        }

        /// The words of a list (start and count as the writer returned them).
        public func list(start: UInt32, count: UInt32) throws(SnapshotError) -> Words {
            let all = sections[2]
            let from = UInt64(all.lowerBound) + UInt64(start) * 4
            let to = from + UInt64(count) * 4
            guard to <= UInt64(all.upperBound) else { throw SnapshotError("a list lies outside the list section") }
            return Words(raw: raw, range: Int(from)..<Int(to))
        }

        /// A list of strings, decoded once per distinct list.
        public mutating func strings(start: UInt32, count: UInt32) throws(SnapshotError) -> [String] {
            if count == 0 { return [] }
            let key = UInt64(start) << 32 | UInt64(count)
            if caching, let known = lists[key] { return known }
            let words = try list(start: start, count: count)
            var result: [String] = []
            result.reserveCapacity(Int(count))
            for i in 0..<Int(count) { result.append(try string(try words.word(i))) }
            if caching { lists[key] = result }
            return result
        }
    }

    /// Little-endian 32-bit words of a section or list.
    public struct Words {
        let raw: UnsafeRawBufferPointer
        let range: Range<Int>

        /// The number of words.
        public var count: Int { range.count / 4 }

        /// Word `i`.
        @inline(__always)
        public func word(_ i: Int) throws(SnapshotError) -> UInt32 {
            guard i >= 0, i < count else { throw SnapshotError("a record lies outside its section") }
            return UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: range.lowerBound + 4 * i, as: UInt32.self))
        }
    }
}
