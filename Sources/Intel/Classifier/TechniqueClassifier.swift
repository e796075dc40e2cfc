import ATTACK
import Foundation

/// One technique a report describes, with how sure the classifier is and why.
public struct TechniqueFinding: Sendable {
    /// How a technique was found.
    public enum Method: String, Sendable, Hashable, Comparable {
        case id, name, alias, learned

        public static func < (a: Method, b: Method) -> Bool { a.rank < b.rank }
        var rank: Int { self == .id ? 0 : self == .name ? 1 : self == .alias ? 2 : 3 }
    }

    /// A supporting sentence: its text, its position (Unicode scalar offsets in the report's
    /// text, end exclusive) and its own confidence.
    public struct Evidence: Sendable, Hashable {
        public let sentence: String
        public let start: Int
        public let end: Int
        public let confidence: Double
        public let method: Method
        /// Why a name or alias mention is weak evidence rather than a claim (nil: it is a
        /// claim, or the evidence is an ID or the learned model's).
        public let weak: Weakness?
    }

    /// Why a technique's name in a report is no claim that it was used.
    public enum Weakness: String, Sendable, Hashable {
        /// In advice or detection guidance (``MentionContext/advice``).
        case advice
        /// In a heading, a table cell or another short line (``MentionContext/heading``).
        case heading
        /// A folder of a path or a part of a URL (``MentionContext/path``).
        case path
        /// A name the release uses mostly for other techniques (``NameSpecificity``).
        case unspecificName = "unspecific-name"
    }

    public let technique: AttackObject
    /// 0...1; `≥ 0.5` is the classifier's default decision.
    public let confidence: Double
    public let methods: [Method]
    /// Strongest first.
    public let evidence: [Evidence]
    /// For a sub-technique: its parent, implied (reported here, not as a finding of its own).
    public let impliedParent: AttackObject?
}

/// Finds the techniques a report describes: exact mentions (IDs, names, aliases through
/// ``ReportExtractor``) and a learned ``TechniqueModel`` that scores every sentence.
///
/// A technique's learned score is its best sentence's score (the SVM's margin × 4, read like a
/// logit, its words' part scaled down for a short sentence: ``Options/evidenceWords``); the confidence is `sigmoid(score − threshold)`, so the decision threshold (chosen by leave-reports-out
/// cross-validation, see ``ExtractionEvaluation``) maps to 0.5. An ID mention gives confidence
/// 1; a name or alias mention at least ``Options/nameConfidence`` in a sentence about what
/// happened, ``Options/weakNameConfidence`` in advice, a heading, a table cell or a path
/// (``MentionContext``).
///
/// ```swift
/// let classifier = TechniqueClassifier(model: model, extractor: ReportExtractor(kb: kb))
/// for f in classifier.classify(ReportText(bytes)).findings where f.confidence >= 0.5 {
///     print(f.technique.attackID, f.confidence, f.evidence.first?.sentence ?? "")
/// }
/// ```
public struct TechniqueClassifier: Sendable {
    /// The decision rule.
    public struct Options: Sendable, Hashable {
        /// The score a technique must reach for confidence 0.5; nil: the model's default
        /// (``TechniqueClassifier/defaultThreshold(for:)``).
        public var threshold: Double?
        /// Confidence of a technique named (by name or alias) in a sentence about what happened.
        public var nameConfidence: Double = 0.9
        /// Confidence of a technique named where the name is no claim (``MentionContext``: in
        /// advice, a heading or table cell, a path): kept as evidence, under the default cut-off.
        public var weakNameConfidence: Double = 0.3
        /// How much of a sentence's evidence (its words' part of the score) counts when the
        /// sentence advises defenders (``MentionContext/advice``): advice names techniques it
        /// does not claim were used.
        public var adviceWeight = 0.5
        /// Evidence sentences kept per technique.
        public var maxEvidence = 5
        /// How many of a technique's best sentences are combined (noisy-or of their
        /// probabilities) into its report-level score; 1, the default, is the best sentence
        /// alone (chosen by the cross-validation, as the thresholds).
        public var combine = 1
        /// The words a sentence needs for half its evidence to count: the part of a
        /// sentence's score its words contribute (all but the class bias) is multiplied by
        /// `n / (n + evidenceWords)` for a sentence of `n` words, so a short line — a heading,
        /// a table cell, an indicator with one word beside it — cannot score like a sentence
        /// that describes a behaviour. 0 turns this off. Chosen by the cross-validation: it
        /// raised F1 by about 0.03 for the release-trained model and 0.01–0.02 with reports.
        public var evidenceWords = 6.0
        /// Whether a technique name the release uses mostly for other techniques
        /// (``NameSpecificity``: "IP Addresses", "Social Media") is weak evidence, as a name
        /// in advice is, rather than a claim.
        public var judgeNameSpecificity = true

        public init() {}
    }

