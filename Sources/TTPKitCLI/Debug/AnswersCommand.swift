import ATTACK
import ArgumentParser

/// `ttpkit debug answers`: every query's answer over the whole bundle as ATT&CK IDs, in the
/// schema of `tools/crosscheck/attack_answers.py`, so the two can be compared.
struct AnswersCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "answers",
        abstract: "Print every query's answer as sorted ATT&CK IDs (for the mitreattack-python cross-check).")

    @OptionGroup var dataOptions: DataOptions

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        Terminal.standardOutput.write(CrossCheckAnswers.make(kb).serialized(pretty: true) + "\n")
    }
}
