import ATTACK

/// Finds ATT&CK techniques, tactics, groups, software and campaigns mentioned in report text.
///
/// Build it once per knowledge base; each report is then one pass over its tokens.
///
/// Matching rules:
/// - **IDs**: `T1059`, `T1059.001`, `TA0002`, `G0016`, `S0154`, `C0024` on word boundaries
///   (any case). A revoked ID is mapped forward to its replacement, with a note; a deprecated
///   technique, or a revoked one without a replacement, is a hit with a note saying it is not
///   counted (it is no finding); a sub-technique ID the release does not know counts as its
///   parent, with a note; other IDs the release does not know are listed apart.
/// - **Names**: technique, tactic, group, software and campaign names and aliases, matched
///   on token boundaries (letters and digits; punctuation and spacing are ignored, so
///   "side-loading" matches "Side-Loading"), the longest phrase first, non-overlapping.
/// - Names of two or more tokens match in any case. A one-token name must be at least 4
///   characters and not an ordinary word ("Proxy", "Software", "Empire", "Ping": see
///   ``genericWords``); one-token technique names then match in any case ("kerberoasting",
///   "rundll32"), one-token group, software and campaign names only as ATT&CK spells them
///   ("Mimikatz", "Turla"), since many are ordinary words in lower case.
/// - A sub-technique also matches as "Parent: Sub" ("Valid Accounts: Local Accounts"); its bare
///   name only when no other technique has that name. An object's own name wins over another's
///   alias. A name or alias that several groups, software or campaigns share gives every one of
///   them ("Akira" is the group G1024 and the ransomware S1129): which one the report means is
///   for the context to tell, and dropping one would hide an actor. A name or alias shared by a
///   technique or tactic and another object is skipped.
///
/// ```swift
/// let extractor = ReportExtractor(kb: kb)
/// let result = extractor.extract(ReportText(Array("APT29 used Mimikatz and T1086.".utf8)))
/// for h in result.hits { print(h.object.label, h.via, h.sentence) }
/// ```
public struct ReportExtractor: Sendable {
    public let kb: KnowledgeBase
    let phrases: PhraseIndex

    /// Ordinary words that are also single-word ATT&CK names; they match only as IDs or
    /// inside longer names.
    public static let genericWords: Set<String> = [
        "botnet", "compression", "credentials", "databases", "defacement", "domains", "exploits", "firmware",
        "hardware", "impersonation", "malware", "proxy", "server", "serverless", "software", "tool", "trap",
        "vulnerabilities", "python", "confluence", "sharepoint", "keychain", "javascript", "screensaver", "whois",
        "agenda", "anchor", "apostle", "armageddon", "aurora", "avenger", "cannon", "carbon", "chaos", "crimson",
        "cuba", "denis", "disco", "embargo", "empire", "epic", "equation", "expand", "explosive", "ferocious",
        "flame", "inception", "james", "kevin", "mango", "mantis", "milan", "mirage", "mosquito", "ninja",
        "octopus", "page", "pandora", "ping", "play", "pony", "prestige", "proton", "reaper", "rover", "royal",
        "samurai", "scorpion", "shark", "silence", "snake", "solar", "soldier", "spark", "tick", "trinity",
        "wiper", "responder", "covenant", "meteor", "lucifer", "mythic", "sliver", "havoc", "donut", "reaver",
        "leviathan", "chimera", "cicada", "strider", "machete", "ruler", "komplex", "spica", "catchamas",
        "matryoshka", "rattlesnake", "swallowtail", "whitefly", "blackfly", "windigo", "umbreon", "agent",
        "action", "execution", "persistence", "discovery", "collection", "impact", "exfiltration", "reconnaissance", "windows", "linux", "office", "system", "account", "accounts", "services", "access",
    ]

