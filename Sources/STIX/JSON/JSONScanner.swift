#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A single-pass reader over UTF-8 JSON bytes.
///
/// Foundation's decoders are several times too slow for the 45 MB ATT&CK bundle (see
/// ATTACK-FACTS.md), so the hot path reads bytes directly: callers walk objects member by
/// member, decode the members they model and read the rest with ``readValue()``.
/// All reads validate; nothing is skipped unchecked.
struct JSONScanner: ~Copyable {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var position: Int = 0
    /// Offset of the opening quote of the member name read last, for messages about it.
    private(set) var keyOffset: Int = 0

    /// Nesting limit, so hostile input cannot exhaust the stack (readers also run on worker
    /// threads with small stacks); real bundles and layers nest fewer than 10 levels.
    static let maxDepth = 128
    private var depth = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { position >= bytes.count }

    /// Moves to `offset` (used to resume after a part parsed elsewhere).
    mutating func seek(to offset: Int) {
        position = offset
    }

    // MARK: Errors

    func error(_ expected: String) -> JSONSyntaxError {
        JSONSyntaxError(offset: position, expected: expected, found: describeCurrent())
    }

    private func describeCurrent() -> String {
        guard position < bytes.count else { return "end of input" }
        let b = bytes[position]
        if b >= 0x20 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16)
    }

    // MARK: Structure

    @inline(__always)
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// Peeks at the next non-whitespace byte.
    @inline(__always)
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Consumes `byte` (after whitespace) or throws saying `what` was expected.
    @inline(__always)
    mutating func expect(_ byte: UInt8, _ what: @autoclosure () -> String) throws(JSONSyntaxError) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { throw error(what()) }
        position += 1
    }

    /// Starts an object: consumes `{`.
    mutating func beginObject(_ what: @autoclosure () -> String = "'{'") throws(JSONSyntaxError) {
        try begin(UInt8(ascii: "{"), what())
    }

    /// Reads the next member key of an object, or returns nil at its closing `}`.
    /// `first` is true before the first member.
    mutating func nextKey(first: Bool) throws(JSONSyntaxError) -> String? {
        try nextKeyRange(first: first).map { string(of: $0) }
    }

    /// Like ``nextKey(first:)`` but returns the key's byte range without making a String, for
    /// callers that match known keys with ``key(_:is:)``. Keys with escapes come back decoded
    /// in `escaped`.
    mutating func nextKeyRange(first: Bool) throws(JSONSyntaxError) -> KeyRange? {
        guard try nextItem(first: first, close: UInt8(ascii: "}"), inside: "a member or '}' in object", after: "',' or '}' after object member")
        else { return nil }
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw error("a quoted member name")
        }
        keyOffset = position
        let start = position + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        let range: KeyRange
        if end < bytes.count, bytes[end] == UInt8(ascii: "\"") {
            position = end + 1
            range = KeyRange(start: start, end: end, escaped: nil)
        } else {
            let key = try readStringBody()
            range = KeyRange(start: start, end: start, escaped: key)
        }
        try expect(UInt8(ascii: ":"), "':' after member name")
        return range
    }

    /// A member name's bytes in the input (or its decoded text when it had escapes).
    struct KeyRange {
        let start: Int
        let end: Int
        let escaped: String?
    }

    /// True when the key equals `literal`.
    @inline(__always)
    func key(_ key: KeyRange, is literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard key.end - key.start == n, key.escaped == nil, let base = bytes.baseAddress else {
            return key.escaped.map { $0 == literal.description } ?? false
        }
        return memcmp(base + key.start, literal.utf8Start, n) == 0
    }

    /// The key as a String.
    func string(of key: KeyRange) -> String {
        key.escaped ?? String(decoding: UnsafeBufferPointer(rebasing: bytes[key.start..<key.end]), as: UTF8.self)
    }

    /// Starts an array: consumes `[`.
    mutating func beginArray(_ what: @autoclosure () -> String = "'['") throws(JSONSyntaxError) {
        try begin(UInt8(ascii: "["), what())
    }

    /// Moves to the next array element; false at the closing `]`.
    mutating func nextElement(first: Bool) throws(JSONSyntaxError) -> Bool {
        try nextItem(first: first, close: UInt8(ascii: "]"), inside: "an element or ']' in array", after: "',' or ']' after array element")
    }

    /// Consumes a container's `open` bracket: one level deeper, refusing more than ``maxDepth``.
    @inline(__always)
    private mutating func begin(_ open: UInt8, _ what: @autoclosure () -> String) throws(JSONSyntaxError) {
        try expect(open, what())
        depth += 1
        if depth > Self.maxDepth { throw error("nesting no deeper than \(Self.maxDepth)") }
    }

    /// Moves past the comma before a container's next member or element (there is none before
    /// the first) and the white space after it; false, one level up, at its `close` bracket.
    /// `inside` and `after` say what was expected before the first item and after one.
    @inline(__always)
    private mutating func nextItem(first: Bool, close: UInt8, inside: String, after: String) throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard position < bytes.count else { throw error(first ? inside : after) }
        if bytes[position] == close {
            position += 1
            depth -= 1
            return false
        }
        if !first {
            guard bytes[position] == UInt8(ascii: ",") else { throw error(after) }
            position += 1
            skipWhitespace()
        }
        return true
    }

    // MARK: Scalars

    /// Reads a string value.
    mutating func readString(_ what: @autoclosure () -> String = "a string") throws(JSONSyntaxError) -> String {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error(what()) }
        return try readStringBody()
    }

    /// Reads a string or null (as nil).
    mutating func readOptionalString(_ what: @autoclosure () -> String = "a string") throws(JSONSyntaxError) -> String? {
        if peek() == UInt8(ascii: "n") {
            try readLiteral("null")
            return nil
        }
        return try readString(what())
    }

    /// Reads an array of strings.
    mutating func readStringArray(_ what: @autoclosure () -> String = "an array of strings") throws(JSONSyntaxError) -> [String] {
        try beginArray(what())
        var result: [String] = []
        var first = true
        while try nextElement(first: first) {
            first = false
            result.append(try readString("a string in \(what())"))
        }
        return result
    }

    /// Reads `true` or `false`.
    mutating func readBool(_ what: @autoclosure () -> String = "true or false") throws(JSONSyntaxError) -> Bool {
        switch peek() {
        case UInt8(ascii: "t"): try readLiteral("true"); return true
        case UInt8(ascii: "f"): try readLiteral("false"); return false
        default: throw error(what())
        }
    }

    mutating func readLiteral(_ literal: StaticString) throws(JSONSyntaxError) {
        let n = literal.utf8CodeUnitCount
        guard position + n <= bytes.count else { throw error("'\(literal)'") }
        let p = literal.utf8Start
        for i in 0..<n where bytes[position + i] != p[i] {
            throw error("'\(literal)'")
        }
        position += n
    }

    /// Reads the body of a string whose opening quote is at `position`, decoded.
    mutating func readStringBody() throws(JSONSyntaxError) -> String {
        let slice = try scanStringBody()
        return Self.decode(UnsafeBufferPointer(rebasing: bytes[slice.start..<slice.end]), escaped: slice.escaped)
    }

    /// Reads a string value without decoding it: its byte range inside the quotes and whether
    /// it has escapes (checked to be valid here, so decoding later cannot fail).
    mutating func readStringSlice(_ what: @autoclosure () -> String = "a string") throws(JSONSyntaxError) -> (start: Int, end: Int, escaped: Bool) {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error(what()) }
        return try scanStringBody()
    }

    /// Moves past a string whose opening quote is at `position`, checking its escapes and
    /// that it has no raw control characters; returns the bytes between the quotes.
    private mutating func scanStringBody() throws(JSONSyntaxError) -> (start: Int, end: Int, escaped: Bool) {
        position += 1
        let start = position
        var escaped = false
        let unterminated = JSONSyntaxError(offset: start - 1, expected: "a closing '\"' for the string starting here", found: "end of input")
        while true {
            guard position < bytes.count else { throw unterminated }
            let b = bytes[position]
            if b == UInt8(ascii: "\"") { break }
            if b == UInt8(ascii: "\\") {
                escaped = true
                guard position + 1 < bytes.count else { throw unterminated }
                switch bytes[position + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                    UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    position += 2
                case UInt8(ascii: "u"):
                    guard position + 6 <= bytes.count, (2..<6).allSatisfy({ Self.isHexDigit(bytes[position + $0]) }) else {
                        throw JSONSyntaxError(offset: position, expected: "four hex digits after \\u", found: "'\\u'")
                    }
                    position += 6
                default:
                    throw JSONSyntaxError(
                        offset: position, expected: "a valid escape (\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
                        found: "'\\\(String(UnicodeScalar(bytes[position + 1])))'")
                }
                continue
            }
            if b < 0x20 { throw error("no control characters inside a string") }
            position += 1
        }
        let end = position
        position += 1
        return (start, end, escaped)
    }

    private static func isHexDigit(_ c: UInt8) -> Bool {
        (0x30...0x39).contains(c) || (0x41...0x46).contains(c) || (0x61...0x66).contains(c)
    }

    /// Decodes string bytes checked by ``readStringSlice(_:)``.
    static func decode(_ raw: UnsafeBufferPointer<UInt8>, escaped: Bool) -> String {
        guard escaped else { return String(decoding: raw, as: UTF8.self) }
        return unescape(raw)
    }

    /// Replaces escapes (validated by ``scanStringBody()``); a lone surrogate becomes U+FFFD.
    private static func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        while i < raw.count {
            let b = raw[i]
            guard b == UInt8(ascii: "\\") else {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < raw.count else { break }
            switch raw[i + 1] {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let unit = Self.hex4(raw, i + 2) ?? 0xFFFD
                var scalarValue = UInt32(unit)
                var consumed = 6
                if unit >= 0xD800 && unit < 0xDC00 {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if i + 12 <= raw.count, raw[i + 6] == UInt8(ascii: "\\"), raw[i + 7] == UInt8(ascii: "u"),
                        let low = Self.hex4(raw, i + 8), low >= 0xDC00 && low < 0xE000
                    {
                        scalarValue = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
                        consumed = 12
                    } else {
                        scalarValue = 0xFFFD
                    }
                } else if unit >= 0xDC00 && unit < 0xE000 {
                    scalarValue = 0xFFFD
                }
                let scalar = Unicode.Scalar(scalarValue) ?? "\u{FFFD}"
                UTF8.encode(scalar) { out.append($0) }
                i += consumed
                continue
            default: out.append(raw[i + 1])
            }
            i += 2
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hex4(_ raw: UnsafeBufferPointer<UInt8>, _ at: Int) -> UInt16? {
        guard at + 4 <= raw.count else { return nil }
        var v: UInt16 = 0
        for k in 0..<4 {
            let c = raw[at + k]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt16(d)
        }
        return v
    }

    /// Reads a number.
    mutating func readNumber(_ what: @autoclosure () -> String = "a number") throws(JSONSyntaxError) -> Double {
        skipWhitespace()
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let intStart = position
        while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
        guard position > intStart else {
            position = start
            throw error(what())
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fracStart = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            guard position > fracStart else { throw error("digits after '.'") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                position += 1
            }
            let expStart = position
            while position < bytes.count, bytes[position] >= 0x30, bytes[position] <= 0x39 { position += 1 }
            guard position > expStart else { throw error("digits in the exponent") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text) else {
            position = start
            throw error(what())
        }
        guard value.isFinite else {
            // 1e999 reads as infinity, which no score, count or version can be.
            let found = String(text.prefix(24))
            position = start
            throw JSONSyntaxError(offset: start, expected: "a number between -1.7e308 and 1.7e308", found: found)
        }
        return value
    }
}
