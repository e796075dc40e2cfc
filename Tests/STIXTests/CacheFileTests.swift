import Foundation
import Testing
@testable import STIX

/// The trust checks on ttpkit's own cache files, on file states a test cannot always make
/// (another user's file needs root).
@Suite struct CacheFileTests {
    func status(uid: uid_t = geteuid(), mode: mode_t = S_IFREG | 0o644, size: Int = 100) -> stat {
        var s = stat()
        s.st_uid = uid
        s.st_mode = mode
        s.st_size = size
        return s
    }

    func reason(_ s: stat, limit: Int = 1000) -> String? {
        do throws(CacheFileError) {
            try CacheFile.check(s, limit: limit)
            return nil
        } catch {
            return error.description
        }
    }

    @Test func acceptsOnlyARegularFileOfThisUserNobodyElseMayWrite() {
        #expect(reason(status()) == nil)
        #expect(reason(status(mode: S_IFREG | 0o600)) == nil)
        #expect(reason(status(uid: geteuid() &+ 1))?.contains("belongs to user \(geteuid() &+ 1)") == true)
        #expect(reason(status(mode: S_IFREG | 0o664)) == "others may write it (mode 664)")
        #expect(reason(status(mode: S_IFREG | 0o646)) == "others may write it (mode 646)")
        #expect(reason(status(mode: S_IFIFO | 0o644)) == "it is a FIFO, not a file ttpkit wrote")
        #expect(reason(status(mode: S_IFDIR | 0o755)) == "it is a folder, not a file ttpkit wrote")
        #expect(reason(status(size: 1001))?.contains("over the 1000-byte limit") == true)
    }

    @Test func mapsTheFileAndNeverWaitsOnAFIFO() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-cachefile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("a.bin")
        try Data("hello".utf8).write(to: file)
        #expect(chmod(file.path, 0o644) == 0)
        #expect(try CacheFile.map(path: file.path, limit: 100) == Data("hello".utf8))
        #expect(throws: CacheFileError.missing) { try CacheFile.map(path: dir.appendingPathComponent("none").path, limit: 100) }
        let fifo = dir.appendingPathComponent("fifo")
        #expect(mkfifo(fifo.path, 0o644) == 0)
        #expect(throws: CacheFileError.untrusted("it is a FIFO, not a file ttpkit wrote")) { try CacheFile.map(path: fifo.path, limit: 100) }
    }
}
