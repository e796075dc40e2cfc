import ATTACK

/// The labelled texts a ``TechniqueModel`` learns from, taken from an ATT&CK release itself.
///
/// For each active technique: its name (and "Parent: Sub" for a sub-technique), each sentence
/// of its description, its detection text, the descriptions of the analytics of the detection
/// strategies that detect it, and every procedure example — the description of an active
/// `uses` relationship that targets it. Group, software and campaign descriptions are kept as
/// background text: prose about adversaries that names no behaviour, negative for every class.
/// `(Citation: …)` markers, Markdown links and `<code>` tags are removed.
///
/// Annotated reports (``add(_:reports:)``) add their passages as texts of their techniques —
/// each as marked and as the whole sentence it lies in, the unit the classifier scores — and
/// their other sentences as background for the annotators' label set only: a sentence nobody
/// marked is evidence against the techniques the annotators looked for, not against others.
///
/// ```swift
/// let corpus = TrainingCorpus(kb: kb)
/// print(corpus.classes.count, corpus.examples.count)   // 691 25812 for Enterprise 18.1
/// ```
public struct TrainingCorpus: Sendable {
    /// One training text: its class (index into `classes`), or nil for background text.
    public struct Example: Sendable, Hashable {
        public var label: Int?
        public var text: String
        /// From an annotated report: a passage (weighted more, being in the reports' own style),
        /// or background, negative only for the classes of its corpus' label set.
        public var annotated: Bool
        /// For an annotated report's background sentence: its corpus' label set (an index into
        /// ``TrainingCorpus/backgroundSets``), the classes it is negative for.
        public var backgroundSet: Int?

        public init(label: Int?, text: String, annotated: Bool = false, backgroundSet: Int? = nil) {
            self.label = label
            self.text = text
            self.annotated = annotated
            self.backgroundSet = backgroundSet
        }
    }

    /// Technique ATT&CK IDs, one per class.
    public private(set) var classes: [String]
    /// For each class, the class index of its parent technique, if it is a sub-technique.
    public private(set) var parents: [Int?]
    public private(set) var examples: [Example]
    /// The classes annotated reports were labelled with, all corpora together.
    public private(set) var annotatedClasses: Set<Int> = []
    /// Per annotated corpus added, the classes its annotators looked for: its background
    /// sentences are negative for these only (TRAM's unmarked sentences say nothing about a
    /// technique outside its 77 labels, AnnoCTR's say something about every technique).
    public private(set) var backgroundSets: [Set<Int>] = []
    /// The release the corpus was taken from (the trainer judges its technique names by its
    /// prose: ``NameSpecificity``).
    public let knowledgeBase: KnowledgeBase

