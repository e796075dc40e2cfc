#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension JSONScanner {
    // MARK: Any value

    /// Reads any JSON value.
    mutating func readValue() throws(JSONSyntaxError) -> JSONValue {
        guard let b = peek() else { throw error("a value") }
        switch b {
        case UInt8(ascii: "\""):
            return .string(try readStringBody())
        case UInt8(ascii: "{"):
            try beginObject()
            var object = JSONObject()
            var first = true
            while let key = try nextKey(first: first) {
                first = false
                let offset = keyOffset
                guard object.insertNew(key, try readValue()) else { throw Self.repeated(key, at: offset) }
            }
            return .object(object)
        case UInt8(ascii: "["):
            try beginArray()
            var array: [JSONValue] = []
            var first = true
            while try nextElement(first: first) {
                first = false
                array.append(try readValue())
            }
            return .array(array)
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            return .bool(try readBool())
        case UInt8(ascii: "n"):
            try readLiteral("null")
            return .null
        case UInt8(ascii: "-"), 0x30...0x39:
            return .number(try readNumber())
        default:
            throw error("a value (string, number, object, array, true, false or null)")
        }
    }

    /// The error for a member name used twice in one object: readers disagree on which value
    /// wins, so a repeated name is refused rather than guessed.
    static func repeated(_ key: String, at offset: Int) -> JSONSyntaxError {
        let shown = key.count > 40 ? String(key.prefix(40)) + "…" : key
        return JSONSyntaxError(offset: offset, expected: "each member name once per object", found: "\"\(shown)\" repeated")
    }

    /// Requires that only whitespace remains.
    mutating func expectEnd() throws(JSONSyntaxError) {
        skipWhitespace()
        guard isAtEnd else { throw error("end of input after the top-level value") }
    }
}
