import ATTACK
import Foundation

/// `extract`'s classifier for one release, and what answers name it by: its id (a digest of
/// its training text and trainer settings), what it learned from, and the annotated-report
/// files of that training data with their SHA-256.
///
/// The CLI and the server both get their model here, so the same release and the same
/// annotated reports give the same model, id and provenance wherever the question is asked.
///
/// ```swift
/// let tram = try AnnotatedReports.read(path: "reports-dev.json")
/// let model = ExtractionModel.load(knowledgeBase: kb, training: [tram], cache: TechniqueModelCache(directory: cacheFolder))
/// print(model.provenance.id, model.provenance.trainedOn)  // sha256:4f1c… Enterprise ATT&CK 18.1 + 76 annotated reports
/// ```
public struct ExtractionModel: Sendable {
    /// What one annotated-report file added to the training text.
    public struct Contribution: Sendable {
        /// The file.
        public let file: Provenance.DataFile
        /// Its reports.
        public let reports: Int
        /// Passages as marked, the longer sentences holding them, and other sentences added as
        /// background; all 0 when none of its labels is a technique of the release.
        public let passages: Int, sentences: Int, background: Int

        /// True when the file added nothing (reports of another domain).
        public var isEmpty: Bool { passages + sentences + background == 0 }
    }

    /// The classifier.
    public let model: TechniqueModel
    /// Its id, kind, training data and files, for ``Provenance``.
    public let provenance: Provenance.Model
    /// What each annotated-report file added, in the order given.
    public let contributions: [Contribution]
    /// True when it was trained by this call (false: read from the cache).
    public let trained: Bool
    /// True when it is in the cache (read from it, or stored after training).
    public let stored: Bool
    /// Why a cached copy was not used (not ours, writable by others, damaged), if one was there.
    public let note: String?

    /// What the model is, in words.
    public static let kind = "linear SVM per technique over word and character n-grams"

    /// The model of `kb` plus `training` (in order; none: the release alone): read from `cache`
    /// when it holds it, else trained and stored there (a cache that cannot be written is not
    /// an error: ``stored`` says). `retrain` ignores the cached copy.
    public static func load(
        knowledgeBase kb: KnowledgeBase, training: [AnnotatedReports], cache: TechniqueModelCache, retrain: Bool = false
    ) -> ExtractionModel {
        var corpus = TrainingCorpus(kb: kb)
        var contributions: [Contribution] = []
        for reports in training {
            let added = corpus.add(reports)
            contributions.append(Contribution(
                file: reports.dataFile, reports: reports.reports.count,
                passages: added.passages, sentences: added.sentences, background: added.background))
        }
        let used = contributions.filter { !$0.isEmpty }
        let reportCount = used.reduce(0) { $0 + $1.reports }
        let (model, trained, stored, note, id) = cache.model(for: corpus, retrain: retrain)
        let provenance = Provenance.Model(
            id: id, kind: kind,
            trainedOn: kb.title + (used.isEmpty ? "" : " + \(reportCount) annotated reports"),
            files: used.map(\.file))
        return ExtractionModel(model: model, provenance: provenance, contributions: contributions, trained: trained, stored: stored, note: note)
    }
}
