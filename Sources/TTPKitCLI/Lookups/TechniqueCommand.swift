import Output
import Answers
import ATTACK
import ArgumentParser
import STIX

/// `ttpkit technique ID`: a technique's profile.
struct TechniqueCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "technique",
        abstract: "Show a technique: tactics, platforms, sub-techniques, mitigations, detection and who uses it.",
        discussion: """
            Detection follows the release's model: detection strategies → analytics → log \
            sources and data components from v18, data components before.

            Examples:
              ttpkit technique T1059.001
              ttpkit technique "os credential dumping" --format json
              ttpkit technique T1086          # revoked: follows to T1059.001 with a note
            """)

    @Argument(help: "Technique ATT&CK ID (T1059.001), name or STIX id.")
    var name: String

    @Flag(help: "Show the full description and every procedure example.")
    var full = false

    @OptionGroup var lookup: LookupOptions

    func run() throws {
        let (kb, t, note) = try lookup.resolve(name, kind: .technique)
        let answer = Questions.technique(Resolution(object: t, note: note), including: lookup.inclusion, in: kb)
        let profile = answer.value
        let (tactics, parent, subs, mitigations) = (profile.tactics, profile.parent, profile.subtechniques, profile.mitigations)
        let (detection, groups, software, campaigns, assets) = (profile.detection, profile.groups, profile.software, profile.campaigns, profile.assets)

        var rows: [[String]] = []
        rows += tactics.map { ["tactic", $0.attackID, $0.name, ""] }
        rows += (parent.map { [$0] } ?? []).map { ["parent", $0.attackID, $0.name, ""] }
        rows += subs.map { ["subtechnique", $0.attackID, $0.name, ""] }
        rows += mitigations.map { ["mitigation", $0.object.attackID, $0.object.name, ""] }
        rows += detection.strategies.map { ["detection strategy", $0.strategy.attackID, $0.strategy.name, ""] }
        rows += detection.dataComponents.map { ["data component", $0.attackID, $0.name, ""] }
        for (relation, list) in [("group", groups), ("software", software), ("campaign", campaigns)] {
            rows += list.map { [relation, $0.object.attackID, $0.object.name, $0.vias.map(\.description).joined(separator: ";")] }
        }
        rows += assets.map { ["asset", $0.object.attackID, $0.object.name, ""] }
        let csv = Table(columns: ["relation", "id", "name", "via"], rows: rows)
        CommandOutput(answer, csv: csv) {
            var b = TextBlocks()
            b.title(t, kb: kb)
            if let note = note { b.line(b.terminal.yellow("note: \(note)")) }
            b.field("Tactics", tactics.map(\.nameWithID).joined(separator: ", "))
            b.field("Platforms", t.platforms.joined(separator: ", "))
            if let parent { b.field("Sub-technique of", parent.label) }
            b.field("Sub-techniques", subs.map(\.label).joined(separator: ", "))
            b.out += "\n"
            b.paragraph(full ? t.description : TextBlocks.truncate(Citation.stripped(t.description), 700))
            if !mitigations.isEmpty {
                b.section("Mitigations (\(mitigations.count))")
                for m in mitigations { b.line("  \(m.object.attackID)  \(m.object.name)") }
            }
            DetectionText.append(detection, kb: kb, into: &b, full: full)
            if !assets.isEmpty {
                b.section("Assets targeted (\(assets.count))")
                for a in assets { b.line("  \(a.object.attackID)  \(a.object.name)") }
            }
            for (title, list) in [("Groups", groups), ("Software", software), ("Campaigns", campaigns)] where !list.isEmpty {
                b.section("\(title) (\(list.count))")
                for r in list {
                    b.related(r)
                    if full, let p = r.paths.first(where: { !$0.relationship.description.isEmpty }) {
                        b.paragraph(Citation.stripped(p.relationship.description), indent: 10)
                    }
                }
            }
            return b.out
        }.print(lookup.format)
    }
}

/// The text of a technique's detection.
enum DetectionText {
    static func append(_ d: TechniqueDetection, kb: KnowledgeBase, into b: inout TextBlocks, full: Bool) {
        if d.isEmpty && (d.detectionText ?? "").isEmpty { return }
        b.section("Detection")
        for s in d.strategies {
            b.line("  \(s.strategy.attackID)  \(s.strategy.name)")
            for a in s.analytics {
                b.line(b.terminal.dim("    \(a.attackID)  \(a.platforms.joined(separator: ", "))"))
                for r in a.logSourceReferences {
                    let dc = kb.object(stixID: r.dataComponentRef)
                    b.line("      \(r.name)" + (r.channel.isEmpty ? "" : " / \(r.channel)") + b.terminal.dim(dc.map { "  (\($0.attackID) \($0.name))" } ?? ""))
                }
            }
        }
        if !d.dataComponents.isEmpty {
            b.line("  Data components: " + d.dataComponents.map(\.nameWithID).joined(separator: ", "))
        }
        if d.strategies.isEmpty, let text = d.detectionText, !text.isEmpty {
            b.paragraph(full ? text : TextBlocks.truncate(Citation.stripped(text), 500), indent: 2)
        }
    }
}
