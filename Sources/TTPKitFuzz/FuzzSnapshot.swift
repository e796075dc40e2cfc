import ATTACK
import Foundation
import STIX

/// The snapshot target. Random bytes almost never pass a snapshot's magic and checksums, so
/// the input is read two ways, each resealed (size and checksums rewritten) so the reader
/// behind the checks sees it:
/// - input starting with `TTPKSNAP` is a snapshot file as is;
/// - any other input is a list of edits to the fixture release's snapshot: 5 bytes each, a
///   32-bit offset (modulo its size) and the byte to put there; a first byte above 0xF0 also
///   cuts the file at the first edit's offset.
///
/// A knowledge base that loads is then read whole: every answer of `debug answers`, and every
/// object's JSON (its text, external references and properties, decoded from the snapshot).
enum FuzzSnapshot {
    static let fixture: [UInt8] = {
        do {
            return try FuzzFixture.kb.snapshot(key: ["fuzz"])
        } catch {
            FileHandle.standardError.write(Data("ttpkit-fuzz: the fixture does not snapshot: \(error)\n".utf8))
            exit(2)
        }
    }()

    static func run(_ input: UnsafeBufferPointer<UInt8>) {
        var bytes: [UInt8]
        if input.starts(with: Array("TTPKSNAP".utf8)) {
            bytes = Array(input)
        } else {
            bytes = fixture
            var i = 0
            while input.count - i >= 5 {
                let offset = Int(UInt32(input[i]) | UInt32(input[i + 1]) << 8 | UInt32(input[i + 2]) << 16 | UInt32(input[i + 3]) << 24)
                bytes[offset % bytes.count] = input[i + 4]
                if i == 0, input[0] > 0xF0 { bytes.removeSubrange((offset % bytes.count)...) }
                i += 5
                if bytes.isEmpty { break }
            }
        }
        SnapshotWriter.reseal(&bytes)
        guard let image = try? SnapshotImage(SourceBytes(Data(bytes)), version: KnowledgeBase.snapshotFormat) else { return }
        // Objects and relationships read on demand are checked at load: the same files must be accepted,
        // and every one must then decode to what the eager read gives.
        let eager = try? KnowledgeBase(snapshot: image, key: nil)
        let onDemand = try? KnowledgeBase(snapshot: image, key: nil, onDemand: true)
        precondition((eager == nil) == (onDemand == nil), "the eager and on-demand reads disagree on accepting a snapshot")
        guard let kb = eager, let lazy = onDemand else { return }
        for (a, b) in zip(kb.objects, lazy.objects) {
            precondition(a.name == b.name && a.aliases == b.aliases && a.descriptionText?.value == b.descriptionText?.value, "object \(a.index)'s names read differently on demand")
            precondition(a.stix.json == b.stix.json && a.id == b.id && a.isRevoked == b.isRevoked && a.isDeprecated == b.isDeprecated, "object \(a.index) reads differently on demand")
        }
        for (a, b) in zip(kb.relationships, lazy.relationships) {
            precondition(a.stix.json == b.stix.json && a.id == b.id && a.description == b.description && a.isActive == b.isActive, "relationship \(a.index) reads differently on demand")
        }
        _ = CrossCheckAnswers.make(kb).serialized(pretty: false)
        for object in kb.stixObjects { _ = JSONValue.object(object.json).serialized(pretty: false) }
        for object in kb.objects { _ = (object.url, object.platforms, object.description, object.created) }
    }
}
