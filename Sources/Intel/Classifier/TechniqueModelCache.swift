import Crypto
import Foundation
import Output

/// Trained models kept in a folder (ttpkit's cache), one file per training corpus and trainer
/// setting: `technique-model-<id>.bin`, where the id (``modelID(for:)``) digests the corpus
/// texts and the trainer's parameters. A changed release means a new id, hence retraining.
///
/// Files are written atomically (a temporary file renamed into place) and read defensively: a
/// missing, truncated or damaged file, or one for another corpus, is not used and the model is
/// trained again.
///
/// ```swift
/// let cache = TechniqueModelCache(directory: cacheFolder)
/// let (model, trained) = cache.model(for: TrainingCorpus(kb: kb))
/// ```
public struct TechniqueModelCache: Sendable {
    public let directory: URL
    public var trainer: TechniqueModelTrainer

    public init(directory: URL, trainer: TechniqueModelTrainer = TechniqueModelTrainer()) {
        self.directory = directory
        self.trainer = trainer
    }

    /// The file a corpus' model is kept in.
    public func file(for corpus: TrainingCorpus) -> URL {
        directory.appendingPathComponent("technique-model-\(modelID(for: corpus).dropFirst("sha256:".count)).bin")
    }

    /// The model's stable id, `sha256:` and 16 hex digits: a digest of the corpus (classes,
    /// parents, texts, annotated label set) and of the trainer's settings. The same training
    /// data and settings give the same id on any machine, from any folder; answers name their
    /// model by it (``Provenance/Model/id``) and the cache keeps the model under it.
    public func modelID(for corpus: TrainingCorpus) -> String {
        // One buffer hashed at once: tens of thousands of small updates cost more than the digest.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(corpus.examples.reduce(0) { $0 + $1.text.utf8.count + 8 } + 1 << 16)
        func feed(_ text: String) {
            bytes.append(contentsOf: text.utf8)
            bytes.append(0xff)
        }
        let t = trainer
        for setting in [t.negatives, t.annotatedNegatives, Int(t.passageWeight.bitPattern), Int(t.cost.bitPattern), t.passes,
                        Int(t.scoreScale.bitPattern), t.weightsPerClass, t.dimensions, Int(truncatingIfNeeded: t.seed), t.charMin, t.charMax,
                        TechniqueModel.formatVersion] {
            feed(String(setting))
        }
        for c in corpus.classes { feed(c) }
        for p in corpus.parents { feed(p.map(String.init) ?? "-") }
        for e in corpus.examples {
            feed((e.label.map(String.init) ?? "bg") + (e.annotated ? "a" : ""))
            feed(e.text)
        }
        for c in corpus.annotatedClasses.sorted() { feed(String(c)) }
        let hex = SHA256.hash(data: bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
        return "sha256:" + hex
    }

    /// The cached model of `corpus`, or nil when there is none usable.
    public func cached(for corpus: TrainingCorpus) -> TechniqueModel? {
        let url = file(for: corpus)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let size = attributes[.size] as? NSNumber, size.intValue <= 512 << 20,
            let data = try? Data(contentsOf: url),
            let model = TechniqueModel(decoding: Array(data)), model.digest == corpus.digest
        else { return nil }
        return model
    }

    /// Writes a model atomically; throws when the folder cannot be written.
    public func store(_ model: TechniqueModel, for corpus: TrainingCorpus) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try OutputFile.write(Data(model.encoded()), to: file(for: corpus).path)
    }

    /// The cached model, or a newly trained one (stored when possible; a cache that cannot be
    /// written is not an error). `retrain` ignores the cache. `trained` says which.
    public func model(for corpus: TrainingCorpus, retrain: Bool = false) -> (model: TechniqueModel, trained: Bool, stored: Bool) {
        if !retrain, let m = cached(for: corpus) { return (m, false, true) }
        let m = trainer.train(corpus)
        let stored = (try? store(m, for: corpus)) != nil
        return (m, true, stored)
    }
}
