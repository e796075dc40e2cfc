import ATTACK
import Foundation
import STIX
import TestSupport
import Testing

/// The knowledge-base snapshot: a round trip gives the same knowledge base, and the reader
/// refuses every damaged file (and survives resealed nonsense) without crashing.
@Suite("Knowledge-base snapshots")
struct SnapshotTests {
    static func image(_ bytes: [UInt8]) throws(SnapshotError) -> SnapshotImage {
        try SnapshotImage(SourceBytes(Data(bytes)), version: KnowledgeBase.snapshotFormat)
    }

    static func roundTrip(_ kb: KnowledgeBase, key: [String] = ["k"], onDemand: Bool = false) throws -> KnowledgeBase {
        try KnowledgeBase(snapshot: try image(try kb.snapshot(key: key)), key: key, onDemand: onDemand)
    }

    /// The same knowledge base: metadata, every STIX object (text, references and properties
    /// included), each object's kind, ID and rank, the relationships' ends, and every answer.
    static func expectSame(_ a: KnowledgeBase, _ b: KnowledgeBase) {
        #expect(a.domain == b.domain && a.attackVersion == b.attackVersion && a.stixVersion == b.stixVersion)
        #expect(a.sources == b.sources && a.sourceDigests == b.sourceDigests)
        #expect(a.stixObjects.count == b.stixObjects.count)
        #expect(a.stixObjects == b.stixObjects)
        #expect(a.objects.map { "\($0.kind) \($0.attackID) \($0.sortRank) \($0.isActive)" } == b.objects.map { "\($0.kind) \($0.attackID) \($0.sortRank) \($0.isActive)" })
        #expect(a.relationships.map { "\($0.type) \($0.source) \($0.target) \($0.id) \($0.isRevoked) \($0.isDeprecated)" }
            == b.relationships.map { "\($0.type) \($0.source) \($0.target) \($0.id) \($0.isRevoked) \($0.isDeprecated)" })
        #expect(a.relationships.map(\.citations.count) == b.relationships.map(\.citations.count))
        #expect(a.relationships.map(\.description) == b.relationships.map(\.description))
        #expect(a.relationships.map(\.created) == b.relationships.map(\.created))
        #expect(a.objects.map { "\($0.name) \($0.aliases) \($0.descriptionText?.value ?? "-")" } == b.objects.map { "\($0.name) \($0.aliases) \($0.descriptionText?.value ?? "-")" })
        #expect(a.orderedTactics().map(\.attackID) == b.orderedTactics().map(\.attackID))
        #expect(CrossCheckAnswers.make(a).serialized(pretty: false) == CrossCheckAnswers.make(b).serialized(pretty: false))
    }

    @Test func roundTripKeepsEverything() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        let back = try Self.roundTrip(kb)
        Self.expectSame(kb, back)
        let group = try back.resolve("test bear", kind: .group).object
        #expect(group.attackID == "G0001")
        #expect(group.url == "https://attack.mitre.org/groups/G0001")
        #expect(back.techniquesUsed(byGroup: group).map(\.object.attackID) == kb.techniquesUsed(byGroup: try kb.resolve("G0001", kind: .group).object).map(\.object.attackID))
        let t = try back.resolve("T1059", kind: .technique).object
        #expect(t.platforms == ["Windows", "Linux"])
        #expect(back.objects.map(\.stix.json) == kb.objects.map(\.stix.json))
    }

    /// Objects and relationships left in the snapshot until read give what the eager read gives, and a
    /// damaged record is refused at load, never when read.
    @Test func onDemandReadTheSame() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        Self.expectSame(kb, try Self.roundTrip(kb, onDemand: true))
        let bytes = try kb.snapshot(key: ["k"])
        var rng = SeededGenerator(seed: 7)
        var refused = 0
        for _ in 0..<300 {
            var edited = bytes
            edited[Int.random(in: 0..<(try Self.textStart(bytes)), using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            SnapshotWriter.reseal(&edited)
            let image = try? Self.image(edited)
            let eager = image.flatMap { try? KnowledgeBase(snapshot: $0, key: nil) }
            let onDemand = image.flatMap { try? KnowledgeBase(snapshot: $0, key: nil, onDemand: true) }
            #expect((eager == nil) == (onDemand == nil))
            if let eager, let onDemand {
                #expect(eager.relationships.map(\.stix) == onDemand.relationships.map(\.stix))
                #expect(eager.objects.map(\.name) == onDemand.objects.map(\.name))
                #expect(eager.objects.map(\.aliases) == onDemand.objects.map(\.aliases))
                #expect(eager.objects.map(\.description) == onDemand.objects.map(\.description))
                #expect(eager.objects.map(\.stix) == onDemand.objects.map(\.stix))
                #expect(eager.objects.map(\.isActive) == onDemand.objects.map(\.isActive))
            } else {
                refused += 1
            }
        }
        #expect(refused > 0)
    }

    @Test func aSnapshotObjectCanBeChangedLikeAnyOther() throws {
        let kb = try Self.roundTrip(try FixtureBundle.sample().knowledgeBase())
        var o = try kb.resolve("T1059", kind: .technique).object.stix
        o.properties["x_mitre_deprecated"] = true
        #expect(o.isDeprecated)
        #expect(o[property: "x_mitre_platforms"]?.stringArray == ["Windows", "Linux"])
        o.externalReferences = []
        #expect(o.firstExternalReference { _ in true } == nil)
        #expect(!(try kb.resolve("T1059", kind: .technique).object.isDeprecated))
    }

    @Test func anotherKeyIsRefused() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        let bytes = try kb.snapshot(key: ["bundle a", "size 1"])
        #expect(throws: SnapshotError.self) { try KnowledgeBase(snapshot: try Self.image(bytes), key: ["bundle a", "size 2"]) }
        #expect(throws: Never.self) { try KnowledgeBase(snapshot: try Self.image(bytes), key: nil) }
    }

    @Test func everyTruncationAndAnotherVersionAreRefused() throws {
        let bytes = try FixtureBundle.sample().knowledgeBase().snapshot(key: ["k"])
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 211)) {
            #expect(throws: SnapshotError.self) { try Self.image(Array(bytes[..<cut])) }
        }
        #expect(throws: SnapshotError.self) { try SnapshotImage(SourceBytes(Data(bytes)), version: KnowledgeBase.snapshotFormat + 1) }
        var other = bytes
        other[0] = UInt8(ascii: "X")
        #expect(throws: SnapshotError.self) { try Self.image(other) }
    }

    /// A flipped byte anywhere before the text is caught by a checksum.
    @Test func flippedBytesInTheHeaderOrIndexAreRefused() throws {
        let bytes = try FixtureBundle.sample().knowledgeBase().snapshot(key: ["k"])
        let textStart = try Self.textStart(bytes)
        for offset in stride(from: 0, to: textStart, by: max(1, textStart / 301)) {
            var flipped = bytes
            flipped[offset] ^= 0x10
            #expect(throws: SnapshotError.self) { try Self.image(flipped) }
        }
    }

    /// Edited bytes whose checksums are rewritten reach the reader: it loads or refuses them,
    /// and whatever loads answers every query without crashing.
    @Test func resealedEditsNeverCrash() throws {
        let bytes = try FixtureBundle.sample().knowledgeBase().snapshot(key: ["k"])
        var rng = SeededGenerator(seed: 23)
        var loaded = 0
        for round in 0..<400 {
            var edited = bytes
            for _ in 0..<(1 + round % 4) {
                edited[Int.random(in: 0..<edited.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
            }
            SnapshotWriter.reseal(&edited)
            guard let kb = try? KnowledgeBase(snapshot: try Self.image(edited), key: nil) else { continue }
            loaded += 1
            _ = CrossCheckAnswers.make(kb)
            for o in kb.stixObjects { _ = JSONValue.object(o.json).serialized() }
        }
        #expect(loaded > 0)
    }

    /// A repeatable sequence (xorshift64*), so a failure replays.
    struct SeededGenerator: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed | 1 }
        mutating func next() -> UInt64 {
            state ^= state >> 12
            state ^= state << 25
            state ^= state >> 27
            return state &* 0x2545_F491_4F6C_DD1D
        }
    }

    static func textStart(_ bytes: [UInt8]) throws -> Int {
        let count = Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self) } >> 32)
        return Int(bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: 32 + 16 * (count - 1), as: UInt64.self) })
    }
}

/// Every shared release answers the same from its snapshot as from its bundle.
@Suite("Snapshots of the shared bundles", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct SharedSnapshotTests {
    @Test(arguments: ["enterprise-attack-18.1.json", "enterprise-attack-14.0.json", "mobile-attack-18.1.json", "ics-attack-18.1.json", "stix21/ics-attack-18.1.json"])
    func snapshotAnswersEqualTheBundle(_ name: String) throws {
        let kb = name == "enterprise-attack-18.1.json" ? try SharedKnowledge.enterprise181.get() : try KnowledgeBase.load(contentsOf: SharedData.bundle(name))
        let back = try SnapshotTests.roundTrip(kb)
        SnapshotTests.expectSame(kb, back)
        SnapshotTests.expectSame(kb, try SnapshotTests.roundTrip(kb, onDemand: true))
        #expect(back.sourceDigests == kb.sourceDigests && kb.sourceDigests.allSatisfy { $0?.count == 64 })
    }
}