    /// The corpus of a knowledge base's active techniques.
    public init(kb: KnowledgeBase) {
        knowledgeBase = kb
        let techniques = kb.objects(.technique).sorted { $0.attackID < $1.attackID }
        var classOf: [Int: Int] = [:]
        var classes: [String] = []
        for t in techniques where !t.attackID.isEmpty {
            classOf[t.index] = classes.count
            classes.append(t.attackID)
        }
        let classIndex = Dictionary(classes.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        var examples: [Example] = []
        for t in techniques {
            guard let c = classOf[t.index] else { continue }
            examples.append(Example(label: c, text: t.name))
            if let parentID = t.parentAttackID, let p = kb.objects(attackID: parentID).first(where: \.isActive) {
                examples.append(Example(label: c, text: "\(p.name): \(t.name)"))
            }
            for s in Self.sentences(Self.cleaned(t.description)) { examples.append(Example(label: c, text: s)) }
            if let d = t.detectionText { examples.append(Example(label: c, text: Self.cleaned(d))) }
            for strategy in kb.detectionStrategies(detecting: t) {
                for a in kb.analytics(of: strategy) where !a.description.isEmpty {
                    examples.append(Example(label: c, text: Self.cleaned(a.description)))
                }
            }
            for r in kb.relationships(to: t) where r.type == "uses" && r.isActive && !r.description.isEmpty {
                guard kb.objects[r.source].isActive else { continue }
                examples.append(Example(label: c, text: Self.cleaned(r.description)))
            }
        }
        for kind in [ObjectKind.group, .software, .campaign] {
            for o in kb.objects(kind) {
                for s in Self.sentences(Self.cleaned(o.description)) where s.utf8.count > 20 {
                    examples.append(Example(label: nil, text: s))
                }
            }
        }
        self.classes = classes
        self.parents = techniques.compactMap { t in
            guard classOf[t.index] != nil else { return nil }
            return t.parentAttackID.flatMap { classIndex[$0] }
        }
        self.examples = examples.filter { !$0.text.isEmpty }
    }

    /// Adds labelled texts from elsewhere (annotated report passages); labels not among the
    /// classes are skipped. Returns how many were added.
    @discardableResult
    public mutating func add(_ texts: [(techniqueID: String, text: String)]) -> Int {
        add(texts, annotated: false)
    }

    mutating func add(_ texts: [(techniqueID: String, text: String)], annotated: Bool) -> Int {
        var added = 0
        for (id, text) in texts {
            guard let c = classIndex(id) else { continue }
            let t = Self.cleaned(text)
            guard !t.isEmpty else { continue }
            examples.append(Example(label: c, text: t, annotated: annotated))
            added += 1
        }
        return added
    }

    /// Adds annotated reports (all, or those at `indices`): each passage, and each sentence a
    /// passage lies in (when it is more than the passage), as a text of its technique; each
    /// sentence outside every passage as background for the corpus' labels (every technique
    /// when it has none). Returns how many of each were added.
    @discardableResult
    public mutating func add(_ corpus: AnnotatedReports, reports indices: [Int]? = nil) -> (passages: Int, sentences: Int, background: Int) {
        // Reports of another domain (no label among the classes) add nothing.
        let labels = corpus.labels ?? Set(corpus.reports.flatMap(\.techniques))
        guard labels.contains(where: { classIndex($0) != nil }) else { return (0, 0, 0) }
        let chosen = indices ?? Array(corpus.reports.indices)
        // Each passage as marked (the words that matter) and as the whole sentence it lies in
        // (the unit the classifier scores).
        var passages = 0, sentences = 0
        var others: [String] = []
        for i in chosen {
            let marked = corpus.passages(of: i)
            let seen = Set(marked.map { $0.techniqueID + "\u{0}" + Self.cleaned($0.text) })
            let read = corpus.sentences(of: i)
            passages += add(marked, annotated: true)
            sentences += add(read.annotated.filter { !seen.contains($0.techniqueID + "\u{0}" + Self.cleaned($0.text)) }, annotated: true)
            others += read.other
        }
        // Without labels every technique was looked for: an unmarked sentence is evidence against all.
        let looked = Set(corpus.labels.map { $0.compactMap(classIndex) } ?? Array(classes.indices))
        annotatedClasses.formUnion(looked)
        let set = backgroundSets.count
        backgroundSets.append(looked)
        var background = 0
        for text in others {
            let t = Self.cleaned(text)
            guard !t.isEmpty else { continue }
            examples.append(Example(label: nil, text: t, annotated: true, backgroundSet: set))
            background += 1
        }
        return (passages, sentences, background)
    }

    func classIndex(_ id: String) -> Int? {
        if let c = classes.firstIndex(of: id) { return c }
        return id.count > 5 ? classes.firstIndex(of: String(id.prefix(5))) : nil
    }

    /// A stable digest of the corpus (classes, parents and texts): the model cache key.
    public var digest: UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func feed(_ s: String) {
            for b in s.utf8 { h ^= UInt64(b); h = h &* 0x0000_0100_0000_01b3 }
            h ^= 0xff
            h = h &* 0x0000_0100_0000_01b3
        }
        for c in classes { feed(c) }
        for p in parents { feed(p.map(String.init) ?? "-") }
        for e in examples { feed((e.label.map(String.init) ?? "bg") + (e.annotated ? "a" : "") + (e.backgroundSet.map { "/\($0)" } ?? "")); feed(e.text) }
        for c in annotatedClasses.sorted() { feed(String(c)) }
        for set in backgroundSets { feed(set.sorted().map(String.init).joined(separator: ",")) }
        return h
    }