    /// Builds the phrase index from the active objects' names and aliases.
    public init(kb: KnowledgeBase) {
        self.kb = kb
        var names: [String: Set<Int>] = [:]       // lower-cased name → objects having it as name
        var aliases: [String: Set<Int>] = [:]     // lower-cased alias → objects having it as alias
        var forms: [(String, Int, ExtractionHit.Via)] = []
        let kinds: [ObjectKind] = [.technique, .tactic, .group, .software, .campaign]
        for kind in kinds {
            for o in kb.objects(kind) {
                forms.append((o.name, o.index, .name))
                names[o.name.lowercased(), default: []].insert(o.index)
                for a in o.aliases + (o.stix[property: "x_mitre_aliases"]?.stringArray ?? []) where a.lowercased() != o.name.lowercased() {
                    forms.append((a, o.index, .alias))
                    aliases[a.lowercased(), default: []].insert(o.index)
                }
                if kind == .technique, o.isSubtechnique, let parentID = o.parentAttackID,
                    let parent = kb.status(ofAttackID: parentID, kind: .technique).current
                {
                    forms.append(("\(parent.name): \(o.name)", o.index, .name))
                }
            }
        }
        var index = PhraseIndex()
        var seen = Set<String>()
        for (text, object, via) in forms {
            let key = text.lowercased()
            let owners = via == .name ? (names[key] ?? []) : (names[key].map { _ in Set<Int>() } ?? aliases[key] ?? [])
            // "Parent: Sub" forms are unique by construction; bare names and aliases must be.
            let isQualified = text.contains(": ")
            guard isQualified || owners.count == 1 || Self.isActorNameShared(owners, kb: kb) else { continue }
            let bytes = Array(text.utf8)
            let tokens = PhraseIndex.tokenize(bytes).map { Array(bytes[$0]) }
            guard !tokens.isEmpty else { continue }
            var exact: [[UInt8]]?
            if tokens.count == 1 {
                guard bytes.count >= 4, !Self.genericWords.contains(key), tokens[0].contains(where: { !($0 >= 48 && $0 <= 57) }) else { continue }
                if kb.objects[object].kind != .technique { exact = tokens }
            }
            guard seen.insert("\(object)|\(key)").inserted else { continue }
            index.insert(tokens: tokens, entry: PhraseIndex.Entry(object: object, how: via, exact: exact))
        }
        phrases = index
    }

    /// The hits of a report, in text order.
    public func extract(_ report: ReportText) -> ExtractionResult {
        let bytes = report.bytes
        let tokens = PhraseIndex.tokenize(bytes)
        let ids = phrases.tokenIDs(bytes, tokens)
        var hits: [ExtractionHit] = []
        var unknown: [(String, String)] = []
        var quotes = SentenceQuotes(report)
        var i = 0
        while i < tokens.count {
            if let (id, length, consumed) = attackID(at: i, tokens: tokens, bytes: bytes) {
                let at = tokens[i].lowerBound
                switch kb.status(ofAttackID: id) {
                case .active(let o): hits.append(hit(o, .id, at, length, &quotes, note: nil))
                case .remapped(_, let current): hits.append(hit(current, .id, at, length, &quotes, note: "\(id) was revoked by \(current.label)"))
                case .revoked(let o, _):
                    hits.append(hit(o, .id, at, length, &quotes, note: "\(o.label) is revoked in \(kb.title), with no replacement: not counted"))
                case .deprecated(let o): hits.append(hit(o, .id, at, length, &quotes, note: "\(o.label) is deprecated in \(kb.title): not counted"))
                case .unknown:
                    if let parent = kb.newerSubtechniqueParent(of: id) {
                        // A sub-technique of a newer release: counted as its parent.
                        hits.append(hit(parent, .id, at, length, &quotes,
                                        note: "\(id) is not in \(kb.title) (newer release?); counted as its parent \(parent.label)"))
                    } else {
                        unknown.append((id, quotes.sentence(around: at, length: length)))
                    }
                }
                i += consumed
                continue
            }
            if ids[i] >= 0, let (count, entries) = phrases.longestMatch(ids: ids, tokens: tokens, bytes: bytes, start: i) {
                let start = tokens[i].lowerBound
                let length = tokens[i + count - 1].upperBound - start
                // Own names before aliases; every object that carries the winning form.
                let named = entries.filter { $0.how == .name }
                var objects = Set<Int>()
                for e in named.isEmpty ? entries : named where objects.insert(e.object).inserted {
                    hits.append(hit(kb.objects[e.object], e.how, start, length, &quotes, note: nil))
                }
                i += count
                continue
            }
            i += 1
        }
        return ExtractionResult(hits: hits, unknownIDs: unknown)
    }

