import Hummingbird

/// A request's query string decoded as browsers and HTTP clients send it
/// (`application/x-www-form-urlencoded`): `+` is a space, `%XX` a byte, keys are decoded like
/// values, and a parameter given more than once (`groups=APT29&groups=FIN7`, as Python
/// `requests` sends a list) reads as its values joined with commas. Invalid percent-encoding or
/// bytes that are not UTF-8 are refused (400) rather than guessed at.
///
/// ```swift
/// let q = try Query(request)        // ?groups=Sandworm+Team&groups=APT29
/// q["groups"]                       // "Sandworm Team,APT29"
/// ```
struct Query: Sendable, Sequence {
    /// The decoded pairs in the order given.
    let pairs: [(key: String, value: String)]

    /// The most parameters read; more is a bad request.
    static let maximumPairs = 256

    /// Decodes the query of `request`; a malformed one is an ``APIError`` 400 naming the parameter.
    init(_ request: Request) throws(APIError) {
        do throws(Failure) {
            try self.init(raw: request.uri.query ?? "")
        } catch {
            throw APIError.badRequest(error.message)
        }
    }

    /// Why a query string could not be decoded.
    struct Failure: Error {
        let message: String
    }

    /// Decodes a raw query string (what follows `?`).
    init(raw: String) throws(Failure) {
        var pairs: [(key: String, value: String)] = []
        for part in raw.utf8.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            guard pairs.count < Self.maximumPairs else { throw Failure(message: "the query has more than \(Self.maximumPairs) parameters") }
            let equals = part.firstIndex(of: UInt8(ascii: "="))
            let rawKey = equals.map { part[part.startIndex..<$0] } ?? part[...]
            let rawValue = equals.map { part[part.index(after: $0)...] } ?? part[part.endIndex...]
            guard let key = Self.decode(rawKey) else {
                throw Failure(message: "query: a parameter name is not valid percent-encoded UTF-8")
            }
            guard let value = Self.decode(rawValue) else {
                throw Failure(message: "\(key): expected percent-encoded UTF-8 text")
            }
            pairs.append((key, value))
        }
        self.pairs = pairs
    }

    /// The value of `name`; several values joined with commas; nil when absent.
    subscript(name: String) -> String? {
        let values = pairs.filter { $0.key == name }.map(\.value)
        return values.isEmpty ? nil : values.joined(separator: ",")
    }

    func makeIterator() -> IndexingIterator<[(key: String, value: String)]> {
        pairs.makeIterator()
    }

    /// Form decoding of one key or value: `+` → space, `%XX` → byte; nil for a bad escape or
    /// bytes that are not UTF-8.
    static func decode(_ bytes: Substring.UTF8View.SubSequence) -> String? {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = bytes.startIndex
        while i < bytes.endIndex {
            let b = bytes[i]
            if b == UInt8(ascii: "+") {
                out.append(UInt8(ascii: " "))
            } else if b == UInt8(ascii: "%") {
                let h = bytes.index(after: i)
                guard h < bytes.endIndex, bytes.index(after: h) < bytes.endIndex,
                      let high = hexValue(bytes[h]), let low = hexValue(bytes[bytes.index(after: h)]) else { return nil }
                out.append(high << 4 | low)
                i = bytes.index(after: bytes.index(after: h))
                continue
            } else {
                out.append(b)
            }
            i = bytes.index(after: i)
        }
        return String(validating: out, as: UTF8.self)
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