    /// The default decision score: the best threshold on the out-of-fold scores of the
    /// leave-reports-out cross-validation on the TRAM development and AnnoCTR train reports
    /// together (the best mean F1 of the two corpora; README, "Extract"); one number for every
    /// technique and release.
    public static let defaultThreshold = -0.6
    /// The same for a model trained with annotated reports as well (the mean of the pooled
    /// thresholds of the nested cross-validation over both corpora, −1.1, −1.0 and −1.1 for
    /// fold seeds 7, 11 and 23, on the 0.1 grid).
    public static let annotatedThreshold = -1.1

    /// The decision score for a model: ``annotatedThreshold`` if it learned from annotated
    /// reports, else ``defaultThreshold``.
    public static func defaultThreshold(for model: TechniqueModel) -> Double {
        model.annotated ? annotatedThreshold : defaultThreshold
    }

    public let model: TechniqueModel
    public let extractor: ReportExtractor
    public var options: Options
    /// The decision score in use (``Options/threshold`` or the model's default).
    public var threshold: Double { options.threshold ?? Self.defaultThreshold(for: model) }
    let classObjects: [AttackObject?]

    public init(model: TechniqueModel, extractor: ReportExtractor, options: Options = Options()) {
        self.model = model
        self.extractor = extractor
        self.options = options
        let kb = extractor.kb
        classObjects = model.classes.map { id in kb.objects(attackID: id).first(where: \.isActive) }
    }

    /// What a report holds: technique findings (strongest first, every technique with any
    /// signal — filter on confidence), and the plain extraction result (groups, software…).
    public func classify(_ report: ReportText) -> (findings: [TechniqueFinding], extraction: ExtractionResult) {
        let extraction = extractor.extract(report)
        let kb = extractor.kb
        let scalars = ScalarOffsets(report.bytes)
        var byTechnique: [Int: (best: Double, methods: Set<TechniqueFinding.Method>, evidence: [TechniqueFinding.Evidence])] = [:]
        for (c, learned) in learnedScores(report.bytes) {
            guard let o = classObjects[c] else { continue }
            let conf = Self.sigmoid(learned.score - threshold)
            var entry = byTechnique[o.index] ?? (0, [], [])
            entry.best = max(entry.best, conf)
            if conf >= 0.5 { entry.methods.insert(.learned) }
            for (range, z) in learned.sentences {
                entry.evidence.append(TechniqueFinding.Evidence(
                    sentence: Self.text(report.bytes, range), start: scalars[range.lowerBound], end: scalars[range.upperBound],
                    confidence: Self.sigmoid(z - threshold), method: .learned, weak: nil))
            }
            byTechnique[o.index] = entry
        }
        for (h, conf, weak) in claims(report, extraction) {
            let method: TechniqueFinding.Method = h.via == .id ? .id : h.via == .name ? .name : .alias
            let end = h.offset + h.text.utf8.count
            let e = TechniqueFinding.Evidence(
                sentence: h.sentence, start: scalars[h.offset], end: scalars[min(end, report.bytes.count)], confidence: conf, method: method, weak: weak)
            var entry = byTechnique[h.object.index] ?? (0, [], [])
            entry.best = max(entry.best, conf)
            entry.methods.insert(method)
            entry.evidence.append(e)
            byTechnique[h.object.index] = entry
        }
        var findings: [TechniqueFinding] = []
        for (index, entry) in byTechnique {
            let t = kb.objects[index]
            var evidence = entry.evidence.sorted { $0.confidence > $1.confidence || ($0.confidence == $1.confidence && $0.start < $1.start) }
            var seen = Set<Int>()
            evidence = evidence.filter { seen.insert($0.start).inserted }
            let parent = t.parentAttackID.flatMap { kb.objects(attackID: $0).first(where: \.isActive) }
            findings.append(TechniqueFinding(technique: t, confidence: entry.best, methods: entry.methods.sorted(),
                                             evidence: Array(evidence.prefix(options.maxEvidence)),
                                             impliedParent: parent))
        }
        findings.sort { $0.confidence > $1.confidence || ($0.confidence == $1.confidence && $0.technique.attackID < $1.technique.attackID) }
        return (findings, extraction)
    }

    /// The technique mentions of a report with their confidence and, for a weak one, why: 1 for an ID,
    /// ``Options/nameConfidence`` for a name or alias in a sentence about what happened,
    /// ``Options/weakNameConfidence`` elsewhere (``MentionContext``) and for a name the release
    /// uses mostly for other techniques (``NameSpecificity``). Mentions of deprecated
    /// techniques, and of revoked ones without a replacement, are left out (their hits keep a
    /// note saying so).
    public func claims(_ report: ReportText, _ extraction: ExtractionResult? = nil) -> [(hit: ExtractionHit, confidence: Double, weak: TechniqueFinding.Weakness?)] {
        let hits = (extraction ?? extractor.extract(report)).hits
        // A deprecated technique, or one revoked without a replacement, is not part of the
        // release's matrix: its mention stays in the extraction with its note, not a finding.
        return hits.filter { $0.object.kind == .technique && $0.object.isActive }.map { h in
            if h.via == .id { return (h, 1, nil) }
            let weak: TechniqueFinding.Weakness?
            switch MentionContext(report.bytes, offset: h.offset, length: h.text.utf8.count) {
            case .advice: weak = .advice
            case .heading: weak = .heading
            case .path: weak = .path
            case .prose: weak = options.judgeNameSpecificity && !model.names.isSpecific(h) ? .unspecificName : nil
            }
            return (h, weak == nil ? options.nameConfidence : options.weakNameConfidence, weak)
        }
    }

