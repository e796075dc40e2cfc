import ATTACK
import Foundation
import Intel
import TestSupport
import Testing

@Suite("Technique classifier: training, caching, classifying reports")
struct TechniqueClassifierTests {
    /// Four techniques with a few procedure examples each, in distinct vocabularies.
    static func bundle(extra: String? = nil) -> FixtureBundle {
        var b = FixtureBundle()
        let discovery = b.tactic("TA0007", "Discovery", shortname: "discovery")
        let access = b.tactic("TA0006", "Credential Access", shortname: "credential-access")
        b.matrix(tactics: [discovery, access])
        let lsass = b.technique("T1003", "OS Credential Dumping", tactics: ["credential-access"])
        let files = b.technique("T1083", "File and Directory Discovery", tactics: ["discovery"])
        let shots = b.technique("T1113", "Screen Capture", tactics: ["collection"])
        let keys = b.technique("T1056", "Input Capture", tactics: ["collection"])
        let g = b.group("G0001", "APT Test")
        let examples: [(String, [String])] = [
            (lsass, ["APT Test dumped credentials from LSASS process memory using Mimikatz.",
                     "The malware can dump password hashes from the SAM database.",
                     "The actor used procdump to dump the memory of lsass.exe and harvest credentials.",
                     "It steals cached credentials and password hashes from memory."]),
            (files, ["The backdoor enumerates files and directories on the victim's drives.",
                     "APT Test listed folder contents and searched directories for documents.",
                     "The malware can search for files with specific extensions in each directory.",
                     "It walks the file system and lists directory contents."]),
            (shots, ["The implant takes screenshots of the victim's desktop.",
                     "APT Test captured screenshots every few minutes.",
                     "The malware can capture the screen and upload the image."]),
            (keys, ["The malware logs keystrokes typed by the user.",
                    "APT Test used a keylogger to record keystrokes.",
                    "It installs a keyboard hook to capture key presses."]),
        ]
        for (t, texts) in examples {
            for text in texts { b.relate(g, "uses", t, description: text + " (Citation: Vendor Report)") }
        }
        if let extra { b.relate(g, "uses", keys, description: extra) }
        return b
    }

    static func classifier(_ kb: KnowledgeBase) -> TechniqueClassifier {
        var trainer = TechniqueModelTrainer()
        trainer.dimensions = 1 << 16
        // The default decision logit is calibrated on a full release; a four-technique model's
        // logits are smaller, so the test decides at 0.
        var options = TechniqueClassifier.Options()
        options.threshold = 0
        return TechniqueClassifier(model: trainer.train(TrainingCorpus(kb: kb)), extractor: ReportExtractor(kb: kb), options: options)
    }

    @Test func learnsATechniqueFromAnUnseenParaphrase() throws {
        let kb = try Self.bundle().knowledgeBase()
        let classifier = Self.classifier(kb)
        let report = "Incident summary.\nThe operators then grabbed pictures of the screen (screenshots) from each host.\n"
        let findings = classifier.classify(ReportText(Array(report.utf8))).findings
        let top = try #require(findings.first)
        #expect(top.technique.attackID == "T1113")
        #expect(top.methods == [.learned])
        #expect(top.confidence > findings.dropFirst().first.map(\.confidence) ?? 0)
        let e = try #require(top.evidence.first)
        #expect(e.sentence.hasPrefix("The operators then grabbed pictures"))
        #expect(Array(report.unicodeScalars)[e.start..<e.end].map(Character.init).first == "T")
    }

    /// A short line ("Screenshots", a table cell) is little evidence: the words' part of its
    /// score is scaled by n / (n + evidenceWords), so it loses more than a full sentence does,
    /// and the rule can be turned off.
    @Test func aShortLineIsWeakerEvidenceThanASentence() throws {
        let kb = try Self.bundle().knowledgeBase()
        var ruled = Self.classifier(kb)
        var plain = ruled
        plain.options.evidenceWords = 0
        ruled.options.evidenceWords = 6
        func score(_ c: TechniqueClassifier, _ text: String) throws -> Double { try #require(c.bestLogits(Array(text.utf8))["T1113"]) }
        let line = "Desktop screenshots"
        let sentence = "The implant takes screenshots of the desktop every few minutes and uploads each image to its server."
        let lineLoss = try score(plain, line) - score(ruled, line)
        let sentenceLoss = try score(plain, sentence) - score(ruled, sentence)
        #expect(lineLoss > 0 && sentenceLoss > 0)
        // Two words keep 2/8 of their part, seventeen keep 17/23: the line loses more.
        #expect(lineLoss > sentenceLoss)
        #expect(try score(ruled, sentence) > score(ruled, line))
    }

    /// `cleaned` works on UTF-8 bytes for speed; on every text of Enterprise 18.1 it gives what
    /// the earlier Foundation version gave (save that it also splits at a CR LF pair, which
    /// Swift's `Character` comparison did not).
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func cleaningMatchesTheFoundationVersionOnARelease() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        func reference(_ text: String) -> String {
            var s = Citation.stripped(text)
            s = s.replacingOccurrences(of: "<code>", with: "").replacingOccurrences(of: "</code>", with: "")
            var out = ""
            var rest = s[...]
            while let open = rest.firstIndex(of: "[") {
                out += rest[..<open]
                let after = rest[rest.index(after: open)...]
                if let close = after.firstIndex(of: "]"), after[after.index(after: close)...].hasPrefix("("),
                    let paren = after[after.index(after: close)...].firstIndex(of: ")")
                {
                    out += after[..<close]
                    rest = after[after.index(after: paren)...]
                } else {
                    out += "["
                    rest = after
                }
            }
            out += rest
            return out.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" || $0 == "\r\n" }).joined(separator: " ")
        }
        var texts = kb.objects.map(\.description) + kb.relationships.map(\.description)
        texts += ["[a](b) [c] [d](e", "x <code>y</code>\r\nz", "[[n](u)]", "é [ü](x)  ", ""]
        let differing = texts.filter { TrainingCorpus.cleaned($0) != reference($0) }
        #expect(texts.count > 20000)
        #expect(differing.isEmpty, "\(differing.prefix(3))")
    }

