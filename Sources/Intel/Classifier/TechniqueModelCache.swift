import Crypto
import Foundation
import Output
import STIX

/// Trained models kept in a folder (ttpkit's cache), one file per training corpus and trainer
/// setting: `technique-model-<id>.bin`, where the id (``modelID(for:)``) digests the corpus
/// texts and the trainer's parameters. A changed release means a new id, hence retraining.
///
/// Files are written atomically (a new file renamed into place, mode 0644 whatever the
/// umask) and end with an integrity tag: a checksum over the model and its key. A file is used
/// only when it is a regular file of the user running ttpkit that nobody else may write
/// (``CacheFile``), its tag matches and it decodes to a model of this very corpus; a missing,
/// truncated, damaged, edited, planted or foreign file, or a FIFO, is not used (and never
/// waited on) and the model is trained again.
///
/// ```swift
/// let cache = TechniqueModelCache(directory: cacheFolder)
/// let (model, trained, _, _, _) = cache.model(for: TrainingCorpus(kb: kb))
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
        file(id: modelID(for: corpus))
    }

    private func file(id: String) -> URL {
        directory.appendingPathComponent("technique-model-\(id.dropFirst("sha256:".count)).bin")
    }

    /// The key a model's integrity tag binds it to: its id, as a number.
    private static func key(id: String) -> UInt64 {
        UInt64(id.dropFirst("sha256:".count), radix: 16) ?? 0
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
            feed((e.label.map(String.init) ?? "bg") + (e.annotated ? "a" : "") + (e.backgroundSet.map { "/\($0)" } ?? ""))
            feed(e.text)
        }
        for c in corpus.annotatedClasses.sorted() { feed(String(c)) }
        for set in corpus.backgroundSets { feed(set.sorted().map(String.init).joined(separator: ",")) }
        let hex = SHA256.hash(data: bytes).prefix(8).map { String(format: "%02x", $0) }.joined()
        return "sha256:" + hex
    }

    /// The cached model of `corpus`, or nil when there is none usable.
    public func cached(for corpus: TrainingCorpus) -> TechniqueModel? {
        if case .model(let m) = lookup(corpus) { return m }
        return nil
    }

    /// What the cache holds for a corpus.
    public enum Lookup: Sendable {
        /// A usable model.
        case model(TechniqueModel)
        /// No file.
        case missing
        /// A file that is not used, and why.
        case rejected(String)
    }

    /// The cached model of `corpus`, or why there is none.
    public func lookup(_ corpus: TrainingCorpus) -> Lookup {
        lookup(corpus, id: modelID(for: corpus))
    }

    /// ``lookup(_:)`` with the corpus' id already computed (it digests all the training text).
    private func lookup(_ corpus: TrainingCorpus, id: String) -> Lookup {
        let file = file(id: id)
        let data: Data
        do throws(CacheFileError) {
            data = try CacheFile.map(path: file.path, limit: 512 << 20)
        } catch .missing {
            return .missing
        } catch {
            return .rejected("\(file.path): \(error)")
        }
        guard let body = CacheFile.unsealed([UInt8](data), key: Self.key(id: id)) else {
            return .rejected("\(file.path): its integrity tag does not match (the file was damaged or edited)")
        }
        guard let model = TechniqueModel(decoding: Array(body)), model.digest == corpus.digest else {
            return .rejected("\(file.path): it is not a model of this release and training text")
        }
        return .model(model)
    }

    /// Writes a model atomically; throws when the folder cannot be written.
    public func store(_ model: TechniqueModel, for corpus: TrainingCorpus) throws {
        try store(model, id: modelID(for: corpus))
    }

    private func store(_ model: TechniqueModel, id: String) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let bytes = CacheFile.sealed(model.encoded(), key: Self.key(id: id))
        try OutputFile.writeCacheFile(Data(bytes), to: file(id: id).path)
    }

    /// The cached model, or a newly trained one (stored when possible; a cache that cannot be
    /// written is not an error). `retrain` ignores the cache. `trained` says which; `note` says
    /// why a file that was there was not used; `id` is ``modelID(for:)``, computed once.
    public func model(for corpus: TrainingCorpus, retrain: Bool = false) -> (model: TechniqueModel, trained: Bool, stored: Bool, note: String?, id: String) {
        let id = modelID(for: corpus)
        var note: String?
        if !retrain {
            switch lookup(corpus, id: id) {
            case .model(let m): return (m, false, true, nil, id)
            case .missing: break
            case .rejected(let why): note = "model \(why); trained again"
            }
        }
        let m = trainer.train(corpus)
        let stored = (try? store(m, id: id)) != nil
        return (m, true, stored, note, id)
    }
}
