import STIX

/// A source cited in ATT&CK text: `(Citation: Mandiant No Easy Breach)` resolved to its
/// reference's URL and description.
public struct Citation: Sendable, Hashable, Codable {
    public var sourceName: String
    public var url: String?
    public var description: String?

    public init(sourceName: String, url: String? = nil, description: String? = nil) {
        self.sourceName = sourceName
        self.url = url
        self.description = description
    }

    /// The citations in `text`, in order of first mention; names with no matching reference
    /// are kept with no URL so nothing cited is lost.
    public static func cited(in text: String, references: [ExternalReference]) -> [Citation] {
        var seen = Set<String>()
        var result: [Citation] = []
        for name in citationNames(in: text) where seen.insert(name).inserted {
            let ref = references.first { $0.sourceName == name }
            result.append(Citation(sourceName: name, url: ref?.url, description: ref?.description))
        }
        return result
    }

    /// The names inside `(Citation: …)` markers.
    public static func citationNames(in text: String) -> [String] {
        // On UTF-8 bytes, as ``stripped(_:)``: the marker and `)` are ASCII.
        let marker = Array("(Citation:".utf8)
        let bytes = Array(text.utf8)
        var names: [String] = []
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var i = 0
            while i + marker.count <= buffer.count {
                // The next "(", many bytes at a time.
                guard let p = memchr(base + i, Int32(marker[0]), buffer.count - i) else { break }
                i = UnsafeRawPointer(base).distance(to: UnsafeRawPointer(p))
                guard i + marker.count <= buffer.count, buffer[i..<(i + marker.count)].elementsEqual(marker) else {
                    i += 1
                    continue
                }
                let start = i + marker.count
                guard let close = buffer[start...].firstIndex(of: UInt8(ascii: ")")) else { break }
                names.append(String(decoding: UnsafeBufferPointer(rebasing: buffer[start..<close]), as: UTF8.self).trimmedWhitespace())
                i = close + 1
            }
        }
        return names
    }

    /// `text` with its `(Citation: …)` markers removed and spaces tidied.
    public static func stripped(_ text: String) -> String {
        // On UTF-8 bytes: every byte searched for is ASCII, which never occurs inside a
        // multi-byte sequence (Foundation's string search is slow on Linux, and ATT&CK has
        // tens of thousands of texts).
        let marker = Array("(Citation:".utf8)
        let bytes = Array(text.utf8)
        var kept: [UInt8] = []
        kept.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == marker[0], bytes.count - i >= marker.count, bytes[i..<(i + marker.count)].elementsEqual(marker) {
                guard let close = bytes[(i + marker.count)...].firstIndex(of: UInt8(ascii: ")")) else { break }
                i = close + 1
                continue
            }
            kept.append(bytes[i])
            i += 1
        }
        // Runs of spaces become one space, then " ." becomes ".".
        var tidy: [UInt8] = []
        tidy.reserveCapacity(kept.count)
        for b in kept where !(b == 32 && tidy.last == 32) { tidy.append(b) }
        var out: [UInt8] = []
        out.reserveCapacity(tidy.count)
        var j = 0
        while j < tidy.count {
            if tidy[j] == 32, j + 1 < tidy.count, tidy[j + 1] == UInt8(ascii: ".") {
                out.append(UInt8(ascii: "."))
                j += 2
                continue
            }
            out.append(tidy[j])
            j += 1
        }
        return trimmed(String(decoding: out, as: UTF8.self))
    }

    /// `text` without leading and trailing white space and line breaks (as Foundation's
    /// `whitespacesAndNewlines`: Unicode space, line and paragraph separators, tab to carriage
    /// return, and NEL).
    static func trimmed(_ text: String) -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool {
            if (0x09...0x0D).contains(u.value) || u.value == 0x20 || u.value == 0x85 { return true }
            guard u.value >= 0x80 else { return false }
            switch u.properties.generalCategory {
            case .spaceSeparator, .lineSeparator, .paragraphSeparator: return true
            default: return false
            }
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isSpace($0) }), let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        if first == scalars.startIndex, scalars.index(after: last) == scalars.endIndex { return text }
        return String(scalars[first...last])
    }
}

import Foundation
