import Foundation
import STIX

/// Checks that bytes are the corpus they claim to be — parses them as such — and says what they
/// hold (`76 reports`); a file that is not is ``CorpusError/invalid(_:)``, naming the file and
/// line. The parsers live with the analyses (annotated reports in Intel, the galaxy in
/// Coverage); the front end passes them in.
public typealias CorpusVerifier = @Sendable (_ corpus: Corpus, _ data: Data, _ source: String) throws(CorpusError) -> String

/// The corpora in ttpkit's data folder (the cache folder of ATT&CK releases, see
/// ``CacheDirectory``): `<data folder>/corpora/<name>/<file>`, each beside its licence and notice
/// files, all recorded with their SHA-256, size, origin and date in `corpora/manifest.json`.
///
/// A corpus enters only verified (``CorpusVerifier``), within its size cap, and atomically: each
/// file is written beside its place and renamed into it, the manifest last. A corpus that fails
/// verification leaves the copy already there untouched. Reading a stored corpus checks its
/// SHA-256 against the manifest, so an answer never depends on a file that changed unrecorded.
///
/// ```swift
/// let store = CorpusStore(cache: .resolve())
/// let imported = try store.importCopy(.tram, from: "../shared/corpora/tram", verify: verifier)
/// for entry in try store.entries() { print(entry.corpus.name, entry.sha256.prefix(12), entry.origin) }
/// ```
public struct CorpusStore: Sendable {
    /// The data folder.
    public let cache: CacheDirectory

    public init(cache: CacheDirectory) {
        self.cache = cache
    }

    /// `<data folder>/corpora`.
    public var folder: URL { cache.url.appendingPathComponent("corpora", isDirectory: true) }
    /// `<data folder>/corpora/manifest.json`.
    public var manifestFile: URL { folder.appendingPathComponent("manifest.json") }

    /// The stored corpora, in ``Corpus`` order.
    public func entries() throws(CorpusError) -> [CorpusEntry] {
        try CorpusManifest.read(manifestFile, folder: folder)
    }

    /// The stored copy of `corpus`, if any.
    public func entry(_ corpus: Corpus) throws(CorpusError) -> CorpusEntry? {
        try entries().first { $0.corpus == corpus }
    }

    /// The bytes of a stored corpus, checked against the SHA-256 the manifest records.
    public func read(_ entry: CorpusEntry) throws(CorpusError) -> Data {
        let data: Data
        do { data = try FileBytes.read(path: entry.file.path, limit: entry.corpus.byteLimit) } catch {
            throw .fileSystem(path: entry.file.path, reason: error.reason + " (import the \(entry.corpus.name) corpus again)")
        }
        let digest = STIXBundle.sha256(data)
        guard digest == entry.sha256 else { throw .changed(path: entry.file.path, recorded: entry.sha256, found: digest) }
        return data
    }

    /// What an import or a download stored, and what the user should know about it.
    public struct Stored: Sendable {
        /// The manifest's entry for it.
        public let entry: CorpusEntry
        /// True when the same bytes were already stored (nothing changed but the record).
        public let unchanged: Bool
        /// Notes (a licence text that was not found).
        public let notes: [String]
    }

    /// Imports a local copy: `path` is the corpus file, or a folder of the usual layout
    /// (``Corpus/layoutPath``). Its licence and notice files (``Corpus/licenceFiles``) are kept
    /// too, from the folder or beside the file.
    public func importCopy(_ corpus: Corpus, from path: String, verify: CorpusVerifier) throws(CorpusError) -> Stored {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { throw .notFound(path: path) }
        let file: URL, root: URL
        let given = URL(fileURLWithPath: path).standardizedFileURL
        if isFolder.boolValue {
            root = given
            file = given.appendingPathComponent(corpus.layoutPath)
            guard FileManager.default.fileExists(atPath: file.path) else {
                throw .notFound(path: file.path, expected: "the \(corpus.name) layout (\(corpus.layoutPath)) in the folder; give the file itself otherwise")
            }
        } else {
            file = given
            root = file.path.hasSuffix("/" + corpus.layoutPath)
                ? URL(fileURLWithPath: String(file.path.dropLast(corpus.layoutPath.count)), isDirectory: true)
                : file.deletingLastPathComponent()
        }
        let data: Data
        do { data = try FileBytes.read(path: file.path, limit: corpus.byteLimit) } catch {
            throw .fileSystem(path: file.path, reason: error.reason)
        }
        let summary = try verify(corpus, data, file.path)
        var licences: [(name: String, data: Data)] = []
        for name in corpus.licenceFiles {
            let candidate = root.appendingPathComponent(name)
            if let text = try? FileBytes.read(path: candidate.path, limit: Corpus.licenceByteLimit) { licences.append((name, text)) }
        }
        return try install(corpus, data: data, fileName: file.lastPathComponent, licences: licences, origin: file.path, summary: summary)
    }

