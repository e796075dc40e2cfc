import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a whole input file into memory, within a size limit.
///
/// Input is copied, never memory-mapped: a mapped file that another process truncates while
/// it is read kills the reader with SIGBUS, and text decoded later from the mapping would do
/// the same. Regular files and pipes are read (a pipe up to the limit); folders, devices and
/// sockets are refused with what they are, and every failure says what happened in plain words:
///
/// ```swift
/// let data = try FileBytes.read(path: "enterprise-attack-18.1.json", limit: FileBytes.bundleLimit)
/// ```
public enum FileBytes {
    /// The largest ATT&CK bundle read (Enterprise 18.1 is 45 MB).
    public static let bundleLimit = 512 * 1_048_576

    /// Reads the file at `path`; at most `limit` bytes are accepted. With `prefixOnly`, a
    /// longer file is not an error: its first `limit` bytes are returned.
    public static func read(path: String, limit: Int, prefixOnly: Bool = false) throws(FileReadError) -> Data {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard descriptor >= 0 else { throw FileReadError(path: path, errno: errno) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw FileReadError(path: path, errno: errno) }
        let kind = info.st_mode & S_IFMT
        switch kind {
        case S_IFREG:
            if info.st_size > limit, !prefixOnly { throw .tooLarge(path: path, bytes: Int64(info.st_size), limit: limit) }
        case S_IFIFO:
            break
        case S_IFDIR:
            throw .notAFile(path: path, kind: "a folder")
        case S_IFCHR, S_IFBLK:
            throw .notAFile(path: path, kind: "a device")
        case S_IFSOCK:
            throw .notAFile(path: path, kind: "a socket")
        default:
            throw .notAFile(path: path, kind: "not a regular file")
        }
        // Back to blocking reads (O_NONBLOCK only kept `open` from waiting on a FIFO's writer).
        let flags = fcntl(descriptor, F_GETFL)
        if flags >= 0 { _ = fcntl(descriptor, F_SETFL, flags & ~O_NONBLOCK) }

        var data = Data()
        if kind == S_IFREG { data.reserveCapacity(min(Int(info.st_size), limit)) }
        // A regular file's chunk is its size and one byte more (to see the end, or growth), so
        // a scan of thousands of small rule files does not clear a megabyte for each.
        let fitting = kind == S_IFREG && info.st_size >= 0 && info.st_size < 1 << 20 ? max(Int(info.st_size) + 1, 4096) : 1 << 20
        var chunk = [UInt8](repeating: 0, count: min(fitting, limit + 1))
        while true {
            let wanted = prefixOnly ? min(chunk.count, limit - data.count) : chunk.count
            if wanted == 0 { break }
            let count = chunk.withUnsafeMutableBytes { systemRead(descriptor, $0.baseAddress, wanted) }
            if count < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, errno: errno)
            }
            if count == 0 { break }
            guard data.count + count <= limit else {
                throw .tooLarge(path: path, bytes: Int64(data.count + count), limit: limit, atLeast: true)
            }
            data.append(contentsOf: chunk[0..<count])
        }
        return data
    }
}

#if canImport(Glibc)
private let systemRead = Glibc.read
#elseif canImport(Musl)
private let systemRead = Musl.read
#else
private let systemRead = Darwin.read
#endif

/// Why an input file could not be read, in plain words.
public enum FileReadError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No file at the path.
    case notFound(path: String)
    /// The file exists but may not be read.
    case permissionDenied(path: String)
    /// The path names something that is not a file (a folder, a device...).
    case notAFile(path: String, kind: String)
    /// Symbolic links point at each other.
    case linkLoop(path: String)
    /// Larger than the limit; `atLeast` when a pipe was cut off at the limit.
    case tooLarge(path: String, bytes: Int64, limit: Int, atLeast: Bool = false)
    /// Any other failure, with the system's words.
    case failed(path: String, reason: String)

    init(path: String, errno code: Int32) {
        switch code {
        case ENOENT, ENOTDIR: self = .notFound(path: path)
        case EACCES, EPERM: self = .permissionDenied(path: path)
        case ELOOP: self = .linkLoop(path: path)
        case EISDIR: self = .notAFile(path: path, kind: "a folder")
        default: self = .failed(path: path, reason: String(cString: strerror(code)))
        }
    }

    /// The file the error is about.
    public var path: String {
        switch self {
        case .notFound(let p), .permissionDenied(let p), .notAFile(let p, _), .linkLoop(let p),
             .tooLarge(let p, _, _, _), .failed(let p, _):
            p
        }
    }

    /// What happened, without the path.
    public var reason: String {
        switch self {
        case .notFound: "no such file"
        case .permissionDenied: "permission denied"
        case .notAFile(_, let kind): "expected a file, found \(kind)"
        case .linkLoop: "symbolic links loop (a link points back at itself)"
        case .tooLarge(_, let bytes, let limit, let atLeast):
            atLeast ? "the input goes on past the \(Self.size(Int64(limit))) limit for this kind of file"
                : "the file is \(Self.size(bytes, beside: Int64(limit))), over the \(Self.size(Int64(limit))) limit for this kind of file"
        case .failed(_, let reason): reason
        }
    }

    public var description: String { "\(path): \(reason)" }

    /// `16 MiB`, `16.5 MiB`, `812 bytes`; with the exact count when it would read the same as
    /// `beside` (a file one byte over a 16 MiB limit is not "16.0 MiB").
    static func size(_ bytes: Int64, beside other: Int64? = nil) -> String {
        let text: String
        if bytes < 1024 {
            text = "\(bytes) bytes"
        } else if bytes < 1_048_576 {
            text = String(format: "%.1f KiB", Double(bytes) / 1024)
        } else {
            let mib = Double(bytes) / 1_048_576
            text = mib == mib.rounded() ? "\(Int64(mib)) MiB" : String(format: "%.1f MiB", mib)
        }
        let oneDecimal = { (n: Int64) in String(format: "%.1f", Double(n) / 1_048_576) }
        if let other, other != bytes, bytes >= 1024, oneDecimal(other) == oneDecimal(bytes) { return "\(bytes) bytes" }
        return text
    }
}
