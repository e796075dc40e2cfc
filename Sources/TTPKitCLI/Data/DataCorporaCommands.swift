import ArgumentParser
import DataStore
import Foundation
import Output
import STIX

/// `ttpkit data import tram|annoctr|misp-galaxy PATH`: a local copy of a corpus into the data folder.
struct DataImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a corpus (TRAM, AnnoCTR, the MISP threat-actor galaxy) into the data folder, verified, offline.",
        discussion: """
            PATH is the corpus file, or a folder of the usual layout: tram/reports-dev.json, \
            annoctr/annoctr-train.json, misp-galaxy/clusters/threat-actor.json. The file is \
            parsed as what it claims to be (annotated reports in the TRAM format; MISP's \
            threat-actor cluster) and refused with FILE:LINE otherwise (exit 2, the stored copy \
            unchanged); its licence, notice and read-me files are copied beside it. The manifest \
            (corpora/manifest.json in the data folder) records its SHA-256, size, origin, date \
            and licence. extract learns from every annotated corpus imported; --sector and \
            report group read the galaxy. Answers name these files by SHA-256 in their provenance.

            Examples:
              ttpkit data import tram ../shared/corpora/tram
              ttpkit data import annoctr ../shared/corpora/annoctr/annoctr-train.json
              ttpkit data import misp-galaxy ../shared/corpora/misp-galaxy
            """)

    @Argument(help: "tram, annoctr or misp-galaxy.") var corpus: String
    @Argument(help: "The corpus file, or a folder of the usual layout.") var path: String

    func run() throws {
        let corpus = try CorpusArgument.parse(self.corpus)
        let stored = try CorpusFiles.store.importCopy(corpus, from: path, verify: CorpusFiles.verify)
        CorpusArgument.report(stored, verb: "imported")
    }
}

/// Parsing and printing corpora for the `data` commands.
enum CorpusArgument {
    static func parse(_ name: String) throws -> Corpus {
        guard let corpus = Corpus(name: name) else {
            throw CLIError("unknown corpus '\(name)'; expected \(Corpus.allCases.map(\.name).joined(separator: ", "))")
        }
        return corpus
    }

    /// One line on stdout (`tram  imported  76 reports, 77 labels  sha256:5e0c…  PATH`), notes on stderr.
    static func report(_ stored: CorpusStore.Stored, verb: String) {
        let e = stored.entry
        Terminal.standardOutput.message(
            "\(e.corpus.name)\t\(stored.unchanged ? "unchanged" : verb)\t\(e.summary)\tsha256:\(e.sha256.prefix(12))\t\(e.file.path)\n")
        for note in stored.notes { Terminal.standardError.write("ttpkit: note: \(note)\n") }
    }

    /// `data update --corpora`: fetches `names` (all when empty) from `mirror` or the publishers.
    static func update(_ names: [String], mirror: String?, timeout: Double) throws {
        let chosen = try names.isEmpty ? Corpus.allCases : names.map(parse)
        var base: URL?
        if let mirror {
            guard let url = URL(string: mirror), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else {
                throw CLIError("--corpora-url '\(mirror)' is not an http(s) URL")
            }
            base = url
        }
        let environment = CommandContext.current.environment
        let downloader = CorpusDownloader(store: CorpusFiles.store, base: base, environment: environment, timeout: timeout)
        let outcomes = try Blocking.run { await downloader.update(chosen, verify: CorpusFiles.verify) }
        var failures: [String] = []
        for outcome in outcomes {
            switch outcome {
            case .stored(let stored, _): report(stored, verb: "downloaded")
            case .unavailable(let corpus, let reason):
                let line = "\(corpus.name): not fetched: \(reason); import a converted copy with `ttpkit data import \(corpus.name) PATH`, "
                    + "or give a mirror of the corpora folder (--corpora-url, $\(CorpusDownloader.baseEnvironmentVariable))"
                if names.isEmpty { Terminal.standardError.write("ttpkit: note: \(line)\n") } else { failures.append(line) }
            case .failed(_, let error): failures.append("\(error)")
            }
        }
        for failure in failures.dropLast() { Terminal.standardError.write("ttpkit: error: \(failure)\n") }
        if let last = failures.last { throw CLIError(last, exitCode: .badReferenceData) }
    }

    /// The table rows and JSON of the stored corpora, for `data list`.
    static func listed(_ entries: [CorpusEntry]) -> (rows: [[String]], json: [JSONValue]) {
        let rows = entries.map { e in [e.corpus.name, e.file.lastPathComponent, "sha256:" + e.sha256.prefix(12), e.summary, e.origin] }
        let json: [JSONValue] = entries.map { e in
            .object(JSONObject([
                ("corpus", .string(e.corpus.name)), ("path", .string(e.file.path)), ("sha256", .string(e.sha256)),
                ("bytes", .number(Double(e.bytes))), ("origin", .string(e.origin)), ("date", .string(e.date)),
                ("summary", .string(e.summary)), ("licence", .string(e.corpus.licence)),
            ]))
        }
        return (rows, json)
    }
}
