import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads a file ttpkit itself wrote into its cache folder (a knowledge-base snapshot, a
/// trained model), only when it can be trusted to be that file.
///
/// The file must be a regular file (a FIFO, folder, device or symbolic link is refused
/// without waiting on it), owned by the user running ttpkit, and writable by nobody else
/// (group or others); anything else may have been planted by another user. It is then
/// mapped into memory, so a run reads only the pages its question needs (falling back to
/// reading it whole where mapping fails). Cache files are replaced by renaming a new file
/// over them, never rewritten in place, so a mapping stays valid while ttpkit runs; only the
/// owner truncating the file in place under a running ttpkit could fault it.
///
/// ```swift
/// let bytes = try CacheFile.map(path: snapshotPath, limit: 1 << 30)
/// ```
public enum CacheFile {
    /// Maps the file at `path`, after the checks above; `limit` bounds its size.
    public static func map(path: String, limit: Int) throws(CacheFileError) -> Data {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        guard fd >= 0 else {
            let code = errno
            if code == ENOENT { throw .missing }
            if code == ELOOP { throw .untrusted("it is a symbolic link") }
            throw .unreadable(String(cString: strerror(code)))
        }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(String(cString: strerror(errno))) }
        try check(info, limit: limit)
        let size = Int(info.st_size)
        if size == 0 { return Data() }
        if let mapped = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0), mapped != UnsafeMutableRawPointer(bitPattern: -1) {
            return Data(bytesNoCopy: mapped, count: size, deallocator: .custom { pointer, count in _ = munmap(pointer, count) })
        }
        // Mapping failed (a file system without it): read the bytes.
        let flags = fcntl(fd, F_GETFL)
        if flags >= 0 { _ = fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) }
        var data = Data(count: size)
        var done = 0
        while done < size {
            let n = data.withUnsafeMutableBytes { raw in read(fd, raw.baseAddress.map { $0 + done }, size - done) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw .unreadable(n < 0 ? String(cString: strerror(errno)) : "it became shorter while read") }
            done += n
        }
        return data
    }

    /// `body` followed by its integrity tag: `TTPKTAG1` and a checksum of the body and of
    /// `key` (what the file is filed under, so a file copied under another name fails too).
    public static func sealed(_ body: [UInt8], key: UInt64) -> [UInt8] {
        var bytes = body
        bytes += tagMagic
        withUnsafeBytes(of: tag(body[...], key: key).littleEndian) { bytes.append(contentsOf: $0) }
        return bytes
    }

    /// The body of bytes ``sealed(_:key:)`` wrote under `key` (indices from 0); nil when the
    /// tag is missing or does not match (the file was cut short, damaged or edited).
    public static func unsealed(_ bytes: [UInt8], key: UInt64) -> ArraySlice<UInt8>? {
        let end = bytes.count - 16
        guard end >= 0, bytes[end..<(end + 8)].elementsEqual(tagMagic) else { return nil }
        let stored = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: end + 8, as: UInt64.self)) }
        return tag(bytes[..<end], key: key) == stored ? bytes[..<end] : nil
    }

    private static let tagMagic = Array("TTPKTAG1".utf8)

    private static func tag(_ body: ArraySlice<UInt8>, key: UInt64) -> UInt64 {
        let sum = body.withUnsafeBytes { SnapshotChecksum.of($0) }
        return [sum.littleEndian, key.littleEndian].withUnsafeBytes { SnapshotChecksum.of($0) }
    }

    /// The trust checks on a file's status, shared by every reader of cache files.
    static func check(_ info: stat, limit: Int) throws(CacheFileError) {
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFREG else {
            let what = kind == S_IFIFO ? "a FIFO" : kind == S_IFDIR ? "a folder" : kind == S_IFSOCK ? "a socket"
                : kind == S_IFCHR || kind == S_IFBLK ? "a device" : "not a regular file"
            throw .untrusted("it is \(what), not a file ttpkit wrote")
        }
        guard info.st_uid == geteuid() else { throw .untrusted("it belongs to user \(info.st_uid), not to the user running ttpkit (\(geteuid()))") }
        let mode = info.st_mode & 0o777
        guard mode & 0o022 == 0 else { throw .untrusted("others may write it (mode \(String(mode, radix: 8)))") }
        guard info.st_size <= limit else { throw .untrusted("it is \(info.st_size) bytes, over the \(limit)-byte limit") }
    }
}

/// Why a cache file was not read.
public enum CacheFileError: Error, Sendable, Equatable, CustomStringConvertible {
    /// There is no such file.
    case missing
    /// The file is there but is not to be trusted; the reason in plain words.
    case untrusted(String)
    /// The file could not be read; the system's words.
    case unreadable(String)

    public var description: String {
        switch self {
        case .missing: "there is no such file"
        case .untrusted(let why), .unreadable(let why): why
        }
    }
}
