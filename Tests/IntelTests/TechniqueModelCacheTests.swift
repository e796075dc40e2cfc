import ATTACK
import Foundation
import Intel
import TestSupport
import Testing

/// The trained-model cache follows the snapshot rules: a file is used only when it is this
/// user's regular file that nobody else may write and its integrity tag matches.
@Suite struct TechniqueModelCacheTests {
    struct Setup {
        let dir: URL
        let cache: TechniqueModelCache
        let corpus: TrainingCorpus
        let file: URL

        init() throws {
            dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-model-\(UUID().uuidString)")
            var trainer = TechniqueModelTrainer()
            trainer.dimensions = 1 << 16
            cache = TechniqueModelCache(directory: dir, trainer: trainer)
            corpus = TrainingCorpus(kb: try TechniqueClassifierTests.bundle().knowledgeBase())
            file = cache.file(for: corpus)
            let first = cache.model(for: corpus)
            #expect(first.trained && first.stored && first.note == nil)
            let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? NSNumber
            #expect(mode?.intValue == 0o644)
        }

        /// The file is not used: retrained, with a note naming the file and `reason`.
        func expectRejected(_ reason: String) {
            let again = cache.model(for: corpus)
            #expect(again.trained)
            #expect(again.note?.hasPrefix("model \(file.path): ") == true && again.note?.contains(reason) == true, "\(again.note ?? "no note")")
            #expect(!cache.model(for: corpus).trained, "the retrained model is stored and used")
        }
    }

    @Test func aStoredModelIsUsed() throws {
        let s = try Setup()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        let again = s.cache.model(for: s.corpus)
        #expect(!again.trained && again.note == nil)
    }

    /// Issue 22: a planted file with the right digest and other weights was trusted.
    @Test func alteredWeightsAreRefused() throws {
        let s = try Setup()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        var bytes = [UInt8](try Data(contentsOf: s.file))
        bytes[bytes.count - 40] ^= 0x40  // a weight near the end of the model, before the tag
        try Data(bytes).write(to: s.file)
        s.expectRejected("integrity tag does not match")
        // A bare model of this corpus (the old file layout, or one made elsewhere) has no tag.
        let model = try #require(s.cache.cached(for: s.corpus))
        try Data(model.encoded()).write(to: s.file)
        s.expectRejected("integrity tag does not match")
    }

    @Test func aFileOthersMayWriteIsRefused() throws {
        let s = try Setup()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        #expect(chmod(s.file.path, 0o666) == 0)
        s.expectRejected("others may write it (mode 666)")
    }

    @Test func aFileOfAnotherUserIsRefused() throws {
        guard geteuid() == 0 else { return }  // only root can give a file away; STIXTests checks the rule itself
        let s = try Setup()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        #expect(chown(s.file.path, 65534, 65534) == 0)
        s.expectRejected("belongs to user 65534")
    }

    /// A FIFO where the model should be made `extract` wait forever.
    @Test func aFIFOIsRefusedWithoutWaiting() throws {
        let s = try Setup()
        defer { try? FileManager.default.removeItem(at: s.dir) }
        try FileManager.default.removeItem(at: s.file)
        #expect(mkfifo(s.file.path, 0o644) == 0)
        s.expectRejected("it is a FIFO")
    }
}
