import Output
import Answers
import ATTACK
import ArgumentParser
import DataStore
import Foundation
import Intel
import Navigator
import STIX

/// `ttpkit extract`: the techniques a threat report describes, and the groups, software and
/// campaigns it names.
struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Find the techniques a report describes, and the groups, software and campaigns it names.",
        discussion: """
            Reads plain text, Markdown or saved HTML (tags, scripts and styles stripped). Each \
            technique comes with a confidence (0–1), the sentences supporting it (with Unicode \
            character offsets into the report's text) and how it was found:
              id       an ATT&CK ID (T1059.001; revoked IDs mapped forward; a deprecated \
            technique's ID is noted and not counted; an ID newer than the release is a warning, \
            and a new sub-technique counts as its parent)
              name     a technique name ("Parent: Sub" for sub-techniques), any case
              alias    an alias
              learned  a classifier trained on the loaded release itself (procedure examples, \
            technique descriptions, detection analytics, names), scoring every sentence \
            (a short line such as a heading or table cell counts as weaker evidence)

            A name or alias is a claim in a sentence about what happened; in advice, a \
            heading, a table cell or a path, or when ATT&CK's own prose uses it mostly for \
            other techniques ("IP Addresses", "Social Media"), it is weak evidence, listed \
            under the cut-off with why ("(weak: advice)" in the table; `weak` in the JSON \
            evidence: advice, heading, path or unspecific-name).

            The classifier is trained on first use (a few seconds) and cached in ttpkit's data \
            folder under its id, a digest of its training text and settings; --retrain forces \
            training. Annotated reports (TRAM format) add their passages, and the sentences \
            holding them, to the training text: --training-reports FILE (repeatable), else \
            $TTPKIT_TRAINING_REPORTS (empty: none), else every annotated corpus imported into \
            the data folder (`ttpkit data import tram|annoctr PATH`); nothing is looked for \
            elsewhere. --release-only trains on the release alone. Every answer ends with its \
            provenance: the release file, the model id and the annotated-report files it learned \
            from (by SHA-256) and the options (a `provenance` member in JSON, the last line of \
            the table, layer metadata). Defanged indicators, URLs, hashes and code blocks are \
            ignored. A learned sub-technique names \
            its parent as implied. Groups, software, campaigns and tactics are found by ID, name \
            and alias. An ID of another ATT&CK domain (a Mobile ID in an Enterprise run) is said \
            to be one, not taken for a newer release.

            Triage: the table lists each technique under its first tactic in the release's \
            matrix order (its other tactics named as "[also …]"), tactics in matrix order, the \
            strongest first within one; each row has the line of its evidence in the file (for \
            HTML, the line of the source) and the shortest sentence span holding it, at most \
            200 characters ("…" where cut; a sentence runs over single line breaks). \
            --min-confidence (default 0.5, the cross-validated decision point) is the cut-off; \
            --all lists every technique with any signal, those under the cut-off with their \
            confidence in parentheses (JSON: "below_threshold": true; CSV: below_threshold).

            Formats: table; json (every evidence with its line and Unicode character offsets, \
            "by_tactic"); csv (a header row, RFC 4180, cells a spreadsheet could run as \
            formulas prefixed with '); layer (a Navigator layer: score = confidence, comment = \
            best quote); stix (a STIX 2.1 bundle: a report whose object_refs are the \
            techniques' attack-patterns of the loaded release and the groups, software and \
            campaigns named, those objects included, ids derived from the report text so the \
            same report gives the same bundle; name from --name or the file name, published \
            from --published or the release's date; provenance in x_ttpkit_provenance). The \
            layer and the bundle hold the techniques at or above the cut-off, even with --all.

            Examples:
              ttpkit extract report.html
              ttpkit extract notes.md --format json --min-confidence 0.7
              ttpkit extract report.txt --all           # under the cut-off too, marked
              ttpkit extract report.txt --format csv -o findings.csv
              ttpkit extract report.html --format stix -o report.stix.json
              ttpkit extract r.html -f stix --name "APT report" --published 2024-05-01
              cat report.txt | ttpkit extract - --format layer -o report-layer.json
              ttpkit extract report.txt --no-learned        # exact mentions only
              ttpkit extract report.txt --training-reports my-annotations.json
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, csv, layer, stix }

    @Argument(help: "The report file, or - for standard input.") var file: String
    @Option(name: [.customLong("format"), .customShort("f")], help: "table, json, csv, layer or stix.") var format: Format = .table
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the answer here (atomically; - is standard output).", valueName: "file")) var output: String?
    @Flag(name: .long, help: "Treat the input as HTML even without an .html name or HTML opening.") var html = false
    @Option(name: .customLong("min-confidence"), help: ArgumentHelp("Report techniques with at least this confidence (0–1).", valueName: "p"))
    var minConfidence: Double = 0.5
    @Flag(name: .long, help: "List every technique with any signal, those under --min-confidence marked.") var all = false
    @Option(name: .long, help: ArgumentHelp("The report's name in a STIX bundle (default: the file name).", valueName: "name"))
    var name: String?
    @Option(name: .long, help: ArgumentHelp("The report's publication date in a STIX bundle (YYYY-MM-DD or an RFC 3339 UTC time; default: the release's date).", valueName: "date"))
    var published: String?
    @Flag(name: .long, help: "Train the classifier again even if a cached model exists.") var retrain = false
    @Flag(name: .customLong("no-learned"), help: "Exact ID, name and alias mentions only (no classifier).") var noLearned = false
    @Option(name: [.customLong("training-reports"), .customLong("extra-training")], help: ArgumentHelp(
        "Annotated reports (TRAM JSON: labels, reports with text and technique spans) to learn from instead of the data folder's corpora (repeatable).",
        valueName: "file"))
    var trainingReports: [String] = []
    @Flag(name: .customLong("release-only"), help: "Train on the release's own text only (no annotated reports, even if imported).")
    var releaseOnly = false
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard minConfidence >= 0, minConfidence <= 1 else { throw ValidationError("--min-confidence must be between 0 and 1") }
        guard !(releaseOnly && !trainingReports.isEmpty) else { throw ValidationError("--release-only and --training-reports exclude each other") }
        guard published.map({ ExtractionSTIX.timestamp($0) != nil }) ?? true else {
            throw ValidationError("--published must be a date (YYYY-MM-DD) or an RFC 3339 UTC time (2024-05-01T12:00:00Z)")
        }
        guard format == .stix || (name == nil && published == nil) else { throw ValidationError("--name and --published go with --format stix") }
    }

    func run() throws {
        let name = file == "-" ? "standard input" : file
        let report = try readReport(name: name)
        let kb = try dataOptions.knowledgeBase()
        let model = noLearned ? nil : try model(kb: kb)
        let answer = ExtractionAnswer(report: report, knowledgeBase: kb, model: model,
                                      options: .init(minConfidence: minConfidence, releaseOnly: releaseOnly, all: all))
        try write(Questions.extraction(answer, in: kb), kb: kb, name: name)
    }

    /// The largest report read (64 MiB of text is far more than any published report).
    static let reportLimit = 64 << 20

    func readReport(name: String) throws -> ReportText {
        let data: Data
        if file == "-" {
            data = CommandContext.current.input()
            guard data.count <= Self.reportLimit else {
                throw CLIError("standard input: the report goes on past the \(Self.reportLimit >> 20) MiB limit for a report")
            }
        } else {
            do { data = try FileBytes.read(path: file, limit: Self.reportLimit) } catch { throw CLIError("\(error)") }
        }
        let lower = file.lowercased()
        let report = ReportText(Array(data), isHTML: html || lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? true : nil)
        guard !report.isBlank else { throw CLIError("\(name): the report is empty (no text to search)") }
        return report
    }

    /// The model for this release and the annotated reports chosen, cached or trained now.
    func model(kb: KnowledgeBase) throws -> ExtractionModel {
        let training = releaseOnly ? [] : try CorpusFiles.trainingReports(trainingReports)
        let folder = CacheDirectory.resolve(environment: CommandContext.current.environment)
        let start = Date()
        let model = ExtractionModel.load(knowledgeBase: kb, training: training, cache: TechniqueModelCache(directory: folder.url), retrain: retrain)
        if let note = model.note { Terminal.standardError.write("ttpkit: note: \(note)\n") }
        for c in model.contributions where c.isEmpty {
            Terminal.standardError.write("ttpkit: note: \(c.file.name): none of its labels is a technique of \(kb.title); not learned from\n")
        }
        if model.trained {
            let from = model.contributions.filter { !$0.isEmpty }.map { c in
                " and \(c.passages) annotated passages (and \(c.sentences) longer sentences holding them; \(c.background) other sentences as background) from \(c.file.name)"
            }.joined()
            let where_ = model.stored ? "cached in \(folder.displayPath)" : "not cached (cache folder not writable)"
            Terminal.standardError.write(String(format: "ttpkit: note: trained the technique classifier %@ on %@%@ in %.1f s; %@\n",
                                                model.provenance.id, kb.title, from, Date().timeIntervalSince(start), where_))
        }
        return model
    }

    func write(_ answer: Answer<ExtractionAnswer>, kb: KnowledgeBase, name: String) throws {
        let value = answer.value
        switch format {
        case .table, .json, .csv:
            if value.extraction.hits.isEmpty && value.triaged.isEmpty && format == .table {
                Terminal.standardError.write("ttpkit: note: \(name): no ATT&CK objects found\n")
            }
            if all, format == .table, value.triaged.contains(where: \.belowThreshold) {
                Terminal.standardError.write("ttpkit: note: --all: a confidence in parentheses is under the \(minConfidence) cut-off\n")
            }
            let table = value.table()
            var output = CommandOutput(answer, csv: value.csvTable()) { table.text(width: Terminal.standardOutput.tableWidth) }
            output.formulaSafeCSV = true
            try output.write(format == .json ? .json : format == .csv ? .csv : .table, to: self.output)
        case .layer:
            for warning in answer.warnings { Terminal.standardError.write("ttpkit: warning: \(warning)\n") }
            for note in answer.notes { Terminal.standardError.write("ttpkit: note: \(note)\n") }
            guard !value.findings.isEmpty else { throw CLIError("\(name): no techniques found; no layer written") }
            let generated: GeneratedLayer
            do { generated = try value.layer(report: name, knowledgeBase: kb) } catch { throw CLIError("\(error)") }
            for note in generated.notes { Terminal.standardError.write("ttpkit: note: \(note)\n") }
            try OutputTarget.write([generated.layer], to: output)
        case .stix:
            for warning in answer.warnings { Terminal.standardError.write("ttpkit: warning: \(warning)\n") }
            for note in answer.notes { Terminal.standardError.write("ttpkit: note: \(note)\n") }
            let title = self.name ?? (file == "-" ? "standard input" : (file as NSString).lastPathComponent)
            let bundle: JSONValue
            do {
                bundle = try ExtractionSTIX.bundle(value, name: title, knowledgeBase: kb, published: published.flatMap(ExtractionSTIX.timestamp))
            } catch { throw CLIError("\(name): \(error)") }
            try OutputTarget.write(bundle.serialized(pretty: true) + "\n", to: output)
        }
    }
}
