import ATTACK
import ArgumentParser
import Coverage
import Foundation
import Navigator

/// Reads layer files for commands that take them.
enum LayerInput {
    static func read(_ path: String) throws -> LayerDocument {
        do {
            return try LayerFile.read(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw CLIError(error.description)
        }
    }

    /// A layer file, or a ttpkit coverage file read as its coverage layer (with a note), so
    /// `layer render coverage.json` and `layer combine coverage.json threats.json` work.
    static func read(_ path: String, _ options: DataOptions) throws -> LayerDocument {
        if let data = FileManager.default.contents(atPath: path), (try? CoverageFileKind.of(data, source: path)) == .coverageFile {
            let kb = try options.knowledgeBase()
            do {
                let coverage = try CoverageDocument.read(path: path, knowledgeBase: kb)
                let layer = try coverage.layer(knowledgeBase: kb, name: "Detection coverage (\((path as NSString).lastPathComponent))").layer
                Terminal.standardError.write("ttpkit: note: \(path) is a ttpkit coverage file; read as its coverage layer\n")
                return LayerDocument(source: path, layers: [layer])
            } catch let error as CoverageInputError {
                throw error
            } catch {
                throw CLIError("\(path): \(error)")
            }
        }
        return try read(path)
    }

    /// The knowledge base for the layers' domain: `--domain` when given, else the layers' own.
    static func knowledgeBase(for layers: [Layer], _ options: DataOptions) throws -> KnowledgeBase {
        try knowledgeBase(for: layers, in: try options.library(), options)
    }

    /// The same, from a library already loaded (commands that read several files load it once).
    static func knowledgeBase(for layers: [Layer], in library: AttackLibrary, _ options: DataOptions) throws -> KnowledgeBase {
        let domain = try options.requestedDomain() ?? layers.first?.domain
        do {
            return try library.knowledgeBase(for: domain)
        } catch {
            throw CLIError.load(error)
        }
    }

    static func printUpgrades(_ doc: LayerDocument, file: String) {
        for u in doc.upgrades { Terminal.standardError.write("ttpkit: note: \(file): \(u)\n") }
    }
}

struct LayerValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check layers against the format and the ATT&CK release they name.",
        discussion: """
            One line per finding with the JSON path: unknown or revoked technique IDs (with their \
            replacement), tactics a technique does not belong to, sub-techniques whose parent is \
            missing, scores outside the gradient, malformed colours. Exits 1 when any finding is \
            an error, 2 when a file cannot be read.

            Example:
              ttpkit layer validate apt29.json old-layer.json
            """)
    @Argument(help: "Layer files.") var files: [String]
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        var errors = 0
        var warnings = 0
        var unreadable: [CLIError] = []
        // The release is loaded once for all files; a file that cannot be read is reported and
        // the others are still validated.
        let library = try dataOptions.library()
        for file in files {
            let doc: LayerDocument
            do { doc = try LayerInput.read(file, dataOptions) } catch let error as CLIError {
                Terminal.standardError.write("ttpkit: error: \(error.message)\n")
                unreadable.append(error)
                continue
            }
            LayerInput.printUpgrades(doc, file: file)
            let kb = try LayerInput.knowledgeBase(for: doc.layers, in: library, dataOptions)
            let findings = LayerValidator(kb: kb).validate(doc)
            for f in findings { Terminal.standardOutput.message(f.line(file: file) + "\n") }
            if findings.contains(where: { $0.path.hasSuffix(".techniqueID") && ($0.message.contains(" is revoked; use ") || $0.message.contains(" is deprecated")) }) {
                Terminal.standardError.write("ttpkit: hint: `ttpkit migrate \(file) --to \(kb.attackVersion ?? "<version>") -o NEW.json` replaces revoked IDs and drops deprecated ones\n")
            }
            errors += findings.filter { $0.severity == .error }.count
            warnings += findings.filter { $0.severity == .warning }.count
        }
        Terminal.standardError.write("ttpkit: \(files.count) file(s): \(errors) error(s), \(warnings) warning(s)"
            + (unreadable.isEmpty ? "" : ", \(unreadable.count) unreadable") + "\n")
        if !unreadable.isEmpty { throw CLIError("\(unreadable.count) of \(files.count) layer file(s) could not be read") }
        if errors > 0 { throw CLIError("\(errors) error(s) in \(files.count) layer file(s)", exitCode: .gateFailed) }
    }
}

