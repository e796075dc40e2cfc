import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies a regular file's content without reading it: device, inode, size, and
/// modification and change times (`seconds.nanoseconds`). A file rewritten, replaced or
/// touched gets another identity; caches use it to tell whether what they kept of a file (a
/// knowledge-base snapshot of a bundle, the rules of a rule file) still holds.
public struct FileIdentity: Hashable, Sendable {
    public var device: UInt64
    public var inode: UInt64
    public var size: Int64
    public var modified: String
    public var changed: String
    /// Seconds of the later of the modification and change times.
    public var latestSecond: Int64

    /// An identity as recorded.
    public init(device: UInt64, inode: UInt64, size: Int64, modified: String, changed: String, latestSecond: Int64) {
        self.device = device
        self.inode = inode
        self.size = size
        self.modified = modified
        self.changed = changed
        self.latestSecond = latestSecond
    }

    /// The identity of the regular file at `path`; nil for anything else or when it cannot be read.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else { return nil }
        #if canImport(Darwin)
        let m = info.st_mtimespec
        let c = info.st_ctimespec
        #else
        let m = info.st_mtim
        let c = info.st_ctim
        #endif
        device = UInt64(truncatingIfNeeded: info.st_dev)
        inode = UInt64(truncatingIfNeeded: info.st_ino)
        size = Int64(info.st_size)
        modified = "\(m.tv_sec).\(m.tv_nsec)"
        changed = "\(c.tv_sec).\(c.tv_nsec)"
        latestSecond = Int64(max(m.tv_sec, c.tv_sec))
    }
}
