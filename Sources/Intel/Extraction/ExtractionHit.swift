import ATTACK

/// One mention of an ATT&CK object in a report, with the sentence it came from.
public struct ExtractionHit: Sendable {
    /// How the object was recognised.
    public enum Via: String, Sendable, Hashable {
        /// An ATT&CK ID (`T1059.001`, `G0016`).
        case id
        /// The object's name.
        case name
        /// One of its aliases.
        case alias
    }

    /// The object (for a revoked ID: its replacement).
    public let object: AttackObject
    public let via: Via
    /// The text as written in the report.
    public let text: String
    /// Byte offset in the report's text.
    public let offset: Int
    public let sentence: String
    /// "T1086 was revoked by T1059.001 PowerShell", or a deprecation mark.
    public let note: String?
}

/// What a report mentions: hits in order, and IDs the release does not know.
public struct ExtractionResult: Sendable {
    public let hits: [ExtractionHit]
    /// ATT&CK-looking IDs the knowledge base does not know, with their sentence.
    public let unknownIDs: [(id: String, sentence: String)]

    /// One entry per object, in order of first mention.
    public var byObject: [(object: AttackObject, hits: [ExtractionHit])] {
        var order: [Int] = []
        var grouped: [Int: [ExtractionHit]] = [:]
        for h in hits {
            if grouped[h.object.index] == nil { order.append(h.object.index) }
            grouped[h.object.index, default: []].append(h)
        }
        return order.compactMap { i in grouped[i].flatMap { hs in hs.first.map { ($0.object, hs) } } }
    }
}