    @Test func trainingTextHasNoCitationsOrMarkdownLinks() throws {
        let corpus = TrainingCorpus(kb: try FixtureBundle.sample().knowledgeBase())
        let texts = corpus.examples.map(\.text)
        #expect(texts.contains("APT Test packed its payloads."))
        #expect(!texts.contains { $0.contains("(Citation:") || $0.contains("](http") })
    }

    @Test func indicatorsAndCodeAreNotEvidence() {
        let f = TextFeatures(dimensions: 1 << 16)
        let ioc = f.counts(Array("hxxp://evil[.]example[.]com/a 203.0.113[.]7 d41d8cd98f00b204e9800998ecf8427e".utf8)[...])
        #expect(ioc.word.isEmpty && ioc.char.isEmpty)
        let text = "The actor ran a script.\n```\nfor (i = 0; i < n; i++) { dump(lsass); }\n```\nThen it left."
        let sentences = ReportSentences(Array(text.utf8)).ranges.map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
        #expect(sentences == ["The actor ran a script.", "Then it left."])
    }

    @Test func hardWrappedLinesAreOneSentence() {
        let text = "The implant takes\nscreenshots of the desktop. It then\nexits.\nTitle line\nNext line starts upper case."
        let bytes = Array(text.utf8)
        let sentences = ReportSentences(bytes).ranges.map { String(decoding: bytes[$0], as: UTF8.self) }
        #expect(sentences == ["The implant takes\nscreenshots of the desktop.", "It then\nexits.", "Next line starts upper case."])
    }

    @Test func annotatedReportsAddPassagesAndBackgroundForTheirLabelsOnly() throws {
        let json = """
            {"labels": ["T1113"], "reports": [{"name": "r", "text": "Intro about the actor and its history. The implant takes screenshots.\\nThe team wrote a long blog post.",
             "techniques": {"T1113": [{"start": 39, "end": 69}]}}]}
            """
        let annotated = try AnnotatedReports(data: Data(json.utf8))
        #expect(annotated.sentences(of: 0).other == ["Intro about the actor and its history.", "The team wrote a long blog post."])
        #expect(annotated.sentences(of: 0).annotated.map(\.techniqueID) == ["T1113"])
        var corpus = TrainingCorpus(kb: try Self.bundle().knowledgeBase())
        let before = corpus.digest
        let added = corpus.add(annotated)
        #expect(added.passages == 1 && added.sentences == 0 && added.background == 2)
        #expect(corpus.annotatedClasses == [try #require(corpus.classes.firstIndex(of: "T1113"))])
        #expect(corpus.examples.filter { $0.annotated && $0.label == nil }.map(\.text) == ["Intro about the actor and its history.", "The team wrote a long blog post."])
        #expect(corpus.digest != before)
    }

    /// Each corpus' unmarked sentences are negative for its own label set only: TRAM's (77
    /// labels) say nothing of other techniques, AnnoCTR's (labels null) of every technique.
    @Test func backgroundIsNegativeForItsOwnCorpusLabelsOnly() throws {
        let tram = try AnnotatedReports(data: Data("""
            {"labels": ["T1113"], "reports": [{"text": "The implant takes screenshots. The team wrote a long blog post.", "techniques": {"T1113": [{"start": 0, "end": 29}]}}]}
            """.utf8))
        let annoctr = try AnnotatedReports(data: Data("""
            {"labels": null, "reports": [{"text": "It logs keystrokes typed by the user. Nothing else was seen here.", "techniques": {"T1056": [{"start": 0, "end": 36}]}}]}
            """.utf8))
        var corpus = TrainingCorpus(kb: try Self.bundle().knowledgeBase())
        corpus.add(tram)
        let afterTram = corpus.digest
        corpus.add(annoctr)
        let shots = try #require(corpus.classes.firstIndex(of: "T1113"))
        #expect(corpus.backgroundSets == [[shots], Set(corpus.classes.indices)])
        let background = corpus.examples.filter { $0.annotated && $0.label == nil }
        #expect(background.map(\.text) == ["The team wrote a long blog post.", "Nothing else was seen here."])
        #expect(background.map(\.backgroundSet) == [0, 1])
        #expect(corpus.digest != afterTram)
    }

