import Output
import Answers
import ATTACK
import ArgumentParser
import Foundation
import Intel
import STIX

/// `ttpkit similar`: which groups (or campaigns) look most like what was observed.
struct SimilarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "similar",
        abstract: "Rank groups by resemblance to observed techniques and software (a lead, not attribution).",
        discussion: """
            Each group is scored by how likely its profile makes the observation: a shared technique \
            or software counts more the rarer it is across the groups' profiles; a sub-technique \
            gives partial credit to its parent, and software gives partial credit to the \
            techniques it is known to use. The why column names the shared techniques \
            and software that give most of each score (JSON: evidence, with their weights). Group profiles are MITRE's: own techniques plus \
            those of attributed campaigns. Each match lists the shared techniques and software and \
            the group's most characteristic techniques not observed (what to hunt for next).

            --techniques takes a Navigator layer, a text file (every T#### ID in it is read) or a \
            comma-separated list. Revoked IDs are followed to their replacement with a note.

            Examples:
              ttpkit similar --techniques T1059.001,T1003.006,T1566.002 --software Mimikatz
              ttpkit similar --techniques incident-layer.json --top 5 --format json
              ttpkit similar --techniques notes.txt --campaigns
            """)

    @Option(name: .long, help: ArgumentHelp("A layer, a text file of technique IDs, or IDs separated by commas.", valueName: "file|IDs"))
    var techniques: String?
    @Option(name: .long, help: ArgumentHelp("Software seen: IDs or names, separated by commas.", valueName: "IDs-or-names"))
    var software: String?
    @Flag(name: .long, help: "Rank campaigns alongside groups.") var campaigns = false
    @Option(name: .long, help: "How many matches to show.") var top = 10
    @Option(name: .long, help: "How many expected-next techniques per match.") var expected = 5
    @OptionGroup var dataOptions: DataOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if techniques == nil && software == nil { throw ValidationError("give --techniques, --software or both") }
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let kb = try dataOptions.knowledgeBase()
        let observed = ObservedInput(
            techniques: try techniques.map(ObservedFile.techniqueIDs) ?? [], software: ObservedInput.names(software ?? ""))
        let answer = try CLIError.answering { () throws(QuestionError) in
            try Questions.similar(observed, top: top, expected: expected, campaigns: campaigns, in: kb)
        }
        let matches = answer.value.matches
        if output.format == .table {
            Terminal.standardError.write("ttpkit: note: this is a lead, not attribution — groups share tools and tradecraft, and ATT&CK holds only what was published\n")
        }
        let counts = (answer.value.observedTechniques, answer.value.observedSoftware)
        CommandOutput(answer, table: table(matches, observed: counts)).print(output.format)
        if output.format == .table, !matches.isEmpty {
            Terminal.standardError.write("ttpkit: note: score = how likely the group's profile makes the observation (rare shared techniques and software count most) × the share of what was observed that the group explains; why = the shared techniques and software that give most of the score (share of it; ~ = parent or implied, not exact; all in --format json's evidence); exact = observed techniques the group uses, partial = only its parent or a sibling\n")
        }
    }

    func table(_ matches: [SimilarityMatch], observed: (techniques: Int, software: Int)) -> Table {
        Table(columns: ["rank", "id", "name", "score", "why", "explains", "exact", "partial", "software", "expected next"], rows: matches.enumerated().map { i, m in
            [String(i + 1), m.object.attackID, m.object.name, String(format: "%.3f", m.score), m.why(), String(format: "%.0f%%", m.completeness * 100),
             "\(m.sharedTechniques.count)/\(observed.techniques)" + (m.sharedTechniques.isEmpty ? "" : " " + m.sharedTechniques.map(\.attackID).joined(separator: ",")),
             m.partialTechniques.map(\.attackID).joined(separator: ","),
             m.sharedSoftware.map(\.name).joined(separator: ","),
             m.expectedNext.map(\.technique.attackID).joined(separator: ",")]
        })
    }
}
