import Output
import ArgumentParser
import Foundation
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
        switch format {
        case .table: Terminal.standardOutput.write(terminated(table()))
        case .json: Terminal.standardOutput.write(json.serialized(pretty: true) + "\n")
        case .csv:
            if let csv {
                Terminal.standardOutput.write(csv.csv())
            } else {
                Terminal.standardOutput.write(json.serialized(pretty: true) + "\n")
                Terminal.standardError.write("ttpkit: note: this answer is not tabular; printed JSON instead of CSV\n")
            }
        }
    }

    private func terminated(_ s: String) -> String { s.hasSuffix("\n") ? s : s + "\n" }
}
