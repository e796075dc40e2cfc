import Foundation
import Output

/// Trained models kept in a folder (ttpkit's cache), one file per training corpus and trainer
/// setting: `technique-model-<key>.bin`, where the key digests the corpus texts and the
/// trainer's parameters. A changed release means a new key, hence retraining.
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
        directory.appendingPathComponent(String(format: "technique-model-%016llx.bin", key(corpus)))
    }

    func key(_ corpus: TrainingCorpus) -> UInt64 {
        var h = corpus.digest
        for v in [UInt64(trainer.negatives), UInt64(trainer.annotatedNegatives), UInt64(trainer.passageWeight.bitPattern), UInt64(trainer.cost.bitPattern),
                  UInt64(trainer.passes), UInt64(trainer.scoreScale.bitPattern), UInt64(trainer.weightsPerClass),
                  UInt64(trainer.dimensions), trainer.seed, UInt64(trainer.charMin), UInt64(trainer.charMax), UInt64(TechniqueModel.formatVersion)] {
            h = (h ^ v) &* 0x0000_0100_0000_01b3
        }
        return h
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
