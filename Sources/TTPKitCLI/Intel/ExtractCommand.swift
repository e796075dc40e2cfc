import Output
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
              id       an ATT&CK ID (T1059.001; revoked IDs mapped forward; an ID newer than the \
            release is a warning, and a new sub-technique counts as its parent)
              name     a technique name ("Parent: Sub" for sub-techniques), any case
              alias    an alias
              learned  a classifier trained on the loaded release itself (procedure examples, \
            technique descriptions, detection analytics, names), scoring every sentence \
            (a short line such as a heading or table cell counts as weaker evidence)

            The classifier is trained on first use (a few seconds) and cached in ttpkit's cache \
            folder, keyed by its training text; --retrain forces training. Annotated reports \
            (TRAM format) add their passages, and the sentences holding them, to the training text: --extra-training FILE, else \
            $TTPKIT_TRAINING_REPORTS, else corpora/tram/reports-dev.json in the shared data folder \
            ($TTPKIT_SHARED or ../shared) when it is there; --release-only trains on the release \
            alone. Defanged \
            indicators, URLs, hashes and code blocks are ignored. A learned sub-technique names \
            its parent as implied. Groups, software, campaigns and tactics are found by ID, name \
            and alias. --min-confidence (default 0.5, the cross-validated decision point) filters.

            --format layer writes the techniques as a Navigator layer (score = confidence, \
            comment = best sentence).

            Examples:
              ttpkit extract report.html
              ttpkit extract notes.md --format json --min-confidence 0.7
              cat report.txt | ttpkit extract - --format layer -o report-layer.json
              ttpkit extract report.txt --no-learned        # exact mentions only
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, layer }

    @Argument(help: "The report file, or - for standard input.") var file: String
    @Option(name: [.customLong("format"), .customShort("f")], help: "table, json or layer.") var format: Format = .table
    @Option(name: .shortAndLong, help: ArgumentHelp("With --format layer: write the layer here (atomically).", valueName: "file")) var output: String?
    @Flag(name: .long, help: "Treat the input as HTML even without an .html name or HTML opening.") var html = false
    @Option(name: .customLong("min-confidence"), help: ArgumentHelp("Report techniques with at least this confidence (0–1).", valueName: "p"))
    var minConfidence: Double = 0.5
    @Flag(name: .long, help: "Train the classifier again even if a cached model exists.") var retrain = false
    @Flag(name: .customLong("no-learned"), help: "Exact ID, name and alias mentions only (no classifier).") var noLearned = false
    @Option(name: .customLong("extra-training"), help: ArgumentHelp(
        "Annotated reports (TRAM JSON: labels, reports with text and technique spans) whose passages are added to the training text.",
        valueName: "file"))
    var extraTraining: String?
    @Flag(name: .customLong("release-only"), help: "Train on the release's own text only (no annotated reports, even if found).")
    var releaseOnly = false
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        guard minConfidence >= 0, minConfidence <= 1 else { throw ValidationError("--min-confidence must be between 0 and 1") }
        guard !(releaseOnly && extraTraining != nil) else { throw ValidationError("--release-only and --extra-training exclude each other") }
    }

    func run() throws {
        let name = file == "-" ? "standard input" : file
        let report = try readReport(name: name)
        let kb = try dataOptions.knowledgeBase()
        let extractor = ReportExtractor(kb: kb)
        let findings: [TechniqueFinding]
        let extraction: ExtractionResult
        if noLearned {
            extraction = extractor.extract(report)
            findings = []
        } else {
            let model = try model(kb: kb)
            (findings, extraction) = TechniqueClassifier(model: model, extractor: extractor).classify(report)
        }
        for h in extraction.hits { if let note = h.note { Terminal.standardError.write("ttpkit: note: \(note)\n") } }
        for u in extraction.unknownIDs { Terminal.standardError.write("ttpkit: warning: \(u.id) is not in \(kb.title) (newer release? `ttpkit data update`); skipped\n") }
        let kept = noLearned
            ? extraction.exactFindings
            : findings.filter { $0.confidence >= minConfidence }
        try write(kept, extraction, kb: kb, name: name)
    }

    func readReport(name: String) throws -> ReportText {
        let data: Data
        if file == "-" {
            data = CommandContext.current.input()
        } else {
            do {
                data = try Data(contentsOf: URL(fileURLWithPath: file))
            } catch {
                throw CLIError("\(file): cannot read: \(error.localizedDescription)")
            }
        }
        let lower = file.lowercased()
        let report = ReportText(Array(data), isHTML: html || lower.hasSuffix(".html") || lower.hasSuffix(".htm") ? true : nil)
        guard !report.isBlank else { throw CLIError("\(name): the report is empty (no text to search)") }
        return report
    }

    /// The cached model for this release (and extra training text), trained when needed.
    func model(kb: KnowledgeBase) throws -> TechniqueModel {
        var corpus = TrainingCorpus(kb: kb)
        var from = ""
        if !releaseOnly, let (annotated, path) = try SharedCorpus.annotatedReports(extraTraining) {
            let added = corpus.add(annotated)
            from = " and \(added.passages) annotated passages (and \(added.sentences) longer sentences holding them; \(added.background) other sentences as background) from \(path)"
        }
        let folder = CacheDirectory.resolve(environment: CommandContext.current.environment)
        let cache = TechniqueModelCache(directory: folder.url)
        let start = Date()
        let (model, trained, stored, note) = cache.model(for: corpus, retrain: retrain)
        if let note { Terminal.standardError.write("ttpkit: note: \(note)\n") }
        if trained {
            let where_ = stored ? "cached in \(folder.displayPath)" : "not cached (cache folder not writable)"
            Terminal.standardError.write(String(format: "ttpkit: note: trained the technique classifier on %@%@ in %.1f s; %@\n",
                                                kb.title, from, Date().timeIntervalSince(start), where_))
        }
        return model
    }

    func write(_ findings: [TechniqueFinding], _ extraction: ExtractionResult, kb: KnowledgeBase, name: String) throws {
        let hitsByObject = Dictionary(extraction.byObject.map { ($0.object.index, $0.hits) }, uniquingKeysWith: { a, _ in a })
        let others = extraction.byObject.filter { $0.object.kind != .technique }
        switch format {
        case .table, .json:
            var rows: [[String]] = []
            for f in findings {
                let t = f.technique
                let sentence = f.evidence.first?.sentence ?? hitsByObject[t.index]?.first?.sentence ?? ""
                rows.append([t.attackID, t.name, "technique", String(format: "%.2f", f.confidence), f.methods.map(\.rawValue).joined(separator: ","),
                             (f.impliedParent.map { "(implies \($0.attackID)) " } ?? "") + sentence])
            }
            for (o, hits) in others {
                rows.append([o.attackID, o.name, o.kind.rawValue, "", Set(hits.map(\.via.rawValue)).sorted().joined(separator: ","), hits[0].sentence])
            }
            if rows.isEmpty && format == .table { Terminal.standardError.write("ttpkit: note: \(name): no ATT&CK objects found\n") }
            let table = Table(columns: ["id", "name", "kind", "confidence", "via", "sentence"], rows: rows)
            CommandOutput(table: table, json: ExtractionJSON.value(findings: findings, extraction: extraction)).print(format == .json ? .json : .table)
        case .layer:
            guard !findings.isEmpty else { throw CLIError("\(name): no techniques found; no layer written") }
            let generated: GeneratedLayer
            do { generated = try TechniqueFinding.layer(findings, report: name, knowledgeBase: kb) } catch { throw CLIError("\(error)") }
            for note in generated.notes { Terminal.standardError.write("ttpkit: note: \(note)\n") }
            try LayerOutput.write([generated.layer], to: output)
        }
    }
}
