import Output
import ATTACK
import ArgumentParser
import Coverage
import Foundation
import Navigator
import STIX

/// `ttpkit coverage diff OLD NEW`: what changed between two coverage results, or how one
/// compares with a baseline.
struct CoverageDiffSubcommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: CoverageDiffOptions.abstract,
        discussion: CoverageDiffOptions.discussion)

    @OptionGroup var options: CoverageDiffOptions

    func run() throws { try options.run() }
}

/// The arguments and work of the coverage diff.
struct CoverageDiffOptions: ParsableArguments {
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json, layer }

    static let abstract = "Compare two coverage results (coverage files or coverage layers), or one with a baseline."
    static let discussion = """
        Gained: not Detected before, Detected now. Lost: the reverse. Improved: Blind → Logged. \
        Worsened: Logged → Blind. Added / removed: only one side lists the technique (the \
        releases differ). --format layer writes a Navigator layer: green gained, red lost.

        With --baseline (a layer such as sigma-cli's, a coverage file, or a rules folder scanned \
        on the loaded release) and one coverage file: techniques the baseline covers and we do \
        not, and the reverse.

        Examples:
          ttpkit coverage diff coverage-main.json coverage-pr.json
          ttpkit coverage diff old.json new.json --format layer -o diff.json
          ttpkit coverage diff coverage.json --baseline ../shared/corpora/sigma/rules
        """

    @Argument(help: "The old coverage file, then the new one (one file with --baseline).")
    var files: [String]
    @Option(name: .long, help: ArgumentHelp("A baseline: a layer, a coverage file or a rules folder.", valueName: "path"))
    var baseline: String?
    @Option(name: [.customLong("format"), .customShort("f")], help: "Output format: table, json or layer.")
    var format: Format = .table
    @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Write to this file (atomically) instead of standard output.", valueName: "file"))
    var output: String?
    @OptionGroup var dataOptions: DataOptions

    /// Checks the number of files here rather than in `validate()`, so the error exits 2 (bad
    /// input) like every other input error, not ArgumentParser's usage code.
    func checkFiles() throws {
        if baseline != nil && files.count != 1 { throw CLIError("with --baseline give one coverage file") }
        if baseline == nil && files.count != 2 { throw CLIError("give two coverage files: OLD NEW (or one with --baseline)") }
    }

    func run() throws {
        try checkFiles()
        if let baseline { return try compare(with: baseline) }
        let kb = try release()
        let old = try CoverageInput.read(files[0], kb: kb)
        let new = try CoverageInput.read(files[1], kb: kb)
        let diff = try CoverageDiff(old: old, new: new)
        switch format {
        case .layer:
            let kb = try kb ?? dataOptions.knowledgeBase()
            let generated: GeneratedLayer
            do { generated = try diff.layer(knowledgeBase: kb) } catch { throw CLIError("\(error)") }
            for note in generated.notes { Terminal.standardError.write("ttpkit: note: \(note)\n") }
            try emit(LayerFile.serialize([generated.layer]) + "\n")
        case .json:
            try emit(diff.jsonValue(tactics: tactics(diff, kb)).serialized(pretty: true) + "\n")
        case .table:
            try emit(Self.table(diff, tactics: tactics(diff, kb)))
        }
    }

    /// The release both sides are lined up with: the loaded one when ATT&CK data is given
    /// (--data or TTPKIT_DATA) or a layer is asked for; otherwise none, and the files are
    /// compared as they list their techniques.
    func release() throws -> KnowledgeBase? {
        guard format == .layer || dataOptions.data != nil || CommandContext.current.environment["TTPKIT_DATA"] != nil else { return nil }
        return try dataOptions.knowledgeBase()
    }

    /// Tactic order: the release's when one is loaded, else as the files list them.
    func tactics(_ diff: CoverageDiff, _ kb: KnowledgeBase?) -> [String] {
        kb.map { $0.orderedTactics().map(\.shortname) } ?? diff.tacticsSeen
    }

    static func table(_ diff: CoverageDiff, tactics: [String]) -> String {
        var out = "Coverage diff: \(diff.oldSource) → \(diff.newSource)\n"
        out += "Detected \(diff.detectedBefore) → \(diff.detectedAfter) of \(diff.techniques) techniques; "
        out += CoverageDiff.Kind.allCases.map { "\($0.rawValue) \(diff.changes($0).count)" }.joined(separator: ", ") + "\n\n"
        let rows = diff.byTactic(tactics).map { row in
            [row.tactic, "\(row.detectedBefore) → \(row.detectedAfter)", "+\(row.count(.gained))", "-\(row.count(.lost))",
             "\(row.count(.improved))", "\(row.count(.worsened))"]
        }
        out += Table(columns: ["tactic", "detected", "gained", "lost", "blind→logged", "logged→blind"], rows: rows).text(width: 120)
        if !diff.changes.isEmpty {
            out += "\n"
            let changes = diff.changes.map { change in
                [change.techniqueID, change.kind.rawValue, "\(change.old?.rawValue ?? "absent") → \(change.new?.rawValue ?? "absent")", change.name]
            }
            out += Table(columns: ["technique", "change", "state", "name"], rows: changes).text(width: Terminal.standardOutput.width)
        }
        return out
    }

    func compare(with baselinePath: String) throws {
        let kb = try dataOptions.knowledgeBase()
        let ours = try CoverageInput.read(files[0], kb: kb)
        let baseline = try Blocking.run { try await Baseline.load(baselinePath, knowledgeBase: kb) }
        let comparison = try BaselineComparison(ours: ours, baseline: baseline)
        func name(_ id: String) -> String { ours.technique(id)?.name ?? kb.objects(attackID: id).first?.name ?? "" }
        switch format {
        case .json, .layer:
            let json: JSONValue = .object(JSONObject([
                ("coverage", .string(files[0])), ("baseline", .string(baselinePath)),
                ("only_baseline", .array(comparison.onlyBaseline.map { .object(JSONObject([("id", .string($0)), ("name", .string(name($0)))])) })),
                ("only_ours", .array(comparison.onlyOurs.map { .object(JSONObject([("id", .string($0)), ("name", .string(name($0)))])) })),
                ("both", .number(Double(comparison.both.count))),
            ]))
            if format == .layer { Terminal.standardError.write("ttpkit: note: --baseline prints JSON; a layer is for OLD NEW diffs\n") }
            try emit(json.serialized(pretty: true) + "\n")
        case .table:
            var out = "Baseline \(baselinePath): \(comparison.onlyBaseline.count) techniques covered by the baseline and not detected by us, "
            out += "\(comparison.onlyOurs.count) detected by us only, \(comparison.both.count) by both\n\n"
            let rows = comparison.onlyBaseline.map { [$0, "baseline only", name($0)] } + comparison.onlyOurs.map { [$0, "ours only", name($0)] }
            out += Table(columns: ["technique", "where", "name"], rows: rows).text(width: Terminal.standardOutput.width)
            try emit(out)
        }
    }

    func emit(_ text: String) throws { try OutputTarget.write(text, to: output) }
}