    /// Text with citations, Markdown links (their label kept) and `<code>` tags removed, white
    /// space collapsed to single spaces. Works on UTF-8 bytes (every byte it looks for is
    /// ASCII, never part of a multi-byte sequence): Foundation's string search is slow on
    /// Linux, and a release has tens of thousands of texts.
    public static func cleaned(_ text: String) -> String {
        let s = Array(Citation.stripped(text).utf8)
        let open = Array("<code>".utf8), close = Array("</code>".utf8)
        func at(_ i: Int, _ token: [UInt8], in bytes: [UInt8]) -> Bool {
            bytes.count - i >= token.count && bytes[i] == token[0] && bytes[i..<(i + token.count)].elementsEqual(token)
        }
        var noCode: [UInt8] = []
        noCode.reserveCapacity(s.count)
        var i = 0
        while i < s.count {
            if at(i, open, in: s) { i += open.count; continue }
            if at(i, close, in: s) { i += close.count; continue }
            noCode.append(s[i])
            i += 1
        }
        // [label](url) → label; a "[" not starting such a link stays.
        var out: [UInt8] = []
        out.reserveCapacity(noCode.count)
        i = 0
        while i < noCode.count {
            if let link = markdownLink(in: noCode, at: i) {
                out.append(contentsOf: noCode[link.label])
                i = link.end
                continue
            }
            out.append(noCode[i])
            i += 1
        }
        var collapsed: [UInt8] = []
        collapsed.reserveCapacity(out.count)
        for b in out {
            let space = b == 32 || b == 10 || b == 9 || b == 13
            if space {
                if let last = collapsed.last, last != 32 { collapsed.append(32) }
            } else {
                collapsed.append(b)
            }
        }
        if collapsed.last == 32 { collapsed.removeLast() }
        return String(decoding: collapsed, as: UTF8.self)
    }

    /// The Markdown link `[label](url)` starting at `i`, if one does: its label's range and
    /// where the link ends. The label must close within 300 bytes and the address within 2,000,
    /// so a text full of unclosed brackets is read in linear time.
    static func markdownLink(in s: [UInt8], at i: Int) -> (label: Range<Int>, end: Int)? {
        guard i < s.count, s[i] == UInt8(ascii: "["),
            let close = s[(i + 1)..<min(s.count, i + 300)].firstIndex(of: UInt8(ascii: "]")),
            close + 1 < s.count, s[close + 1] == UInt8(ascii: "("),
            let paren = s[(close + 1)..<min(s.count, close + 2000)].firstIndex(of: UInt8(ascii: ")"))
        else { return nil }
        return ((i + 1)..<close, paren + 1)
    }

    /// Sentences of cleaned prose (split after `.`, `!` or `?` followed by a space).
    static func sentences(_ text: String) -> [String] {
        asciiSentences(text) ?? characterSentences(text)
    }

    /// ``sentences(_:)`` character by character, for any text.
    static func characterSentences(_ text: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character = " "
        for ch in text {
            if ch == " ", previous == "." || previous == "!" || previous == "?", current.count > 3 {
                result.append(current)
                current = ""
            } else {
                current.append(ch)
            }
            previous = ch
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// ``sentences(_:)`` over bytes, for ASCII text without carriage returns, where every byte
    /// is a character (`\r\n` would be one); nil for other text.
    static func asciiSentences(_ text: String) -> [String]? {
        var text = text
        return text.withUTF8 { bytes -> [String]? in
            var result: [String] = []
            var start = 0
            var previous = UInt8(ascii: " ")
            for (i, b) in bytes.enumerated() {
                guard b < 0x80, b != 13 else { return nil }
                if b == 32, previous == UInt8(ascii: ".") || previous == UInt8(ascii: "!") || previous == UInt8(ascii: "?"), i - start > 3 {
                    result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
                    start = i + 1
                }
                previous = b
            }
            if start < bytes.count { result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)) }
            return result
        }
    }
}

import Foundation
