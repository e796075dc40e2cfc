import ATTACK

/// Which technique names mean their technique when a report writes them, judged by how the
/// release's own prose uses them.
///
/// Many sub-technique names name a thing, not a behaviour: "IP Addresses" (T1590.005), "Social
/// Media" (T1593.001), "Cloud Services" (T1021.007), "Email Account" (T1087.003). A report that
/// writes "the C2 IP addresses" does not claim the actor gathered its victim's IP addresses. The
/// release tells these apart by itself: its technique descriptions (their links to other
/// objects left out) and procedure examples use such a phrase mostly while describing *other*
/// techniques. A name or alias is **unspecific** when it occurs in at least
/// ``minimumTexts`` of those texts and fewer than ``minimumOwnShare`` of them are about the
/// technique itself, its parent or its sub-techniques. A mention of an unspecific name is no
/// claim on its own (``TechniqueClassifier/claims(_:_:)`` gives it the weak confidence); the
/// learned model still scores the sentence it stands in. The "Parent: Sub" form and IDs are
/// always specific.
///
/// Nothing here is tuned on annotated reports: the texts are the release's, and the rule is
/// "mostly someone else's" (own share under one third).
///
/// ```swift
/// let names = NameSpecificity(extractor: ReportExtractor(kb: kb))   // or a model's `names`
/// names.isSpecific(hit)   // false for "IP addresses" → T1590.005
/// ```
public struct NameSpecificity: Sendable {
    /// Texts a name must occur in before it can be judged unspecific.
    public static let minimumTexts = 3
    /// The share of those texts that must be about the technique (or its family) for the
    /// name to be specific.
    public static let minimumOwnShare = 1.0 / 3.0

    /// Longest form kept (bytes).
    static let longestForm = 256

    /// Technique ATT&CK ID → the normalised name forms (lower-cased tokens joined by one
    /// space) that are unspecific for it.
    let unspecific: [String: Set<String>]

    init(unspecific: [String: Set<String>]) {
        self.unspecific = unspecific
    }

    public init(extractor: ReportExtractor) {
        let kb = extractor.kb
        // The release's texts about techniques, each with the technique it is about.
        var texts: [(technique: Int, bytes: [UInt8])] = []
        for t in kb.objects(.technique) {
            texts.append((t.index, Self.withoutLinks(Citation.stripped(t.description))))
            for r in kb.relationships(to: t) where r.type == "uses" && r.isActive && !r.description.isEmpty && kb.objects[r.source].isActive {
                texts.append((t.index, Self.withoutLinks(Citation.stripped(r.description))))
            }
        }
        // Each technique's own name and aliases (not the "Parent: Sub" form), normalised.
        var bare: [Int: Set<String>] = [:]
        for t in kb.objects(.technique) {
            bare[t.index] = Set(([t.name] + t.aliases).map { Self.normalised(Array($0.utf8)) })
        }
        var total: [Key: Int] = [:], own: [Key: Int] = [:]
        for (about, bytes) in texts {
            var seen = Set<Key>()
            for (object, form) in extractor.techniqueNameForms(in: bytes) where bare[object]?.contains(form) == true {
                let key = Key(object: object, form: form)
                guard seen.insert(key).inserted else { continue }
                total[key, default: 0] += 1
                if Self.sameFamily(object, about, kb: kb) { own[key, default: 0] += 1 }
            }
        }
        var unspecific: [String: Set<String>] = [:]
        for (key, n) in total where n >= Self.minimumTexts && Double(own[key] ?? 0) < Self.minimumOwnShare * Double(n) && key.form.utf8.count <= Self.longestForm {
            unspecific[kb.objects[key.object].attackID, default: []].insert(key.form)
        }
        self.unspecific = unspecific
    }

    struct Key: Hashable {
        let object: Int
        let form: String
    }

    /// False when `hit` is a technique name or alias the release uses mostly for other
    /// techniques; true otherwise (IDs, other objects, specific names).
    public func isSpecific(_ hit: ExtractionHit) -> Bool {
        guard hit.via != .id, let forms = unspecific[hit.object.attackID] else { return true }
        return !forms.contains(Self.normalised(Array(hit.text.utf8)))
    }

    /// The forms judged unspecific, as `(technique ID, form)`, in order.
    public var unspecificForms: [(String, String)] {
        unspecific.flatMap { id, forms in forms.map { (id, $0) } }.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    /// The phrase as the index reads it: lower-cased tokens joined by one space.
    static func normalised(_ bytes: [UInt8]) -> String {
        PhraseIndex.normalised(bytes, PhraseIndex.tokenize(bytes)[...])
    }

    /// True when `a` and `b` are the same technique, or one is the other's parent.
    static func sameFamily(_ a: Int, _ b: Int, kb: KnowledgeBase) -> Bool {
        if a == b { return true }
        let x = kb.objects[a], y = kb.objects[b]
        return (x.parentAttackID != nil && x.parentAttackID == y.attackID) || (y.parentAttackID != nil && y.parentAttackID == x.attackID)
    }

    /// The text with Markdown links (``TrainingCorpus/markdownLink(in:at:)``) removed, label
    /// and all: a link to a technique names it, it does not use its name as a phrase.
    static func withoutLinks(_ text: String) -> [UInt8] {
        let s = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if let link = TrainingCorpus.markdownLink(in: s, at: i) {
                out.append(32)
                i = link.end
                continue
            }
            out.append(s[i])
            i += 1
        }
        return out
    }
}
