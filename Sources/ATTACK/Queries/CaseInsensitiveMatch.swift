import Foundation
import STIX

/// "Does this text contain that one, in any case?" — the test ``KnowledgeBase/search(_:kinds:including:)``
/// applies to every name, alias and description, answered exactly as Foundation's
/// `range(of:options: .caseInsensitive)` answers it, but over UTF-8 bytes when it can be.
///
/// For an ASCII needle, a byte comparison that folds ASCII letters gives Foundation's answer
/// unless the text holds a character whose case folding is ASCII (ß, ſ, the Kelvin sign, the
/// Latin ligatures, dotted İ) or a match touches a non-ASCII byte (a combining mark could
/// extend its last character); such texts, and needles that are not printable ASCII, go to
/// Foundation.
///
/// ```swift
/// let match = CaseInsensitiveMatch("lsass")
/// match.found(in: "Dumping LSASS memory")   // true
/// ```
public struct CaseInsensitiveMatch: Sendable {
    /// The needle as Foundation compares it.
    public let needle: String
    /// The needle's bytes with ASCII letters lower-cased; nil when it is not ASCII.
    private let folded: [UInt8]?

    /// Prepares to look for `needle`.
    public init(_ needle: String) {
        self.needle = needle
        folded = needle.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x80 } ? needle.utf8.map(Self.lower) : nil
    }

    /// Whether `text` contains the needle in any case.
    public func found(in text: String) -> Bool {
        var bytes = text
        let answer = bytes.withUTF8 { found(inUTF8: $0) }
        return answer ?? (text.range(of: needle, options: .caseInsensitive) != nil)
    }

    /// Whether `text` contains the needle in any case, read from its bytes when they need no
    /// decoding.
    public func found(in text: LazyText) -> Bool {
        text.withUTF8 { bytes in found(inUTF8: bytes) } ?? (text.value.range(of: needle, options: .caseInsensitive) != nil)
    }

    /// Whether `text` equals the needle in any case (Foundation's `caseInsensitiveCompare`),
    /// compared byte by byte when both are ASCII.
    public func equals(_ text: String) -> Bool {
        if let folded, text.utf8.allSatisfy({ $0 < 0x80 }) {
            return text.utf8.count == folded.count && zip(text.utf8, folded).allSatisfy { Self.lower($0) == $1 }
        }
        return text.caseInsensitiveCompare(needle) == .orderedSame
    }

    /// The byte answer, or nil when only Foundation can say.
    private func found(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        guard let folded, let first = folded.first else { return nil }
        if Self.holdsASCIIFolding(bytes) { return nil }
        let n = folded.count
        guard bytes.count >= n else { return false }
        guard let base = bytes.baseAddress else { return false }
        let last = bytes.count - n  // the last place a match can start
        // The next place at or after `start` holding `byte` (memchr: many bytes at a time).
        func next(_ byte: UInt8, from start: Int) -> Int {
            guard start <= last, let p = memchr(base + start, Int32(byte), last - start + 1) else { return Int.max }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(p))
        }
        // The first byte in either case (a letter) or as it is.
        let upper = first >= UInt8(ascii: "a") && first <= UInt8(ascii: "z") ? first - 0x20 : first
        var atLower = next(first, from: 0)
        var atUpper = upper == first ? Int.max : next(upper, from: 0)
        while true {
            let i = min(atLower, atUpper)
            if i == Int.max { return false }
            var k = 1
            while k < n, Self.lower(bytes[i + k]) == folded[k] { k += 1 }
            if k == n {
                // A non-ASCII neighbour may join the match's first or last character.
                if i + n < bytes.count, bytes[i + n] >= 0x80 { return nil }
                if i > 0, bytes[i - 1] >= 0x80 { return nil }
                return true
            }
            if i == atLower { atLower = next(first, from: i + 1) }
            if i == atUpper { atUpper = next(upper, from: i + 1) }
        }
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 {
        b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b | 0x20 : b
    }

    /// Whether the bytes hold ß (C3 9F), ſ (C5 BF), İ (C4 B0), ẞ (E1 BA 9E), the Kelvin sign
    /// (E2 84 AA) or a Latin ligature (EF AC 80–86): characters whose case folding is ASCII.
    private static func holdsASCIIFolding(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let count = bytes.count
        guard let base = bytes.baseAddress else { return false }
        let raw = UnsafeRawPointer(base)
        while i < count {
            // Thirty-two, then eight ASCII bytes at a time.
            if i + 32 <= count {
                let any = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                    | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
                if any & 0x8080_8080_8080_8080 == 0 {
                    i += 32
                    continue
                }
            }
            if i + 8 <= count, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let next = i + 1 < count ? bytes[i + 1] : 0
            let third = i + 2 < count ? bytes[i + 2] : 0
            switch b {
            case 0xC3 where next == 0x9F, 0xC5 where next == 0xBF, 0xC4 where next == 0xB0: return true
            case 0xE1 where next == 0xBA && third == 0x9E: return true
            case 0xE2 where next == 0x84 && third == 0xAA: return true
            case 0xEF where next == 0xAC && (0x80...0x86).contains(third): return true
            default: i += 1
            }
        }
        return false
    }
}