struct LayerCombineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "combine",
        abstract: "Create a layer from other layers: a score expression, union, intersection or difference.",
        discussion: """
            Layers are the variables a, b, c... in the order given. Expressions take + - * /, \
            comparisons, and/or/not, a ? b : c, min() and max(); a technique a layer does not \
            score counts as 0 and appears only if some layer scored it. Comments and metadata are \
            merged. All layers must be of one domain.

            Examples:
              ttpkit layer combine apt29.json apt28.json --expr "a+b" -o sum.json
              ttpkit layer combine coverage.json threats.json --expr "b > 0 and a == 0" -o gaps.json
              ttpkit layer combine a.json b.json --intersection
            """)
    @Argument(help: "Layer files (a, b, c...).") var files: [String]
    @Option(help: "Score expression over a, b, c...") var expr: String?
    @Flag(help: "Techniques in any layer.") var union = false
    @Flag(help: "Techniques in every layer.") var intersection = false
    @Flag(help: "Techniques in the first layer and in no other.") var difference = false
    @Option(help: "Name of the new layer.") var name: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the layer here instead of standard output.", valueName: "file")) var output: String?
    @OptionGroup var dataOptions: DataOptions

    func validate() throws {
        let chosen = [expr != nil, union, intersection, difference].filter { $0 }.count
        if chosen != 1 { throw ValidationError("choose exactly one of --expr, --union, --intersection, --difference") }
        if files.isEmpty { throw ValidationError("give at least one layer file") }
    }

    func run() throws {
        let docs = try files.map { try LayerInput.read($0, dataOptions) }
        for (doc, file) in zip(docs, files) { LayerInput.printUpgrades(doc, file: file) }
        let layers = docs.flatMap(\.layers)
        let labels = zip(files, docs).flatMap { file, doc in doc.layers.map { _ in (file as NSString).lastPathComponent } }
        let kb = try LayerInput.knowledgeBase(for: layers, dataOptions)
        let operation: LayerOperation = expr.map { .expression($0) } ?? (union ? .union : intersection ? .intersection : .difference)
        let result: GeneratedLayer
        do {
            result = try LayerCombiner.combine(layers, operation, name: name, names: labels, matrix: MatrixIndex(kb))
        } catch {
            throw CLIError(error.description)
        }
        for note in result.notes { Terminal.standardError.write("ttpkit: note: \(note)\n") }
        try OutputTarget.write([result.layer], to: output)
    }
}

struct LayerRenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a layer as SVG, self-contained HTML, XLSX, CSV or Markdown (by the output's extension).",
        discussion: """
            SVG draws the matrix as the Navigator does (tactic columns in matrix order, cells \
            coloured by score); HTML is one file that fits the window (every tactic column visible \
            at 1280 px), with hover details, search, expand-all/collapse-all and keyboard-reachable \
            sub-technique buttons, making no network requests; XLSX has one sheet per layer (ID and \
            name linked to ATT&CK, numeric score, comment as a note) and a legend sheet. Scores are \
            printed where they differ between cells; --scores / --no-scores decide.

            Examples:
              ttpkit layer render apt29.json -o apt29.svg
              ttpkit layer render overlap.json -o overlap.html --only-annotated
              ttpkit layer render coverage.json -o coverage.xlsx --platform Windows
              ttpkit layer render apt29.json -o apt29.html --scores
            """)
    @Argument(help: "The layer file.") var file: String
    @Option(name: .shortAndLong, help: ArgumentHelp("Output file: .svg, .html, .xlsx, .csv or .md.", valueName: "file")) var output: String
    @Option(help: "Show techniques of this platform only (repeatable).") var platform: [String] = []
    @Option(help: "Show this tactic only (repeatable; shortname, name or ID).") var tactic: [String] = []
    @Flag(name: .customLong("only-annotated"), help: "Show annotated techniques only.") var onlyAnnotated = false
    @Option(help: "Sub-techniques to draw: layer, all, annotated or none.") var subtechniques: String = "layer"
    @Option(help: "Title above the matrix (default: the layer name).") var title: String?
    @Flag(inversion: .prefixedNo, help: "Print every cell's score (default: only where scores differ).") var scores: Bool?
    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let ext = (output as NSString).pathExtension
        guard let format = RenderFormat(fileExtension: ext) else {
            throw CLIError(ext.isEmpty
                ? "\(output) has no extension; the format is chosen by it: .svg, .html, .xlsx, .csv or .md"
                : "cannot render to '.\(ext)'; use .svg, .html, .xlsx, .csv or .md")
        }
        guard let subs = RenderOptions.Subtechniques(rawValue: subtechniques.lowercased()) else {
            throw CLIError("--subtechniques must be layer, all, annotated or none")
        }
        let doc = try LayerInput.read(file, dataOptions)
        LayerInput.printUpgrades(doc, file: file)
        let kb = try LayerInput.knowledgeBase(for: doc.layers, dataOptions)
        for layer in doc.layers {
            do { try layer.requireDomain(of: kb, file: file) } catch { throw CLIError(error.description) }
        }
        let options = RenderOptions(
            platforms: platform.isEmpty ? nil : platform, tactics: tactic.isEmpty ? nil : tactic,
            onlyAnnotated: onlyAnnotated, subtechniques: subs, title: title, showScores: scores)
        let data: Data
        do {
            data = try LayerRenderer.render(doc.layers, as: format, matrix: MatrixIndex(kb), options: options)
        } catch {
            throw CLIError("cannot render \(file): \(error)")
        }
        try OutputTarget.write(data, to: output)
    }
}
