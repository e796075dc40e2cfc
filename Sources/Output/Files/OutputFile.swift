#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Writes a command's output to where the user pointed `-o`, the way a user expects:
///
/// - `-` (and `/dev/stdout`, `/dev/fd/1`) is standard output; `/dev/stderr` standard error.
/// - Devices, FIFOs and sockets (`/dev/null`, `/dev/full`, a named pipe) are written through,
///   never replaced by a regular file.
/// - A symbolic link is followed: the link stays and its target gets the content (a dangling
///   link's target is created).
/// - A regular file is replaced atomically: the bytes go to a temporary file beside the target,
///   which takes the target's permission bits (0600 stays 0600) and, where allowed, its owner,
///   then is renamed over it. A failed or interrupted (SIGINT, SIGTERM, SIGHUP) write removes
///   the temporary file and leaves the old content.
/// - A file with several hard links is rewritten in place, so every link sees the new content;
///   that write is not atomic.
///
/// ```swift
/// try OutputFile.write(Data(html.utf8), to: "heatmap.html")
/// try OutputFile.write(Data(json.utf8), to: "-")   // standard output
/// ```
public enum OutputFile {
    /// `-`: the conventional name of standard output.
    public static let standardOutputName = "-"

    /// Writes `text` as UTF-8; see ``write(_:to:)-(Data,_)``.
    public static func write(_ text: String, to path: String) throws(OutputError) {
        try write(Data(text.utf8), to: path)
    }

    /// Writes `data` to `path` as described for ``OutputFile``.
    public static func write(_ data: Data, to path: String) throws(OutputError) {
        if let fd = standardStream(path) {
            try FileDescriptorWriter.write(data, to: fd, name: fd == STDOUT_FILENO ? "standard output" : "standard error")
            return
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            let error = errno
            guard error == ENOENT else { throw failure(path, error) }
            // Nothing there, or a dangling symbolic link: create the file the path leads to.
            try replace(at: try danglingTarget(path), with: data, keeping: nil)
            return
        }
        switch info.st_mode & FileType.mask {
        case FileType.directory:
            throw OutputError(path: path, reason: "is a directory")
        case FileType.regular:
            if info.st_nlink > 1 {
                try writeThrough(data, to: path, truncate: true)
            } else {
                guard let real = realpath(path, nil) else { throw failure(path, errno) }
                let resolved = String(cString: real)
                free(real)
                try replace(at: resolved, with: data, keeping: info)
            }
        default:
            try writeThrough(data, to: path, truncate: false)
        }
    }

    /// Writes a file of ttpkit's own cache (a snapshot, a trained model): always a new file
    /// renamed over `path` — whatever is there (a FIFO, a link, another user's file) is
    /// replaced, never written through — with `permissions` whatever the umask, so the
    /// readers' checks (``CacheFile`` in STIX) accept it. It is not forced to disk: a file a
    /// crash cut short fails its reader's checks and is made again.
    public static func writeCacheFile(_ data: Data, to path: String, permissions: mode_t = 0o644) throws(OutputError) {
        try replace(at: path, with: data, keeping: nil, permissions: permissions, durable: false)
    }

    /// The descriptor of a path that names this process's standard output or error (`-`,
    /// `/dev/stdout`, `/dev/fd/1`, `/dev/stderr`...); nil for other paths.
    public static func standardStream(_ path: String) -> Int32? {
        switch path {
        case standardOutputName, "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1": STDOUT_FILENO
        case "/dev/stderr", "/dev/fd/2", "/proc/self/fd/2": STDERR_FILENO
        default: nil
        }
    }

    /// Opens an existing file, device or FIFO and writes into it.
    static func writeThrough(_ data: Data, to path: String, truncate: Bool) throws(OutputError) {
        let fd = open(path, O_WRONLY | O_CLOEXEC | (truncate ? O_TRUNC : 0))
        guard fd >= 0 else { throw failure(path, errno) }
        defer { close(fd) }
        try FileDescriptorWriter.write(data, to: fd, name: path)
    }

    /// Writes a temporary file beside `path` and renames it over `path`.
    static func replace(
        at path: String, with data: Data, keeping existing: stat?, permissions: mode_t? = nil, durable: Bool = true
    ) throws(OutputError) {
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        var base = url.lastPathComponent
        while base.utf8.count > 180 { base.removeLast() }
        let temporary = (directory as NSString).appendingPathComponent(".\(base).\(UUID().uuidString.prefix(8)).tmp")
        let slot = TemporaryFiles.register(temporary)
        defer { TemporaryFiles.unregister(slot) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw failure(path, errno) }
        do throws(OutputError) {
            if let existing {
                _ = fchown(fd, existing.st_uid, existing.st_gid)  // allowed for root or the same owner; else keep ours
                guard fchmod(fd, existing.st_mode & 0o7777) == 0 else { throw failure(path, errno) }
            } else if let permissions {
                guard fchmod(fd, permissions) == 0 else { throw failure(path, errno) }
            }
            try FileDescriptorWriter.write(data, to: fd, name: path)
            guard !durable || fsync(fd) == 0 || errno == EINVAL else { throw failure(path, errno) }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        guard close(fd) == 0 else {
            let error = errno
            unlink(temporary)
            throw failure(path, error)
        }
        guard rename(temporary, path) == 0 else {
            let error = errno
            unlink(temporary)
            throw failure(path, error)
        }
    }

    /// Where a path that does not exist leads: itself, or the end of a dangling symlink chain.
    static func danglingTarget(_ path: String) throws(OutputError) -> String {
        var current = path
        for _ in 0..<40 {
            var info = stat()
            guard lstat(current, &info) == 0, info.st_mode & FileType.mask == FileType.symbolicLink else { return current }
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let n = readlink(current, &buffer, buffer.count - 1)
            guard n > 0 else { throw failure(path, errno) }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target
                : (URL(fileURLWithPath: current).deletingLastPathComponent().path as NSString).appendingPathComponent(target)
        }
        throw failure(path, ELOOP)
    }

    static func failure(_ path: String, _ code: Int32) -> OutputError {
        OutputError(path: path, reason: FileDescriptorWriter.systemMessage(code))
    }

    /// `st_mode` file-type bits (the C macros do not import).
    enum FileType {
        static let mask: mode_t = 0o170000
        static let regular: mode_t = 0o100000
        static let directory: mode_t = 0o040000
        static let symbolicLink: mode_t = 0o120000
    }
}
