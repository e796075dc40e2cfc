import Foundation

/// Checks an `Authorization` header against the server's token: `Bearer TOKEN`, or HTTP basic
/// with any user name and the token as password (what TAXII clients send).
enum Credentials {
    static func matches(_ header: String?, password: String) -> Bool {
        guard let header, header.count <= 4096 else { return false }
        let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return false }
        switch parts[0].lowercased() {
        case "bearer":
            return constantTimeEqual(parts[1].trimmingCharacters(in: .whitespaces), password)
        case "basic":
            guard let data = Data(base64Encoded: parts[1].trimmingCharacters(in: .whitespaces)),
                  let text = String(data: data, encoding: .utf8),
                  let colon = text.firstIndex(of: ":") else { return false }
            return constantTimeEqual(String(text[text.index(after: colon)...]), password)
        default:
            return false
        }
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
