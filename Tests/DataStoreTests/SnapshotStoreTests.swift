import ATTACK
import Foundation
import STIX
import TestSupport
import Testing
@testable import DataStore

/// The snapshot cache: a snapshot is written on first load and read afterwards; every bad
/// file (truncated, another format, another bundle, stale, flipped bytes, another owner,
/// writable by others, a FIFO, a link) is rebuilt with one note and the answer is right.
@Suite struct SnapshotStoreTests {
    final class Notes: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    }

    struct Setup {
        let folder: TemporaryDirectory
        let store: SnapshotStore
        let bundle: URL
        let expected: String

        init(extraGroup: String? = nil) throws {
            folder = try TemporaryDirectory()
            store = SnapshotStore(cache: CacheDirectory(url: folder.url.appendingPathComponent("cache")))
            var fixture = FixtureBundle.sample()
            if let extraGroup { _ = fixture.group("G0099", extraGroup) }
            bundle = try folder.write("data/enterprise-attack-18.1.json", fixture.json())
            expected = CrossCheckAnswers.make(try KnowledgeBase.load(contentsOf: bundle)).serialized()
        }

        var file: URL { store.snapshotFile(bundle: bundle.path) }

        /// Loads through the store; the origin, the notes said, and whether the answers are right.
        func load() throws -> (SnapshotStore.Origin, [String]) {
            let notes = Notes()
            let (kb, origin) = try store.knowledgeBase(bundle: bundle) { notes.add($0) }
            #expect(CrossCheckAnswers.make(kb).serialized() == expected)
            #expect(kb.sourceDigests.first??.count == 64)
            return (origin, notes.all)
        }

        /// Loads a damaged snapshot: one note naming the file and `reason`, a rebuild, and the
        /// rebuilt file read on the next load.
        func expectRebuilt(because reason: String) throws {
            let (origin, notes) = try load()
            #expect(origin == .parsed(writeError: nil))
            #expect(notes.count == 1)
            #expect(notes.first?.hasPrefix("snapshot \(file.path): ") == true)
            #expect(notes.first?.contains(reason) == true, "\(notes)")
            #expect(notes.first?.hasSuffix("; rebuilt from \(bundle.path)") == true)
            let (again, none) = try load()
            #expect(again == .snapshot && none.isEmpty)
        }
    }

    @Test func writtenOnFirstLoadAndReadAfterwards() throws {
        let s = try Setup()
        let (first, notes) = try s.load()
        #expect(first == .parsed(writeError: nil) && notes.isEmpty)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: s.file.path)[.posixPermissions] as? NSNumber)
        #expect(mode.intValue == 0o644)
        let (second, none) = try s.load()
        #expect(second == .snapshot && none.isEmpty)
        let rebuilt = try s.store.knowledgeBase(bundle: s.bundle, rebuild: true) { _ in }
        #expect(rebuilt.origin == .parsed(writeError: nil) && rebuilt.knowledgeBase.attackVersion == "18.1")
    }

    @Test func truncatedIsRebuilt() throws {
        let s = try Setup()
        _ = try s.load()
        let bytes = try Data(contentsOf: s.file)
        try bytes.prefix(bytes.count / 2).write(to: s.file)
        try s.expectRebuilt(because: "its header says")
    }

    @Test func anotherFormatVersionIsRebuilt() throws {
        let s = try Setup()
        _ = try s.load()
        var bytes = [UInt8](try Data(contentsOf: s.file))
        bytes[8] &+= 1
        SnapshotWriter.reseal(&bytes)
        try Data(bytes).write(to: s.file)
        try s.expectRebuilt(because: "it is of snapshot format \(KnowledgeBase.snapshotFormat + 1), this ttpkit reads format \(KnowledgeBase.snapshotFormat)")
    }

    @Test func anotherBundlesSnapshotIsRebuilt() throws {
        let s = try Setup()
        let other = try s.folder.write("data/other/enterprise-attack-18.1.json", FixtureBundle.sample().json())
        _ = try s.store.knowledgeBase(bundle: other) { _ in }
        try FileManager.default.createDirectory(at: s.file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: s.store.snapshotFile(bundle: other.path), to: s.file)
        try s.expectRebuilt(because: "made from another bundle or with other options (bundle \(other.path), not bundle \(s.bundle.path))")
    }

    @Test func aChangedBundleIsReadAgain() throws {
        let s = try Setup()
        _ = try s.load()
        let changed = try Setup(extraGroup: "Newer Group")
        try Data(contentsOf: changed.bundle).write(to: s.bundle)
        let notes = Notes()
        let (kb, origin) = try s.store.knowledgeBase(bundle: s.bundle) { notes.add($0) }
        #expect(origin == .parsed(writeError: nil))
        #expect(notes.all.count == 1 && notes.all.first?.contains("made from another bundle") == true)
        #expect(CrossCheckAnswers.make(kb).serialized() == changed.expected)
        #expect((try? kb.resolve("Newer Group", kind: .group)) != nil)
    }

    @Test func flippedBytesAreRebuilt() throws {
        let s = try Setup()
        _ = try s.load()
        var bytes = [UInt8](try Data(contentsOf: s.file))
        bytes[bytes.count / 3] ^= 0x01
        try Data(bytes).write(to: s.file)
        try s.expectRebuilt(because: "checksum does not match")
    }

    @Test func aFileOfAnotherUserIsRebuilt() throws {
        let s = try Setup()
        _ = try s.load()
        guard geteuid() == 0 else {
            // Only root can give a file away; the check itself is tested in STIXTests (CacheFileTests).
            return
        }
        #expect(chown(s.file.path, 65534, 65534) == 0)
        try s.expectRebuilt(because: "belongs to user 65534")
    }

    @Test func aFileOthersMayWriteIsRebuilt() throws {
        let s = try Setup()
        _ = try s.load()
        #expect(chmod(s.file.path, 0o666) == 0)
        try s.expectRebuilt(because: "others may write it (mode 666)")
    }

    @Test func aFIFOIsRebuiltWithoutWaiting() throws {
        let s = try Setup()
        _ = try s.load()
        try FileManager.default.removeItem(at: s.file)
        #expect(mkfifo(s.file.path, 0o644) == 0)
        try s.expectRebuilt(because: "it is a FIFO")
    }

    @Test func aSymbolicLinkIsRebuilt() throws {
        let s = try Setup()
        _ = try s.load()
        let moved = s.file.appendingPathExtension("moved")
        try FileManager.default.moveItem(at: s.file, to: moved)
        try FileManager.default.createSymbolicLink(at: s.file, withDestinationURL: moved)
        try s.expectRebuilt(because: "symbolic link")
    }

    @Test func anUnwritableCacheStillAnswers() throws {
        let s = try Setup()
        let blocked = SnapshotStore(cache: CacheDirectory(url: s.bundle))  // a file where the folder should be
        let (kb, origin) = try blocked.knowledgeBase(bundle: s.bundle) { _ in }
        guard case .parsed(let error?) = origin else { Issue.record("expected a write error, got \(origin)"); return }
        #expect(!error.isEmpty)
        #expect(CrossCheckAnswers.make(kb).serialized() == s.expected)
    }
}
