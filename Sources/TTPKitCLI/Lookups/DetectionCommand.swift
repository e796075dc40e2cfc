import Output
import ATTACK
import ArgumentParser
import STIX

/// `ttpkit detection T1059.001`: what telemetry detects a technique.
struct DetectionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "detection",
        abstract: "Show what telemetry detects a technique: strategies, analytics, log sources, data components.",
        discussion: """
            Works on every release: v18+ follows detection strategies → analytics → log source \
            references; older releases list the data components that detect the technique.

            Examples:
              ttpkit detection T1059.001
              ttpkit detection T1003.001 --format csv     # one row per log source
            """)

    @Argument(help: "Technique ATT&CK ID, name or STIX id.") var name: String
    @OptionGroup var lookup: LookupOptions

    func run() throws {
        let (kb, t, note) = try lookup.resolve(name, kind: .technique)
        let d = kb.detection(of: t, including: lookup.inclusion)
        var j = JSONObject([("id", .string(t.attackID)), ("name", .string(t.name))])
        j["attack_version"] = kb.attackVersion.map(JSONValue.string) ?? .null
        if let note { j["note"] = .string(note) }
        for m in DetectionJSON.make(d, kb: kb).objectValue ?? JSONObject() { j[m.key] = m.value }
        var rows: [[String]] = []
        for s in d.strategies {
            for a in s.analytics {
                for ref in a.logSourceReferences {
                    let dc = kb.object(stixID: ref.dataComponentRef)
                    rows.append([s.strategy.attackID, a.attackID, a.platforms.joined(separator: ";"), ref.name, ref.channel, dc?.attackID ?? "", dc?.name ?? ""])
                }
            }
        }
        if d.strategies.isEmpty {
            for dc in d.dataComponents { rows.append(["", "", "", "", "", dc.attackID, dc.name]) }
        }
        let table = Table(columns: ["strategy", "analytic", "platforms", "log source", "channel", "component", "component name"], rows: rows)
        CommandOutput(json: .object(j), csv: table) {
            var b = TextBlocks()
            b.title(t, kb: kb)
            if let note { b.line(b.terminal.yellow("note: \(note)")) }
            if d.isEmpty && (d.detectionText ?? "").isEmpty {
                b.line("No detection is recorded for this technique in \(kb.title).")
            }
            DetectionText.append(d, kb: kb, into: &b, full: true)
            return b.out
        }.print(lookup.format)
    }
}
