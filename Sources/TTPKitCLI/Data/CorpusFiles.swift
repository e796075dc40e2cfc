import Coverage
import DataStore
import Foundation
import Intel

/// The corpora an answer reads besides ATT&CK: the files given on the command line, else the
/// one its environment variable names (set to the empty string: none), else the copies
/// imported into the data folder (``CorpusStore``). Nothing is looked for relative to the
/// current folder or the binary, so a command answers the same from any folder.
enum CorpusFiles {
    /// Names one annotated-reports file for `extract` and `serve`.
    static let trainingVariable = "TTPKIT_TRAINING_REPORTS"
    /// Names the MISP threat-actor galaxy for `--sector` and `report group`.
    static let galaxyVariable = "TTPKIT_MISP_GALAXY"

    /// The data folder's corpora.
    static var store: CorpusStore {
        CorpusStore(cache: CacheDirectory.resolve(environment: CommandContext.current.environment))
    }

    /// The annotated reports extract's classifier learns from: `explicit`, else
    /// `$TTPKIT_TRAINING_REPORTS`, else every annotated corpus in the data folder (TRAM, then
    /// AnnoCTR); none is none.
    static func trainingReports(_ explicit: [String]) throws -> [AnnotatedReports] {
        if !explicit.isEmpty { return try explicit.map(readReports) }
        if let path = CommandContext.current.environment[trainingVariable] { return try path.isEmpty ? [] : [readReports(path)] }
        let store = self.store
        return try store.entries().filter { $0.corpus.role == "training" }.map { entry in
            do { return try AnnotatedReports(data: try store.read(entry), source: entry.file.path) } catch let error as AnnotatedReports.Problem {
                throw CLIError(error.description)
            }
        }
    }

    /// The MISP threat-actor galaxy: `explicit`, else `$TTPKIT_MISP_GALAXY`, else the data
    /// folder's copy; nil when there is none.
    static func galaxy(_ explicit: String?) throws -> ThreatActorGalaxy? {
        if let explicit { return try ThreatActorGalaxy.read(path: explicit) }
        if let path = CommandContext.current.environment[galaxyVariable] { return try path.isEmpty ? nil : ThreatActorGalaxy.read(path: path) }
        let store = self.store
        guard let entry = try store.entry(.mispGalaxy) else { return nil }
        return try ThreatActorGalaxy(data: try store.read(entry), source: entry.file.path)
    }

    private static func readReports(_ path: String) throws -> AnnotatedReports {
        do { return try AnnotatedReports.read(path: path) } catch { throw CLIError(error.description) }
    }

    /// Parses bytes as the corpus they claim to be (the readers the answers use) and says what
    /// they hold; `data import` and `data update --corpora` store nothing that fails.
    static let verify: CorpusVerifier = { (corpus: Corpus, data: Data, source: String) throws(CorpusError) -> String in
        switch corpus {
        case .tram, .annoctr:
            let reports: AnnotatedReports
            do throws(AnnotatedReports.Problem) { reports = try AnnotatedReports(data: data, source: source) } catch { throw .invalid(error.description) }
            guard !reports.reports.isEmpty else { throw .invalid("\(source):1: expected at least one annotated report, found none") }
            let labels = reports.labels.map { RuleScanning.plural($0.count, "label") } ?? "every technique annotated"
            return "\(RuleScanning.plural(reports.reports.count, "report")), \(labels)"
        case .mispGalaxy:
            let galaxy: ThreatActorGalaxy
            do throws(CoverageInputError) { galaxy = try ThreatActorGalaxy(data: data, source: source) } catch { throw .invalid(error.description) }
            guard galaxy.type == "threat-actor" else {
                throw .invalid("\(source):1: expected MISP's threat-actor cluster (\"type\": \"threat-actor\"), found "
                    + (galaxy.type.map { "type \"\($0)\"" } ?? "no type"))
            }
            return RuleScanning.plural(galaxy.actors.count, "threat actor")
        }
    }
}