    /// Stores verified bytes as `corpus` (see the type's documentation): `fileName` when it is a
    /// plain file name, else the layout's; `licences` beside it; the manifest updated last.
    /// Files of the previous copy that the new one does not have are removed.
    public func install(
        _ corpus: Corpus, data: Data, fileName: String, licences: [(name: String, data: Data)], origin: String, summary: String
    ) throws(CorpusError) -> Stored {
        guard data.count <= corpus.byteLimit else { throw .fileSystem(path: origin, reason: "larger than \(corpus.byteLimit) bytes") }
        let previous = try entries()
        let old = previous.first { $0.corpus == corpus }
        let place = folder.appendingPathComponent(corpus.name, isDirectory: true)
        do { try FileManager.default.createDirectory(at: place, withIntermediateDirectories: true) } catch {
            throw .fileSystem(path: place.path, reason: error.localizedDescription)
        }
        let name = StoredName.isPlain(fileName) && fileName.hasSuffix(".json") ? fileName
            : String(corpus.layoutPath.split(separator: "/").last ?? Substring(corpus.layoutPath))
        var licenceURLs: [URL] = []
        for (licenceName, text) in licences where StoredName.isPlain(licenceName) && licenceName != name {
            let url = place.appendingPathComponent(licenceName)
            try Self.write(text, to: url)
            licenceURLs.append(url)
        }
        let file = place.appendingPathComponent(name)
        try Self.write(data, to: file)
        let sha256 = STIXBundle.sha256(data)
        let date = ISO8601DateFormatter().string(from: Date())
        let entry = CorpusEntry(corpus: corpus, file: file, sha256: sha256, bytes: data.count, origin: origin, date: date,
                                summary: summary, licenceFiles: licenceURLs)
        let manifest = CorpusManifest.json(previous.filter { $0.corpus != corpus } + [entry], folder: folder)
        try Self.write(Data((manifest.serialized(pretty: true) + "\n").utf8), to: manifestFile)
        for stale in (old.map { [$0.file] + $0.licenceFiles } ?? []) where !([file] + licenceURLs).contains(stale) {
            try? FileManager.default.removeItem(at: stale)
        }
        var notes: [String] = []
        if licenceURLs.isEmpty {
            notes.append("no licence text found for \(corpus.name) (looked for \(corpus.licenceFiles.joined(separator: ", "))); "
                + "it is \(corpus.licence): \(corpus.attribution) — keep the attribution with the copy")
        }
        return Stored(entry: entry, unchanged: old?.sha256 == sha256, notes: notes)
    }

    /// Writes `data` to a temporary file beside `url` and renames it into place.
    static func write(_ data: Data, to url: URL) throws(CorpusError) {
        do { try data.write(to: url, options: .atomic) } catch {
            throw .fileSystem(path: url.path, reason: error.localizedDescription)
        }
    }
}

/// Why a corpus could not be imported, fetched or read. Nothing stored changes when one is thrown.
public enum CorpusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path to import does not exist (or a folder lacks the layout's file).
    case notFound(path: String, expected: String? = nil)
    /// A file could not be read or written.
    case fileSystem(path: String, reason: String)
    /// The bytes are not the corpus they claim to be: `FILE:LINE: what was expected`.
    case invalid(String)
    /// A stored corpus no longer has the SHA-256 its manifest records.
    case changed(path: String, recorded: String, found: String)
    /// The manifest cannot be read.
    case manifest(path: String, line: Int, reason: String)
    /// The download failed (nothing was saved).
    case download(String)

    public var description: String {
        switch self {
        case .notFound(let path, let expected):
            expected.map { "\(path): not found: expected \($0)" } ?? "\(path): not found"
        case .fileSystem(let path, let reason): "\(path): \(reason)"
        case .invalid(let message): message
        case .changed(let path, let recorded, let found):
            "\(path): changed since it was stored (sha256 \(recorded.prefix(12))… recorded, \(found.prefix(12))… now); import the corpus again"
        case .manifest(let path, let line, let reason): "\(path):\(line): \(reason)"
        case .download(let message): message
        }
    }
}
