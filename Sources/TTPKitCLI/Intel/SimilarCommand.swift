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
                do {
                    let r = try kb.resolve(id, kind: .technique)
                    if let note = r.note { Terminal.standardError.write("ttpkit: note: \(note)\n") }
                    observed.techniques.insert(r.object.index)
                } catch {
                    guard fromFile else { throw CLIError.lookup(error) }
                    Terminal.standardError.write("ttpkit: note: \(techniques): skipped \(id): \(error.description)\n")
                }
            }
        }
        for name in (software ?? "").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !name.isEmpty {
            observed.software.insert(try Lookup.resolve(name, kind: .software, in: kb, dataOptions).object.index)
        }
        guard !observed.techniques.isEmpty || !observed.software.isEmpty else {
            throw CLIError("nothing observed: \(techniques ?? "the input") holds no technique IDs of \(kb.title)")
        }
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb), candidates: campaigns ? .groupsAndCampaigns : .groups)
        let matches = index.rank(observed, top: top, expected: expected).filter { $0.score > 0 }
        if output.format == .table {
            Terminal.standardError.write("ttpkit: note: this is a lead, not attribution — groups share tools and tradecraft, and ATT&CK holds only what was published\n")
        }
        let counts = (observed.techniques.count, observed.software.count)
        CommandOutput(table: table(matches, observed: counts), json: .array(matches.enumerated().map { json($0.element, rank: $0.offset + 1, observed: counts) })).print(output.format)
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

    func json(_ m: SimilarityMatch, rank: Int, observed: (techniques: Int, software: Int)) -> JSONValue {
        var j = JSONObject([("rank", .number(Double(rank))), ("id", .string(m.object.attackID)), ("name", .string(m.object.name))])
        j["type"] = .string(m.object.kind.rawValue)
        j["score"] = .number((m.score * 10000).rounded() / 10000)
        j["cosine"] = .number((m.cosine * 10000).rounded() / 10000)
        j["shared"] = .array(m.sharedTechniques.map(ObjectJSON.ref))
        j["partial"] = .array(m.partialTechniques.map(ObjectJSON.ref))
        j["shared_software"] = .array(m.sharedSoftware.map(ObjectJSON.ref))
        j["expected_next"] = .array(m.expectedNext.map { e in
            .object(JSONObject([("id", .string(e.technique.attackID)), ("name", .string(e.technique.name)), ("weight", .number((e.weight * 1000).rounded() / 1000))]))
        })
        j["profile"] = .object(JSONObject([("techniques", .number(Double(m.profileTechniqueCount))), ("software", .number(Double(m.profileSoftwareCount)))]))
        j["completeness"] = .number((m.completeness * 10000).rounded() / 10000)
        j["explanation"] = .string(m.explanation(observedTechniques: observed.techniques, observedSoftware: observed.software))
        return .object(j)
    }
}
