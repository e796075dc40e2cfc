import Answers
import ATTACK
import ArgumentParser
import Foundation
import Output
import STIX

/// How a command prints its answer.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

/// `--format` for commands that print records.
struct OutputOptions: ParsableArguments {
    @Option(name: [.customLong("format"), .customShort("f")], help: "Output format: table, json or csv.")
    var format: OutputFormat = .table
}

/// An answer that can be printed in each format: a table (or text) for people, JSON and CSV
/// for machines.
struct CommandOutput {
    var json: JSONValue
    var table: () -> String
    var csv: Table?
    /// Notes and warnings printed on standard error before the answer (they are in its JSON too).
    var notes: [String] = []
    var warnings: [String] = []
    /// What the answer was computed from: the last line of the table.
    var provenance: Provenance?
    /// CSV cells of untrusted text a spreadsheet could run as formulas are neutralised
    /// (``Table/csv(formulaSafe:)``).
    var formulaSafeCSV = false

    /// Renders a library ``Answer``: its JSON as it is, a table from its value with the
    /// provenance as the last line, its notes on standard error.
    init<V>(_ answer: Answer<V>, csv: Table? = nil, table: @escaping () -> String) {
        self.init(json: answer.json, csv: csv, table: table)
        notes = answer.notes
        warnings = answer.warnings
        provenance = answer.provenance
    }

    init<V>(_ answer: Answer<V>, table: Table) {
        self.init(answer, csv: table) { table.text(width: Terminal.standardOutput.tableWidth) }
    }

    init(json: JSONValue, csv: Table? = nil, table: @escaping () -> String) {
        self.json = json
        self.table = table
        self.csv = csv
    }

    init(table: Table, json: JSONValue) {
        self.json = json
        self.csv = table
        self.table = { table.text(width: Terminal.standardOutput.tableWidth) }
    }

    func print(_ format: OutputFormat) {
        try? write(format, to: nil)
    }

    /// Prints the answer in `format` to standard output, or through ``OutputFile`` to `path`
    /// (`-` is standard output) — the one way every command writes its answer.
    func write(_ format: OutputFormat, to path: String?) throws {
        for warning in warnings { Terminal.standardError.write("ttpkit: warning: \(warning)\n") }
        for note in notes { Terminal.standardError.write("ttpkit: note: \(note)\n") }
        let toFile = path != nil && path.flatMap(OutputFile.standardStream) == nil
        let text: String
        switch format {
        case .table:
            let line = provenance.map { "answered from " + $0.summary } ?? ""
            let footer = line.isEmpty ? "" : "\n" + (toFile ? line : Terminal.standardOutput.dim(line)) + "\n"
            text = terminated(table()) + footer
        case .json: text = json.serialized(pretty: true) + "\n"
        case .csv:
            if let csv {
                text = csv.csv(formulaSafe: formulaSafeCSV)
            } else {
                text = json.serialized(pretty: true) + "\n"
                Terminal.standardError.write("ttpkit: note: this answer is not tabular; printed JSON instead of CSV\n")
            }
        }
        try OutputTarget.write(text, to: path)
    }

    private func terminated(_ s: String) -> String { s.hasSuffix("\n") ? s : s + "\n" }
}
