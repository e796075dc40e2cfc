import ATTACK
import ArgumentParser
import Coverage

/// `--coverage FILE`: a coverage file from `ttpkit coverage --format json`, or a coverage layer.
struct CoverageFileOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "The coverage: JSON from `ttpkit coverage --format json`, or a coverage layer from `--format layer`.",
        valueName: "file"))
    var coverage: String

    /// Reads the file against `kb`, printing its notes on stderr; bad files are exit 2.
    func read(knowledgeBase kb: KnowledgeBase) throws -> CoverageRecord {
        let record: CoverageRecord
        do {
            record = try CoverageFile.read(path: coverage, knowledgeBase: kb)
        } catch {
            throw CLIError(error.description)
        }
        for note in record.notes { Terminal.standardError.write("ttpkit: note: \(note)\n") }
        return record
    }
}
