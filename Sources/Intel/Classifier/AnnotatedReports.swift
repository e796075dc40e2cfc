import ATTACK
import Foundation
import STIX

/// Reports annotated with the techniques their passages describe, in the TRAM corpus format
/// that ttpkit's copies of TRAM and AnnoCTR share:
/// `{labels: [ID] | null, reports: [{name, text, techniques: {ID: [{start, end}]}}]}`, offsets
/// in Unicode code points of `text`, end exclusive.
///
/// `labels` is the set of techniques the annotators looked for (TRAM's 77): a sentence nobody
/// marked is evidence against those only. Null (AnnoCTR) means every technique was looked for.
/// Reading checks the whole shape — every report has a text, every technique ID looks like one,
/// every span lies inside its text — so a file that is read is the corpus it claims to be.
///
/// ```swift
/// let tram = try AnnotatedReports.read(path: "reports-dev.json")
/// print(tram.reports.count, tram.labels?.count ?? 0, tram.dataFile.sha256 ?? "")  // 76 77 5e0c…
/// ```
public struct AnnotatedReports: Sendable {
    public struct Report: Sendable {
        public let name: String
        public let text: String
        public let techniques: Set<String>
        /// `(technique, start, end)` in Unicode scalar offsets, in text order.
        public let spans: [(String, Int, Int)]
    }

    /// The techniques the annotators looked for; nil: every technique.
    public let labels: Set<String>?
    public let reports: [Report]
    /// Where the corpus was read from (a path, a URL or a description), for messages.
    public let source: String
    /// The SHA-256 of the bytes read, in lower-case hex.
    public let sha256: String

    /// The largest corpus file read (64 MiB; TRAM's 151 reports are 3 MB).
    public static let byteLimit = 64 << 20

    /// The corpus as an answer's provenance names it: role `training`, its file name and digest.
    public var dataFile: Provenance.DataFile { Provenance.DataFile(role: "training", path: source, sha256: sha256) }

    /// Reads a corpus file (at most ``byteLimit`` bytes, copied into memory).
    public static func read(path: String) throws(Problem) -> AnnotatedReports {
        let data: Data
        do { data = try FileBytes.read(path: path, limit: byteLimit) } catch {
            throw Problem(source: path, line: nil, reason: error.reason)
        }
        return try AnnotatedReports(data: data, source: path)
    }

    /// Parses a corpus; throws ``Problem`` naming the line of a syntax error, or the report and
    /// member that do not have the expected shape.
    public init(data: Data, source: String = "annotated reports") throws(Problem) {
        let bytes = [UInt8](data)
        let root: JSONValue
        do { root = try JSONValue.parse(bytes) } catch {
            let (line, column) = bytes.withUnsafeBufferPointer { lineAndColumn(of: error.offset, in: $0) }
            throw Problem(source: source, line: line, reason: "column \(column): expected \(error.expected), found \(error.found)")
        }
        func fail(_ reason: String) -> Problem { Problem(source: source, line: 1, reason: reason) }
        guard let reports = root["reports"]?.arrayValue else {
            throw fail("expected an object with \"reports\" (annotated reports in the TRAM format), found \(root.objectValue == nil ? root.typeName : "no \"reports\" list")")
        }
        switch root["labels"] {
        case nil, .null?: labels = nil
        case .array(let list)?:
            var ids = Set<String>()
            for v in list {
                guard let id = v.stringValue, Self.isTechniqueID(id) else {
                    throw fail("\"labels\": expected technique IDs (T1059.001), found \(Self.shown(v))")
                }
                ids.insert(id)
            }
            labels = ids
        case let other?: throw fail("\"labels\": expected a list of technique IDs or null, found \(other.typeName)")
        }
        var read: [Report] = []
        read.reserveCapacity(reports.count)
        for (i, r) in reports.enumerated() {
            read.append(try Self.report(r, index: i, fail: fail))
        }
        self.reports = read
        self.source = source
        self.sha256 = STIXBundle.sha256(data)
    }

