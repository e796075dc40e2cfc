import ArgumentParser
import Foundation
import Output
import Reports

/// Where a report goes and in which format: `-o FILE` picks the format by its extension
/// (.html, .md, .json where allowed); `--format` overrides it and is needed with `-o -`
/// (standard output), like every other command's `-o`.
struct ReportOutputOptions: ParsableArguments {
    @Option(name: .shortAndLong, help: ArgumentHelp("The report file (.html, .md, or .json where allowed); - is standard output (with --format).", valueName: "file"))
    var output: String
    @Option(name: .customLong("format"), help: ArgumentHelp("html, md or json (default: from the -o extension; needed with -o -).", valueName: "format"))
    var format: String?

    /// A document format, or the report's JSON.
    enum Kind: Equatable {
        case document(ReportFormat)
        case json
    }

    /// The format asked for; `allowJSON` says whether the report has a JSON form.
    func kind(allowJSON: Bool) throws -> Kind {
        let name = (format ?? (output as NSString).pathExtension).lowercased()
        if name == "json", allowJSON { return .json }
        if let document = ReportFormat(fileExtension: name) { return .document(document) }
        let expected = allowJSON ? ".html, .md or .json" : ".html or .md"
        if format == nil, OutputFile.standardStream(output) != nil {
            throw ValidationError("-o \(output) is standard output: give --format (\(expected.replacingOccurrences(of: ".", with: "")))")
        }
        throw ValidationError("the report is written as \(expected); '\(format ?? output)' is none of these")
    }

    /// The file name of a Markdown report's heatmap, written beside the report; nil for other
    /// formats and for standard output (the figure is then left out of the Markdown).
    func heatmapName(_ kind: Kind) -> String? {
        guard kind == .document(.markdown), OutputFile.standardStream(output) == nil else { return nil }
        return URL(fileURLWithPath: output).deletingPathExtension().lastPathComponent + "-heatmap.svg"
    }

    /// Where a figure named `name` is written: beside the report.
    func besideReport(_ name: String) -> String {
        URL(fileURLWithPath: output).deletingLastPathComponent().appendingPathComponent(name).path
    }
}