    /// Each class's report-level logit (its best sentences combined, see ``Options/combine``)
    /// and its best sentences, strongest first. Sentences more than 3 below the threshold
    /// (confidence under 5 %) are not kept.
    func learnedScores(_ bytes: [UInt8]) -> [Int: (score: Double, sentences: [(Range<Int>, Double)])] {
        let keep = max(1, options.maxEvidence, options.combine)
        let floor = Float(threshold - 3)
        // Sentences are scored in parallel chunks; each keeps its own best lists, merged after.
        let ranges = ReportSentences(bytes).ranges
        let chunks = max(1, min(ProcessInfo.processInfo.activeProcessorCount, ranges.count / 64))
        let parts = TechniqueModelTrainer.parallelMap(chunks, workers: chunks) { k in
            bestSentences(bytes, ranges[(ranges.count * k / chunks)..<(ranges.count * (k + 1) / chunks)], keep: keep, floor: floor)
        }
        var top = parts.first ?? []
        for part in parts.dropFirst() {
            for c in top.indices where !part[c].isEmpty {
                top[c] = Array((top[c] + part[c]).sorted { $0.1 > $1.1 || ($0.1 == $1.1 && $0.0.lowerBound < $1.0.lowerBound) }.prefix(keep))
            }
        }
        var out: [Int: (score: Double, sentences: [(Range<Int>, Double)])] = [:]
        for (c, list) in top.enumerated() where !list.isEmpty {
            var miss = 1.0
            for (_, z) in list.prefix(max(1, options.combine)) { miss *= 1 - Self.sigmoid(Double(z)) }
            let p = min(max(1 - miss, 1e-12), 1 - 1e-12)
            out[c] = (log(p / (1 - p)), list.prefix(options.maxEvidence).map { ($0.0, Double($0.1)) })
        }
        return out
    }

    /// For each class, its `keep` best sentences among `ranges` with logits above `floor`,
    /// strongest first.
    func bestSentences(_ bytes: [UInt8], _ ranges: ArraySlice<Range<Int>>, keep: Int, floor: Float) -> [[(Range<Int>, Float)]] {
        var top = [[(Range<Int>, Float)]](repeating: [], count: model.classes.count)
        var logits = [Float](repeating: 0, count: model.classes.count)
        let shrink = Float(max(0, options.evidenceWords))
        let advice = Float(min(1, max(0, options.adviceWeight)))
        for r in ranges {
            var (v, words) = model.vectorizeCountingWords(bytes[r])
            guard !v.isEmpty else { continue }
            // A short line ("IP Addresses", a table cell) is little evidence however well its
            // few words match, and advice names what defenders should do: scaling the vector
            // scales its words' part of every score (all but the bias) by that much.
            var f: Float = shrink > 0 ? Float(words) / (Float(words) + shrink) : 1
            if advice < 1, MentionContext.isAdvice(bytes[r]) { f *= advice }
            if f != 1 {
                for k in v.values.indices { v.values[k] *= f }
            }
            model.logits(v, into: &logits)
            for c in 0..<logits.count where logits[c] > floor {
                let z = logits[c]
                if top[c].count == keep {
                    guard let last = top[c].last, z > last.1 else { continue }
                    top[c].removeLast()
                }
                let at = top[c].firstIndex { $0.1 < z } ?? top[c].count
                top[c].insert((r, z), at: at)
            }
        }
        return top
    }

    /// The report-level logit per technique ID (for evaluation).
    public func bestLogits(_ bytes: [UInt8]) -> [String: Double] {
        var best: [String: Double] = [:]
        for (c, s) in learnedScores(bytes) { best[model.classes[c]] = s.score }
        return best
    }

    static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

    static func text(_ bytes: [UInt8], _ r: Range<Int>) -> String {
        let s = String(decoding: bytes[r], as: UTF8.self)
        let collapsed = s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
        return collapsed.count > 400 ? String(collapsed.prefix(399)) + "…" : collapsed
    }
}

/// Byte offset → Unicode scalar offset in a UTF-8 text.
struct ScalarOffsets {
    private let table: [Int]

    init(_ bytes: [UInt8]) {
        var t = [Int](repeating: 0, count: bytes.count + 1)
        var n = 0
        for (i, b) in bytes.enumerated() {
            t[i] = n
            if b & 0xC0 != 0x80 { n += 1 }
        }
        t[bytes.count] = n
        table = t
    }

    subscript(_ byte: Int) -> Int { table[max(0, min(byte, table.count - 1))] }
}
