import Output
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
            Techniques and software are weighted by rarity (inverse frequency over the groups); a \
            sub-technique gives partial credit to its parent, and software gives partial credit \
            to the techniques it is known to use. Group profiles are MITRE's: own techniques plus \
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
        var observed = SimilarityCorpus.Evidence()
        if let techniques {
            let (ids, fromFile) = try ObservedInput.techniqueIDs(techniques)
            for id in ids {
                switch ObservedInput.technique(id, in: kb) {
                case .found(let t, let note):
                    if let note { Terminal.standardError.write("ttpkit: note: \(note)\n") }
                    observed.techniques.insert(t.index)
                case .skipped(let why):
                    Terminal.standardError.write("ttpkit: warning: \(fromFile ? techniques + ": " : "")skipped \(id): \(why)\n")
                }
            }
        }
        for name in (software ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            do {
                observed.software.insert(try kb.resolve(name, kind: .software).object.index)
            } catch {
                Terminal.standardError.write("ttpkit: warning: skipped software \(name): \(error.description)\n")
            }
        }
        guard !observed.techniques.isEmpty || !observed.software.isEmpty else {
            throw CLIError("nothing observed: none of the techniques or software given is in \(kb.title)")
        }
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb), candidates: campaigns ? .groupsAndCampaigns : .groups)
        let matches = index.rank(observed, top: top, expected: expected).filter { $0.score > 0 }
        if output.format == .table {
            Terminal.standardError.write("ttpkit: note: this is a lead, not attribution — groups share tools and tradecraft, and ATT&CK holds only what was published\n")
        }
        let counts = (observed.techniques.count, observed.software.count)
        CommandOutput(table: table(matches, observed: counts), json: .array(matches.enumerated().map { $0.element.json(rank: $0.offset + 1, observedTechniques: counts.0, observedSoftware: counts.1) })).print(output.format)
        if output.format == .table, !matches.isEmpty {
            Terminal.standardError.write("ttpkit: note: score = rarity-weighted cosine × the share of what was observed that the group explains; exact = observed techniques the group uses, partial = only its parent or a sibling\n")
        }
    }

    func table(_ matches: [SimilarityMatch], observed: (techniques: Int, software: Int)) -> Table {
        Table(columns: ["rank", "id", "name", "score", "explains", "exact", "partial", "software", "expected next"], rows: matches.enumerated().map { i, m in
            [String(i + 1), m.object.attackID, m.object.name, String(format: "%.3f", m.score), String(format: "%.0f%%", m.completeness * 100),
             "\(m.sharedTechniques.count)/\(observed.techniques)" + (m.sharedTechniques.isEmpty ? "" : " " + m.sharedTechniques.map(\.attackID).joined(separator: ",")),
             m.partialTechniques.map(\.attackID).joined(separator: ","),
             m.sharedSoftware.map(\.name).joined(separator: ","),
             m.expectedNext.map(\.technique.attackID).joined(separator: ",")]
        })
    }
}
