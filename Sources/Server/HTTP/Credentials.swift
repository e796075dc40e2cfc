import Foundation

/// Reads the secret an `Authorization` header presents and compares it with the server's
/// tokens without stopping at the first difference.
enum Credentials {
    /// How a secret was presented.
    enum Scheme: Sendable {
        /// `Authorization: Bearer TOKEN`.
        case bearer
        /// HTTP basic with any user name and the token as password (what TAXII clients and
        /// browsers send).
        case basic
    }

    /// The scheme and secret of an `Authorization` header (at most 4 KiB), or nil.
    static func presented(_ header: String?) -> (scheme: Scheme, secret: String)? {
        guard let header, header.utf8.count <= 4096 else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        switch parts[0].lowercased() {
        case "bearer":
            return (.bearer, value)
        case "basic":
            guard let data = Data(base64Encoded: value), let text = String(data: data, encoding: .utf8),
                  let colon = text.firstIndex(of: ":") else { return nil }
            return (.basic, String(text[text.index(after: colon)...]))
        default:
            return nil
        }
    }

    /// Whether the header presents one of `tokens` by one of `schemes`. Every token is
    /// compared, so timing tells nothing of which matched or how much of one did.
    static func matches(_ header: String?, anyOf tokens: [String], schemes: Set<Scheme>) -> Bool {
        guard let (scheme, secret) = presented(header), schemes.contains(scheme) else { return false }
        var matched = false
        for token in tokens where constantTimeEqual(secret, token) { matched = true }
        return matched
    }

    /// Compares without stopping at the first difference, so timing tells nothing of the token.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for i in 0..<max(x.count, y.count) {
            difference |= (i < x.count ? x[i] : 0) ^ (i < y.count ? y[i] : 0)
        }
        return difference == 0
    }
}
