import Output
import Answers
import ATTACK
import ArgumentParser
import STIX

/// `ttpkit group NAME`: a threat group's profile.
struct GroupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "group",
        abstract: "Show a group: aliases, campaigns, software and techniques by tactic with procedures.",
        discussion: """
            Techniques are the group's own plus those of campaigns attributed to it (MITRE's \
            definition); --via-software adds the techniques of its software. Each technique says \
            how it was reached: direct, campaign C0024 or software S0154.

            Examples:
              ttpkit group APT29
              ttpkit group "cozy bear" --full
              ttpkit group G0016 --format json
            """)

    @Argument(help: "Group name, alias, ATT&CK ID (G0016) or STIX id.")
    var name: String

    @Flag(name: .customLong("via-software"), help: "Also include techniques used by the group's software.")
    var viaSoftware = false

    @Flag(name: .customLong("no-campaigns"), help: "Leave out techniques and software inherited from attributed campaigns.")
    var noCampaigns = false

    @Flag(help: "Show every procedure example in full with its references.")
    var full = false

    @OptionGroup var lookup: LookupOptions

    func run() throws {
        let (kb, group, note) = try lookup.resolve(name, kind: .group)
        let answer = Questions.group(Resolution(object: group, note: note), viaCampaigns: !noCampaigns, viaSoftware: viaSoftware,
                                     including: lookup.inclusion, in: kb)
        let profile = answer.value
        let (campaigns, software, techniques) = (profile.campaigns, profile.software, profile.techniques)

        let csv = Table(
            columns: ["id", "name", "tactics", "via", "procedure"],
            rows: techniques.map { t in
                [t.object.attackID, t.object.name, t.object.tacticShortnames.joined(separator: ";"),
                 t.vias.map(\.description).joined(separator: ";"),
                 Citation.stripped(t.paths.first?.relationship.description ?? "")]
            })
        CommandOutput(answer, csv: csv) {
            var b = TextBlocks()
            b.title(group, kb: kb)
            if let note = note { b.line(b.terminal.yellow("note: \(note)")) }
            b.field("Aliases", group.aliases.filter { $0 != group.name }.joined(separator: ", "))
            b.out += "\n"
            b.paragraph(full ? group.description : TextBlocks.truncate(Citation.stripped(group.description), 600))
            if !campaigns.isEmpty {
                b.section("Campaigns (\(campaigns.count))")
                for c in campaigns {
                    let dates = [c.object.firstSeen, c.object.lastSeen].compactMap { $0.map { String($0.prefix(7)) } }.joined(separator: " – ")
                    b.line("  \(c.object.attackID)  \(c.object.name)" + (dates.isEmpty ? "" : b.terminal.dim("  \(dates)")))
                }
            }
            if !software.isEmpty {
                b.section("Software (\(software.count))")
                for s in software {
                    b.related(s, detail: s.object.stix.type)
                }
            }
            b.section("Techniques (\(techniques.count)) by tactic")
            var references: [Citation] = []
            TechniqueListing.byTactic(techniques, kb: kb, into: &b, full: full, references: &references)
            if full && !references.isEmpty {
                b.section("References")
                for (i, r) in references.enumerated() {
                    b.line("  [\(i + 1)] \(r.description ?? r.sourceName)" + (r.url.map { " " + b.terminal.dim($0) } ?? ""))
                }
            }
            return b.out
        }.print(lookup.format)
    }
}

/// Prints techniques grouped under their tactics in matrix order, with procedure examples.
enum TechniqueListing {
    static func byTactic(_ techniques: [Related], kb: KnowledgeBase, into b: inout TextBlocks, full: Bool, references: inout [Citation]) {
        for (tactic, listed) in kb.byTactic(techniques) {
            b.line("  " + b.terminal.cyan(tactic?.nameWithID ?? "No tactic"))
            for t in listed { entry(t, into: &b, full: full, references: &references) }
        }
    }

    private static func entry(_ t: Related, into b: inout TextBlocks, full: Bool, references: inout [Citation]) {
        let via = t.vias.map(\.description).joined(separator: ", ")
        b.line("    \(t.object.attackID.padding(toLength: 10, withPad: " ", startingAt: 0))\(t.object.name)" + (via.isEmpty ? "" : b.terminal.dim("  [\(via)]")))
        let procedures = t.paths.filter { !$0.relationship.description.isEmpty }
        if full {
            for p in procedures {
                var marks: [String] = []
                for c in p.relationship.citations {
                    if let i = references.firstIndex(of: c) { marks.append("[\(i + 1)]") } else {
                        references.append(c)
                        marks.append("[\(references.count)]")
                    }
                }
                let text = Citation.stripped(p.relationship.description) + (marks.isEmpty ? "" : " " + marks.joined())
                b.paragraph((p.via == .direct ? "" : "(\(p.via)) ") + text, indent: 16)
            }
        } else if let first = procedures.first {
            b.line(b.terminal.dim("              " + TextBlocks.truncate(TextBlocks.readable(first.relationship.description), max(40, b.terminal.width - 16))))
        }
    }
}