    /// A passage shorter than its sentence is learned twice: as marked and as the sentence the
    /// classifier will score.
    @Test func aShortPassageIsAlsoLearnedAsItsSentence() throws {
        let json = """
            {"labels": ["T1113"], "reports": [{"name": "r", "text": "Intro about the actor and its history. The implant takes screenshots every minute.",
             "techniques": {"T1113": [{"start": 51, "end": 68}]}}]}
            """
        let annotated = try AnnotatedReports(data: Data(json.utf8))
        #expect(annotated.passages(of: 0).map(\.text) == ["takes screenshots"])
        var corpus = TrainingCorpus(kb: try Self.bundle().knowledgeBase())
        let added = corpus.add(annotated)
        #expect(added.passages == 1 && added.sentences == 1 && added.background == 1)
        let label = try #require(corpus.classes.firstIndex(of: "T1113"))
        #expect(corpus.examples.filter { $0.annotated && $0.label == label }.map(\.text) == ["takes screenshots", "The implant takes screenshots every minute."])
    }

    /// Passages come in text order whatever the JSON object's order, so the training text and
    /// the model cache key are the same in every process (a dictionary's order is not).
    @Test func annotatedPassagesAreInTextOrder() throws {
        let ids = ["T1113", "T1059", "T1027", "T1218", "T1105", "T1071", "T1566", "T1204"]
        let text = String(repeating: "word ", count: 200)
        let techniques = ids.enumerated().map { k, id in "\"\(id)\": [{\"start\": \(900 - 100 * k), \"end\": \(950 - 100 * k)}]" }
        let json = "{\"labels\": [], \"reports\": [{\"text\": \"\(text)\", \"techniques\": {\(techniques.joined(separator: ", "))}}]}"
        let annotated = try AnnotatedReports(data: Data(json.utf8))
        let starts = annotated.reports[0].spans.map(\.1)
        #expect(starts == starts.sorted())
        #expect(annotated.passages(of: 0).map(\.techniqueID) == ids.reversed())
    }

    @Test func cacheIsKeyedByTheReleaseAndRebuiltWhenDamaged() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-model-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var trainer = TechniqueModelTrainer()
        trainer.dimensions = 1 << 16
        let cache = TechniqueModelCache(directory: dir, trainer: trainer)
        let corpus = TrainingCorpus(kb: try Self.bundle().knowledgeBase())
        let first = cache.model(for: corpus)
        #expect(first.trained && first.stored)
        let second = cache.model(for: corpus)
        #expect(!second.trained)
        #expect(second.model.encoded() == first.model.encoded())
        // Changed data: another key, so training again.
        let changed = TrainingCorpus(kb: try Self.bundle(extra: "It records every key the victim presses.").knowledgeBase())
        #expect(cache.file(for: changed) != cache.file(for: corpus))
        #expect(cache.cached(for: changed) == nil)
        // A damaged file is not used: retrain.
        let file = cache.file(for: corpus)
        var bytes = Array(try Data(contentsOf: file))
        bytes.removeLast(7)
        try Data(bytes).write(to: file)
        #expect(cache.cached(for: corpus) == nil)
        #expect(cache.model(for: corpus).trained)
        try Data("not a model".utf8).write(to: file)
        #expect(cache.model(for: corpus).trained)
        #expect(cache.model(for: corpus, retrain: true).trained)
    }

    @Test func decodingRejectsEveryTruncation() throws {
        let kb = try Self.bundle().knowledgeBase()
        let bytes = Self.classifier(kb).model.encoded()
        #expect(TechniqueModel(decoding: bytes) != nil)
        for cut in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            #expect(TechniqueModel(decoding: Array(bytes[..<cut])) == nil)
        }
    }

    @Test func newerSubtechniqueIDCountsAsItsParent() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        let result = ReportExtractor(kb: kb).extract(ReportText(Array("They used T1027.013 and T1564.013 here.".utf8)))
        #expect(result.hits.map(\.object.attackID) == ["T1027"])
        #expect(result.hits.first?.note?.contains("T1027.013 is not in") == true)
        #expect(result.unknownIDs.map(\.id) == ["T1564.013"])
    }
}
