import ATTACK
import ArgumentParser
import Foundation
import Navigator

/// Options every layer generator takes.
struct GenerateOptions: ParsableArguments {
    @Option(help: "Score of every annotated technique (default 1; overlaps: the group count).") var score: Double?
    @Option(help: "Colour of every annotated technique, e.g. #e60d0d (default: by score through the gradient).") var color: String?
    @Option(help: "Layer name (default: from the subject).") var name: String?
    @Option(help: "Layer description.") var description: String?
    @Option(help: "Keep techniques of this platform only (repeatable; names as the release spells them).") var platform: [String] = []
    @Option(help: "Annotate techniques under this tactic only (shortname or name).") var tactic: String?
    @Option(name: .shortAndLong, help: ArgumentHelp("Write the layer here (atomically) instead of standard output.", valueName: "file"))
    var output: String?

    func generatorOptions(viaSoftware: Bool = false, viaCampaigns: Bool = true) -> GeneratorOptions {
        GeneratorOptions(
            score: score, color: color, name: name, description: description,
            platforms: platform.isEmpty ? nil : platform, tactic: tactic, viaSoftware: viaSoftware, viaCampaigns: viaCampaigns)
    }

    /// Prints notes, then writes or prints the layer.
    func emit(_ generate: () throws(GeneratorError) -> GeneratedLayer, message: (GeneratorError) -> String = \.description) throws {
        let generated: GeneratedLayer
        do {
            generated = try generate()
        } catch {
            throw CLIError(message(error))
        }
        for note in generated.notes {
            Terminal.standardError.write(note.hasPrefix("warning: ") ? "ttpkit: \(note)\n" : "ttpkit: note: \(note)\n")
        }
        try OutputTarget.write([generated.layer], to: output)
    }
}