    /// The technique names and aliases `bytes` holds, as ``extract(_:)`` matches them (longest
    /// first, not overlapping; IDs are not read): each technique's object index with the matched
    /// phrase normalised (lower-cased tokens joined by one space).
    func techniqueNameForms(in bytes: [UInt8]) -> [(object: Int, form: String)] {
        let tokens = PhraseIndex.tokenize(bytes)
        let ids = phrases.tokenIDs(bytes, tokens)
        var out: [(object: Int, form: String)] = []
        var i = 0
        while i < tokens.count {
            guard ids[i] >= 0, let (count, entries) = phrases.longestMatch(ids: ids, tokens: tokens, bytes: bytes, start: i) else { i += 1; continue }
            let form = PhraseIndex.normalised(bytes, tokens[i..<(i + count)])
            for e in entries where kb.objects[e.object].kind == .technique { out.append((e.object, form)) }
            i += count
        }
        return out
    }

    /// Whether a name or alias several objects carry is kept for all of them: only when each is a
    /// group, software or campaign (actor and tool names), never a technique or tactic name.
    static func isActorNameShared(_ owners: Set<Int>, kb: KnowledgeBase) -> Bool {
        owners.count > 1 && owners.allSatisfy { [.group, .software, .campaign].contains(kb.objects[$0].kind) }
    }

    private func hit(_ o: AttackObject, _ via: ExtractionHit.Via, _ offset: Int, _ length: Int, _ quotes: inout SentenceQuotes, note: String?) -> ExtractionHit {
        ExtractionHit(
            object: o, via: via, text: String(decoding: quotes.report.bytes[offset..<(offset + length)], as: UTF8.self),
            offset: offset, sentence: quotes.sentence(around: offset, length: length), note: note)
    }

    /// An ATT&CK ID starting at token `i`: `(ID, byte length, tokens consumed)`.
    func attackID(at i: Int, tokens: [Range<Int>], bytes: [UInt8]) -> (String, Int, Int)? {
        let r = tokens[i]
        let t = bytes[r]
        let upper = t.map { $0 >= 97 && $0 <= 122 ? $0 - 32 : $0 }
        let prefixLength: Int
        if upper.count == 6, upper[0] == UInt8(ascii: "T"), upper[1] == UInt8(ascii: "A") {
            prefixLength = 2
        } else if upper.count == 5, [UInt8(ascii: "T"), UInt8(ascii: "G"), UInt8(ascii: "S"), UInt8(ascii: "C"), UInt8(ascii: "M")].contains(upper[0]) {
            prefixLength = 1
        } else {
            return nil
        }
        guard upper[prefixLength...].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return nil }
        var id = String(decoding: upper, as: UTF8.self)
        // A sub-technique: "T1059.001" (the dot splits tokens).
        if prefixLength == 1, upper[0] == UInt8(ascii: "T"), i + 1 < tokens.count {
            let next = tokens[i + 1]
            if next.lowerBound == r.upperBound + 1, bytes[r.upperBound] == UInt8(ascii: "."), next.count == 3,
                bytes[next].allSatisfy({ $0 >= 48 && $0 <= 57 })
            {
                id += "." + String(decoding: bytes[next], as: UTF8.self)
                return (id, next.upperBound - r.lowerBound, 2)
            }
        }
        return (id, r.count, 1)
    }
}
