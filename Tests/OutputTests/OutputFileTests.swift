import Foundation
@testable import Output
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("Writing outputs where -o points")
struct OutputFileTests {
    let folder: String

    init() throws {
        folder = NSTemporaryDirectory() + "ttpkit-output-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder + "/" + name }
    func read(_ p: String) -> String? { try? String(contentsOfFile: p, encoding: .utf8) }
    func leftovers() -> [String] { ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".tmp") } }
    func mode(_ p: String) -> mode_t { var s = stat(); stat(p, &s); return s.st_mode }

    @Test func createsANewFileAndReplacesAnOldOne() throws {
        try OutputFile.write("one", to: path("a.txt"))
        try OutputFile.write("two", to: path("a.txt"))
        #expect(read(path("a.txt")) == "two")
        #expect(leftovers().isEmpty)
    }

    @Test func keepsTheTargetsMode() throws {
        let p = path("secret.json")
        try OutputFile.write("old", to: p)
        chmod(p, 0o600)
        try OutputFile.write("new", to: p)
        #expect(mode(p) & 0o7777 == 0o600)
        #expect(read(p) == "new")
    }

    @Test func followsASymbolicLinkAndKeepsIt() throws {
        try OutputFile.write("old", to: path("target.txt"))
        try FileManager.default.createSymbolicLink(atPath: path("link.txt"), withDestinationPath: "target.txt")
        try OutputFile.write("new", to: path("link.txt"))
        #expect(read(path("target.txt")) == "new")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.txt")) == "target.txt")
    }

    @Test func aDanglingLinkCreatesItsTarget() throws {
        try FileManager.default.createSymbolicLink(atPath: path("dangling"), withDestinationPath: "created.txt")
        try OutputFile.write("x", to: path("dangling"))
        #expect(read(path("created.txt")) == "x")
        #expect(mode(path("dangling")) & 0o170000 == 0o100000)  // stat follows: a regular file now
    }

    @Test func aHardLinkIsWrittenInPlace() throws {
        try OutputFile.write("old", to: path("h1"))
        link(path("h1"), path("h2"))
        try OutputFile.write("new", to: path("h2"))
        #expect(read(path("h1")) == "new")
        var a = stat(), b = stat()
        stat(path("h1"), &a); stat(path("h2"), &b)
        #expect(a.st_ino == b.st_ino)
    }

    @Test func devicesAreWrittenThroughNotReplaced() throws {
        try OutputFile.write("ignored", to: "/dev/null")
        #expect(mode("/dev/null") & 0o170000 == 0o020000)  // still a character device
        #expect(throws: OutputError(path: "/dev/full", reason: "No space left on device")) {
            try OutputFile.write("x", to: "/dev/full")
        }
        #expect(mode("/dev/full") & 0o170000 == 0o020000)
    }

    @Test func aFIFOIsWrittenThrough() throws {
        let fifo = path("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        #expect(reader >= 0)
        defer { close(reader) }
        try OutputFile.write("through the pipe", to: fifo)
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = Glibc.read(reader, &buffer, 64)
        #expect(String(decoding: buffer.prefix(max(0, n)), as: UTF8.self) == "through the pipe")
        #expect(mode(fifo) & 0o170000 == 0o010000)
    }

    @Test func aDirectoryOrMissingFolderIsAnError() {
        #expect(throws: OutputError(path: folder, reason: "is a directory")) { try OutputFile.write("x", to: folder) }
        #expect(throws: OutputError.self) { try OutputFile.write("x", to: path("no/such/dir/file")) }
        #expect(leftovers().isEmpty)
    }

    @Test func aFailedReplaceRemovesItsTemporaryFile() throws {
        let blocker = path("occupied")
        try FileManager.default.createDirectory(atPath: blocker + "/inside", withIntermediateDirectories: true)
        #expect(throws: OutputError.self) { try OutputFile.replace(at: blocker, with: Data("x".utf8), keeping: nil) }
        #expect(leftovers().isEmpty)
    }

    @Test func temporaryFilesAreRegisteredForRemovalOnASignal() throws {
        let p = path(".x.tmp")
        let slot = try #require(TemporaryFiles.register(p))
        #expect(TemporaryFiles.path(inSlot: slot) == p)
        var action = sigaction()
        sigaction(SIGTERM, nil, &action)
        #expect(action.__sigaction_handler.sa_handler != nil, "a handler removes them on SIGTERM")
        TemporaryFiles.unregister(slot)
        #expect(TemporaryFiles.path(inSlot: slot) == nil)
    }
}
