import Foundation

/// The bytes a bundle was read from, kept so long text can be decoded when first asked for.
public final class SourceBytes: @unchecked Sendable {
    /// Immutable after creation.
    let data: Data

    /// Holds `data` (read or mapped) for the text that refers to it.
    public init(_ data: Data) {
        self.data = data
    }
}

/// A string property that may still be undecoded bytes of the bundle.
///
/// Descriptions and timestamps make up most of a 45 MB bundle and most answers never read
/// them; keeping them as slices of the bytes read (copied into memory, never mapped, so a file
/// truncated by another process cannot fault a later read) until asked for saves their
/// allocation, copying and page faults at load. Reading ``value`` decodes the slice; the
/// escapes were validated when the bundle was read, so decoding cannot fail.
public struct LazyText: Sendable, Hashable {
    enum Storage: Sendable {
        case decoded(String)
        case slice(SourceBytes, start: Int, end: Int, escaped: Bool)
    }

    let storage: Storage

    /// Text that is already a string.
    public init(_ value: String) {
        storage = .decoded(value)
    }

    init(_ source: SourceBytes, start: Int, end: Int, escaped: Bool) {
        storage = .slice(source, start: start, end: end, escaped: escaped)
    }

    /// The text.
    public var value: String {
        switch storage {
        case .decoded(let s):
            return s
        case .slice(let source, let start, let end, let escaped):
            return source.data.withUnsafeBytes { raw in
                let bytes = raw.bindMemory(to: UInt8.self)
                return JSONScanner.decode(UnsafeBufferPointer(rebasing: bytes[start..<end]), escaped: escaped)
            }
        }
    }

    /// Appends the text's UTF-8 bytes to `out` (copied straight from the source when they
    /// need no decoding).
    func appendUTF8(to out: inout [UInt8]) {
        if case .slice(let source, let start, let end, false) = storage {
            source.data.withUnsafeBytes { out.append(contentsOf: $0[start..<end]) }
        } else {
            out.append(contentsOf: value.utf8)
        }
    }

    /// Runs `body` over the text's UTF-8 bytes: straight from the source when they need no
    /// decoding, else over the decoded string's.
    public func withUTF8<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if case .slice(let source, let start, let end, false) = storage {
            return source.data.withUnsafeBytes { raw in body(UnsafeBufferPointer(rebasing: raw.bindMemory(to: UInt8.self)[start..<end])) }
        }
        var text = value
        return text.withUTF8(body)
    }

    public static func == (lhs: LazyText, rhs: LazyText) -> Bool { lhs.value == rhs.value }
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
