import ATTACK
import Intel
import Navigator
import STIX

/// What a user observed, before it is resolved: technique IDs or names and software names, as
/// typed, read from a file or sent in a request.
public struct ObservedInput: Sendable, Hashable {
    public var techniques: [String]
    public var software: [String]

    public init(techniques: [String] = [], software: [String] = []) {
        (self.techniques, self.software) = (techniques, software)
    }

    /// A comma, space or line separated list, each item once (in any case).
    public static func items(_ list: String) -> [String] {
        unique(split(list) { $0 == "," || $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }.filter { !$0.isEmpty })
    }

    /// A comma separated list of names (names may hold spaces), each once: the one reading of
    /// `--groups`, `groups=` and the web app's group box.
    public static func names(_ list: String) -> [String] {
        unique(commaSeparated(list))
    }

    /// The items of a comma separated list, trimmed, empty ones left out, repeats kept.
    public static func commaSeparated(_ list: String) -> [String] {
        split(list) { $0 == "," }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `list` cut at every separator scalar. By scalars, not characters: a comma followed by a
    /// combining mark or an emoji modifier is one `Character`, and would hide the separator.
    static func split(_ list: String, where isSeparator: (Unicode.Scalar) -> Bool) -> [String] {
        var parts: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in list.unicodeScalars {
            if isSeparator(scalar) {
                parts.append(String(current))
                current = String.UnicodeScalarView()
            } else {
                current.append(scalar)
            }
        }
        parts.append(String(current))
        return parts
    }

    /// Technique IDs in free text: every `T1234` / `T1234.567` token.
    public static func techniqueTokens(in text: String) -> [String] {
        var ids: [String] = []
        let bytes = Array(text.utf8)
        var i = 0
        func digit(_ j: Int) -> Bool { j < bytes.count && bytes[j] >= 48 && bytes[j] <= 57 }
        func letterOrDigit(_ b: UInt8) -> Bool { (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) }
        while i < bytes.count {
            let boundary = i == 0 || !letterOrDigit(bytes[i - 1])
            if boundary, bytes[i] == UInt8(ascii: "T") || bytes[i] == UInt8(ascii: "t"), digit(i + 1), digit(i + 2), digit(i + 3), digit(i + 4) {
                var end = i + 5
                if end < bytes.count, bytes[end] == UInt8(ascii: "."), digit(end + 1), digit(end + 2), digit(end + 3) { end += 4 }
                if end >= bytes.count || !letterOrDigit(bytes[end]) {
                    ids.append(String(decoding: bytes[i..<end], as: UTF8.self).uppercased())
                }
                i = end
            } else {
                i += 1
            }
        }
        return unique(ids)
    }

    /// The techniques layers mark as seen (``Layer/markedTechniques``), each once.
    public static func techniques(in layers: [Layer]) -> [String] {
        unique(layers.flatMap { $0.markedTechniques.map(\.technique.techniqueID) })
    }

    static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0.uppercased()).inserted }
    }

    /// Resolves what was observed in `kb`: each technique through the one technique-list resolver
    /// (a revoked ID followed, a sub-technique a newer release added counted as its parent), each
    /// software by name, alias or ID. What cannot be used is skipped with a note, never guessed.
    public func resolved(in kb: KnowledgeBase) -> (evidence: SimilarityCorpus.Evidence, notes: [String], skipped: [String]) {
        var evidence = SimilarityCorpus.Evidence()
        var notes: [String] = []
        var skipped: [String] = []
        for query in techniques {
            do {
                let r = try kb.listedTechnique(query)
                if let note = r.note { notes.append(note) }
                evidence.techniques.insert(r.object.index)
            } catch {
                if TechniqueID(query) != nil, kb.status(ofAttackID: query) == .unknown {
                    skipped.append("skipped \(query): \(OtherDomainIDs.reason(query, in: kb))")
                } else {
                    skipped.append("skipped \(query): \(error.description)")
                }
            }
        }
        for name in software {
            do {
                evidence.software.insert(try kb.resolve(name, kind: .software).object.index)
            } catch {
                skipped.append("skipped software \(name): \(error.description)")
            }
        }
        return (evidence, notes, skipped)
    }
}

/// The groups (and campaigns) ranked by `similar`, with how much was observed.
public struct SimilarMatches: Sendable {
    public let matches: [SimilarityMatch]
    /// How many techniques and pieces of software of the input were found in the release.
    public let observedTechniques: Int
    public let observedSoftware: Int
}

extension Questions {
    /// Who does this look like: groups (and campaigns) ranked by how well they explain what was
    /// observed. Nothing usable observed is an error naming the release.
    public static func similar(_ observed: ObservedInput, top: Int = 10, expected: Int = 5, campaigns: Bool = false,
                               in kb: KnowledgeBase) throws(QuestionError) -> Answer<SimilarMatches> {
        guard (1...100).contains(top) else { throw .invalid("top: expected a whole number from 1 to 100") }
        guard (0...50).contains(expected) else { throw .invalid("expected: expected a whole number from 0 to 50") }
        let (evidence, notes, skipped) = observed.resolved(in: kb)
        guard !evidence.techniques.isEmpty || !evidence.software.isEmpty else {
            let why = skipped.isEmpty ? "" : " (" + skipped.prefix(3).joined(separator: "; ") + (skipped.count > 3 ? "; …" : "") + ")"
            throw .invalid("nothing observed: none of the techniques or software given is in \(kb.title)\(why)")
        }
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb), candidates: campaigns ? .groupsAndCampaigns : .groups)
        let matches = index.rank(evidence, top: top, expected: expected).filter { $0.score > 0 }
        var provenance = Provenance(knowledgeBase: kb)
        provenance.add("techniques", String(evidence.techniques.count))
        provenance.add("software", String(evidence.software.count))
        provenance.add("top", String(top))
        provenance.add("expected", String(expected))
        if campaigns { provenance.add("campaigns", "true") }
        let body: JSONValue = .array(matches.enumerated().map {
            $0.element.json(rank: $0.offset + 1, observedTechniques: evidence.techniques.count, observedSoftware: evidence.software.count)
        })
        let value = SimilarMatches(matches: matches, observedTechniques: evidence.techniques.count, observedSoftware: evidence.software.count)
        return Answer(value: value, body: body, listKey: "matches", notes: notes, warnings: skipped, provenance: provenance)
    }

    /// Two or more groups side by side: common and unique techniques, Jaccard similarity, per tactic.
    public static func compare(_ groups: [String], viaSoftware: Bool = false, in kb: KnowledgeBase) throws(QuestionError) -> Answer<Comparison> {
        guard groups.count >= 2 else { throw .invalid("expected at least two groups to compare") }
        let comparison: Comparison
        do throws(GeneratorError) {
            comparison = try Comparison.groups(groups, kb: kb, viaSoftware: viaSoftware)
        } catch {
            throw .notFound(error.description)
        }
        var provenance = Provenance(knowledgeBase: kb)
        provenance.add("groups", comparison.members.map(\.id).joined(separator: ","))
        provenance.add("via_software", String(viaSoftware))
        return Answer(value: comparison, body: comparison.json(), provenance: provenance)
    }
}
