import ATTACK
import Foundation
import Intel
import STIX
import TestSupport
import Testing

/// Annotated-report files as extract reads them, and what its answers say they were computed
/// from: the model's id, the files it learned from, the options.
@Suite("Extract: annotated reports, the model's id, the answer's provenance")
struct ExtractionProvenanceTests {
    static let tram = """
        {"labels": ["T1113"], "reports": [{"name": "r", "text": "Intro about the actor and its history. The implant takes screenshots.",
         "techniques": {"T1113": [{"start": 39, "end": 69}]}}]}
        """

    /// A small trainer, so a test trains in milliseconds.
    static func cache(_ dir: URL) -> TechniqueModelCache {
        var trainer = TechniqueModelTrainer()
        trainer.dimensions = 1 << 16
        return TechniqueModelCache(directory: dir, trainer: trainer)
    }

    static func folder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-provenance-\(UUID().uuidString)")
    }

    @Test func aCorpusIsReadWithItsDigestAndNullLabelsMeanEveryTechnique() throws {
        let tram = try AnnotatedReports(data: Data(Self.tram.utf8), source: "/data/corpora/tram/reports-dev.json")
        #expect(tram.labels == ["T1113"])
        #expect(tram.sha256 == STIXBundle.sha256(Data(Self.tram.utf8)))
        #expect(tram.dataFile == Provenance.DataFile(role: "training", name: "reports-dev.json", sha256: tram.sha256))
        let anno = try AnnotatedReports(data: Data(Self.tram.replacingOccurrences(of: #"["T1113"]"#, with: "null").utf8))
        #expect(anno.labels == nil)
        var corpus = TrainingCorpus(kb: try TechniqueClassifierTests.bundle().knowledgeBase())
        corpus.add(anno)
        #expect(corpus.annotatedClasses == Set(corpus.classes.indices), "an unmarked sentence is evidence against every technique")
    }

    /// A file that is not a corpus is one line naming the file and line: the syntax error's line,
    /// line 1 and the report for a problem of shape.
    @Test func aBadCorpusSaysFileLineAndWhatWasExpected() throws {
        func problem(_ json: String) -> String? {
            do { _ = try AnnotatedReports(data: Data(json.utf8), source: "c.json"); return nil } catch { return error.description }
        }
        #expect(problem("{\n\"labels\": [,]}")?.hasPrefix("c.json:2: column 12: expected") == true)
        #expect(problem(#"{"labels": []}"#) == #"c.json:1: expected an object with "reports" (annotated reports in the TRAM format), found no "reports" list"#)
        #expect(problem(#"{"labels": ["PowerShell"], "reports": []}"#) == #"c.json:1: "labels": expected technique IDs (T1059.001), found "PowerShell""#)
        #expect(problem(#"{"reports": [{"name": "a", "text": "short", "techniques": {"T1113": [{"start": 2, "end": 9}]}}]}"#)
            == #"c.json:1: report 0 ("a"): T1113 span 0: expected whole "start" < "end" within the text (0…5 characters)"#)
        #expect(problem(#"{"reports": [{"text": "x", "techniques": {"screenshots": []}}]}"#)
            == #"c.json:1: report 0 ("report 0"): expected technique IDs (T1059.001) in "techniques", found "screenshots""#)
        let missing = #expect(throws: AnnotatedReports.Problem.self) { try AnnotatedReports.read(path: "/nonexistent/c.json") }
        #expect(missing?.description.hasPrefix("/nonexistent/c.json: ") == true && missing?.line == nil)
    }

    /// The id digests training text and settings: the same data gives the same id in any cache
    /// folder; other annotated reports give another; reports of another domain add nothing and
    /// are not named.
    @Test func theModelIdIsADigestOfItsTrainingDataAndNamesItsFiles() throws {
        let kb = try TechniqueClassifierTests.bundle().knowledgeBase()
        let a = Self.folder(), b = Self.folder()
        defer { for f in [a, b] { try? FileManager.default.removeItem(at: f) } }
        let tram = try AnnotatedReports(data: Data(Self.tram.utf8), source: "reports-dev.json")
        let first = ExtractionModel.load(knowledgeBase: kb, training: [tram], cache: Self.cache(a))
        let second = ExtractionModel.load(knowledgeBase: kb, training: [tram], cache: Self.cache(b))
        #expect(first.trained && second.trained)
        #expect(first.provenance == second.provenance, "same data, same id, wherever it is cached")
        #expect(first.provenance.id.hasPrefix("sha256:") && first.provenance.id.count == 23)
        #expect(first.provenance.files == [tram.dataFile])
        #expect(first.provenance.trainedOn.hasSuffix(" + 1 annotated reports"))
        #expect(!ExtractionModel.load(knowledgeBase: kb, training: [tram], cache: Self.cache(a)).trained, "read back under its id")
        let alone = ExtractionModel.load(knowledgeBase: kb, training: [], cache: Self.cache(a))
        #expect(alone.provenance.id != first.provenance.id && alone.provenance.files.isEmpty && alone.provenance.trainedOn == kb.title)
        let mobile = try AnnotatedReports(data: Data(Self.tram.replacingOccurrences(of: "T1113", with: "T1636").utf8), source: "mobile.json")
        let foreign = ExtractionModel.load(knowledgeBase: kb, training: [mobile], cache: Self.cache(a))
        #expect(foreign.contributions.map(\.isEmpty) == [true] && foreign.provenance == alone.provenance)
    }

    @Test func theAnswerCarriesItsProvenanceInJSONAndLayer() throws {
        let kb = try TechniqueClassifierTests.bundle().knowledgeBase()
        let dir = Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tram = try AnnotatedReports(data: Data(Self.tram.utf8), source: "reports-dev.json")
        let model = ExtractionModel.load(knowledgeBase: kb, training: [tram], cache: Self.cache(dir))
        let report = ReportText(Array("APT Test ran T1113 on every host.".utf8))
        let answer = ExtractionAnswer(report: report, knowledgeBase: kb, model: model, options: .init(minConfidence: 0.7))
        #expect(answer.findings.allSatisfy { $0.confidence >= 0.7 } && answer.findings.contains { $0.technique.attackID == "T1113" })
        let json: JSONValue = .object(JSONObject([
            ("objects", ExtractionJSON.value(answer)["findings"] ?? .null), ("provenance", answer.provenance.json()),
        ]))
        #expect(json["objects"]?.arrayValue?.first?["id"]?.stringValue == "T1113")
        #expect(json["provenance"]?["model"]?["id"]?.stringValue == model.provenance.id)
        #expect(json["provenance"]?["model"]?["files"]?[0]?["sha256"]?.stringValue == tram.sha256)
        #expect(json["provenance"]?["options"] == ["min_confidence": "0.7"])
        #expect(answer.provenance.summary.contains("model \(model.provenance.id) (\(kb.title) + 1 annotated reports; reports-dev.json sha256:\(tram.sha256.prefix(12)))"))
        let layer = try answer.layer(report: "r.txt", knowledgeBase: kb).layer
        #expect(layer.metadata?.contains(.item(name: "model", value: model.provenance.id)) == true)
        let exact = ExtractionAnswer(report: report, knowledgeBase: kb, model: nil)
        #expect(exact.provenance.model == nil && exact.provenance.options == [.init("no_learned", "true")])
        #expect(exact.findings.map(\.technique.attackID) == ["T1113"])
    }
}