    private static func report(_ r: JSONValue, index i: Int, fail: (String) -> Problem) throws(Problem) -> Report {
        let name = r["name"]?.stringValue ?? "report \(i)"
        let at = "report \(i) (\(shown(.string(name))))"
        guard let text = r["text"]?.stringValue else { throw fail("\(at): expected \"text\", the report as a string") }
        guard let techniques = r["techniques"]?.objectValue else {
            throw fail("\(at): expected \"techniques\", an object of technique IDs and their spans")
        }
        let length = text.unicodeScalars.count
        var spans: [(String, Int, Int)] = []
        for (id, list) in techniques {
            guard isTechniqueID(id) else { throw fail("\(at): expected technique IDs (T1059.001) in \"techniques\", found \(shown(.string(id)))") }
            guard let list = list.arrayValue else { throw fail("\(at): \(id): expected a list of spans, found \(list.typeName)") }
            for (k, span) in list.enumerated() {
                guard let a = span["start"]?.doubleValue.flatMap({ Int(exactly: $0) }), let b = span["end"]?.doubleValue.flatMap({ Int(exactly: $0) }),
                      a >= 0, a < b, b <= length
                else {
                    throw fail("\(at): \(id) span \(k): expected whole \"start\" < \"end\" within the text (0…\(length) characters)")
                }
                spans.append((id, a, b))
            }
        }
        // In text order, whatever the file's member order: the training text (hence the model's
        // id) depends on the corpus, not on how it was written.
        spans.sort { ($0.1, $0.2, $0.0) < ($1.1, $1.2, $1.0) }
        return Report(name: name, text: text, techniques: Set(techniques.keys), spans: spans)
    }

    /// `T1234` or `T1234.123`.
    static func isTechniqueID(_ s: String) -> Bool {
        let u = Array(s.utf8)
        guard u.count == 5 || u.count == 9, u[0] == UInt8(ascii: "T"), u[1...4].allSatisfy({ $0 >= 48 && $0 <= 57 }) else { return false }
        return u.count == 5 || (u[5] == UInt8(ascii: ".") && u[6...8].allSatisfy { $0 >= 48 && $0 <= 57 })
    }

    /// A value as a message quotes it (strings cut at 60 characters).
    private static func shown(_ v: JSONValue) -> String {
        guard let s = v.stringValue else { return v.typeName }
        let cut = s.count > 60 ? String(s.prefix(60)) + "…" : s
        return "\"\(cut)\""
    }

    /// The annotated passages of report `i` as `(technique, text)`.
    public func passages(of i: Int) -> [(techniqueID: String, text: String)] {
        let scalars = Array(reports[i].text.unicodeScalars)
        return reports[i].spans.map { id, a, b in
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars[a..<b])
            return (id, String(s))
        }
    }

    /// The sentences of report `i` as ``ReportSentences`` reads them: those that overlap an
    /// annotated passage, with its technique (a sentence overlapping passages of several
    /// techniques is listed once per technique), and the others.
    public func sentences(of i: Int) -> (annotated: [(techniqueID: String, text: String)], other: [String]) {
        let bytes = Array(reports[i].text.utf8)
        let scalars = ScalarOffsets(bytes)
        let spans = reports[i].spans
        var annotated: [(techniqueID: String, text: String)] = [], other: [String] = []
        for r in ReportSentences(bytes).ranges {
            let a = scalars[r.lowerBound], b = scalars[r.upperBound]
            let text = String(decoding: bytes[r], as: UTF8.self)
            var seen = Set<String>()
            for s in spans where s.1 < b && a < s.2 && seen.insert(s.0).inserted { annotated.append((s.0, text)) }
            if seen.isEmpty { other.append(text) }
        }
        return (annotated, other)
    }

    /// A corpus file that cannot be read or does not have the expected shape: one line,
    /// `SOURCE:LINE: what was expected`.
    public struct Problem: Error, Sendable, CustomStringConvertible {
        public let source: String
        /// The line of a syntax error (1 for a problem of shape); nil when the file was not read.
        public let line: Int?
        public let reason: String

        public var description: String { line.map { "\(source):\($0): \(reason)" } ?? "\(source): \(reason)" }
    }
}
