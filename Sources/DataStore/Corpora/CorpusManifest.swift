import Foundation
import STIX

/// One corpus kept in the data folder, as the manifest records it.
public struct CorpusEntry: Sendable, Hashable {
    /// Which corpus.
    public let corpus: Corpus
    /// The stored file (`<data folder>/corpora/<name>/<file name>`).
    public let file: URL
    /// The SHA-256 of its bytes, in lower-case hex.
    public let sha256: String
    /// Its size in bytes.
    public let bytes: Int
    /// Where it came from: the path imported or the URL fetched.
    public let origin: String
    /// When it was stored (ISO 8601, UTC).
    public let date: String
    /// What it holds, as its verification read it (`76 reports`, `1,041 threat actors`).
    public let summary: String
    /// The licence and notice files kept beside it.
    public let licenceFiles: [URL]
}

/// The manifest of the corpora in the data folder, `<data folder>/corpora/manifest.json`:
///
/// ```json
/// {"format": "ttpkit-corpora", "format_version": 1, "corpora": [
///   {"name": "tram", "file": "tram/reports-dev.json", "sha256": "5e0c…", "bytes": 1648160,
///    "origin": "/home/me/shared/corpora/tram/reports-dev.json", "date": "2026-12-07T05:10:00Z",
///    "summary": "76 reports", "licence": "Apache-2.0", "attribution": "TRAM, …",
///    "licence_files": ["tram/LICENSE.txt", "tram/NOTICE.txt", "tram/README.md"]}]}
/// ```
///
/// Paths are relative to the `corpora` folder and must stay inside the corpus' own folder.
enum CorpusManifest {
    static let format = "ttpkit-corpora"

    /// Reads the manifest; a missing file holds nothing.
    static func read(_ url: URL, folder: URL) throws(CorpusError) -> [CorpusEntry] {
        guard FileManager.default.fileExists(atPath: url.path) else { return [] }
        let data: Data
        do { data = try FileBytes.read(path: url.path, limit: 1 << 20) } catch {
            throw .fileSystem(path: url.path, reason: error.reason)
        }
        let bytes = [UInt8](data)
        let root: JSONValue
        do { root = try JSONValue.parse(bytes) } catch {
            let (line, column) = bytes.withUnsafeBufferPointer { lineAndColumn(of: error.offset, in: $0) }
            throw .manifest(path: url.path, line: line, reason: "column \(column): expected \(error.expected), found \(error.found)")
        }
        guard root["format"]?.stringValue == format, let list = root["corpora"]?.arrayValue else {
            throw .manifest(path: url.path, line: 1, reason: "expected {\"format\": \"\(format)\", \"corpora\": [...]}")
        }
        var entries: [CorpusEntry] = []
        for (i, item) in list.enumerated() {
            func text(_ key: String) throws(CorpusError) -> String {
                guard let s = item[key]?.stringValue else {
                    throw .manifest(path: url.path, line: 1, reason: "corpora[\(i)]: expected \"\(key)\" as a string")
                }
                return s
            }
            guard let corpus = Corpus(name: try text("name")) else {
                throw .manifest(path: url.path, line: 1, reason: "corpora[\(i)]: expected the name tram, annoctr or misp-galaxy")
            }
            func inside(_ relative: String) throws(CorpusError) -> URL {
                let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0] == corpus.name, StoredName.isPlain(String(parts[1])) else {
                    throw .manifest(path: url.path, line: 1, reason: "corpora[\(i)]: expected a file of \(corpus.name)/, found \"\(relative)\"")
                }
                return folder.appendingPathComponent(relative)
            }
            var licences: [URL] = []
            for relative in item["licence_files"]?.stringArray ?? [] { licences.append(try inside(relative)) }
            entries.append(CorpusEntry(
                corpus: corpus, file: try inside(try text("file")), sha256: try text("sha256"),
                bytes: item["bytes"]?.doubleValue.flatMap { Int(exactly: $0) } ?? 0, origin: try text("origin"), date: try text("date"),
                summary: item["summary"]?.stringValue ?? "", licenceFiles: licences))
        }
        return entries
    }

    /// The manifest's JSON for `entries` (in ``Corpus`` order).
    static func json(_ entries: [CorpusEntry], folder: URL) -> JSONValue {
        func relative(_ u: URL) -> String { u.deletingLastPathComponent().lastPathComponent + "/" + u.lastPathComponent }
        let sorted = entries.sorted { a, b in
            Corpus.allCases.firstIndex(of: a.corpus) ?? 0 < Corpus.allCases.firstIndex(of: b.corpus) ?? 0
        }
        return .object(JSONObject([
            ("format", .string(format)), ("format_version", .number(1)),
            ("corpora", .array(sorted.map { e in
                .object(JSONObject([
                    ("name", .string(e.corpus.name)), ("file", .string(relative(e.file))), ("sha256", .string(e.sha256)),
                    ("bytes", .number(Double(e.bytes))), ("origin", .string(e.origin)), ("date", .string(e.date)),
                    ("summary", .string(e.summary)), ("licence", .string(e.corpus.licence)),
                    ("attribution", .string(e.corpus.attribution)),
                    ("licence_files", .array(e.licenceFiles.map { .string(relative($0)) })),
                ]))
            })),
        ]))
    }
}

/// File names ttpkit stores corpus files under.
enum StoredName {
    /// A plain file name: letters, digits, `.`, `_`, `-`, not starting with a dot, at most 100
    /// characters.
    static func isPlain(_ name: String) -> Bool {
        guard let first = name.utf8.first, first != UInt8(ascii: "."), name.utf8.count <= 100 else { return false }
        return name.utf8.allSatisfy { b in
            (b >= 48 && b <= 57) || (b >= 65 && b <= 90) || (b >= 97 && b <= 122) || b == 46 || b == 95 || b == 45
        }
    }
}
