import Output
import ATTACK
import ArgumentParser
import STIX

/// `ttpkit software NAME`.
struct SoftwareCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "software",
        abstract: "Show a piece of software (malware or tool), or list software when no name is given.",
        discussion: """
            Examples:
              ttpkit software S0154
              ttpkit software mimikatz --format json
              ttpkit software --match rat          # list
            """)

    @Argument(help: "Software name, alias, ATT&CK ID (S0154) or STIX id; omit to list.")
    var name: String?
    @Option(help: "When listing, only software whose ID, name or alias contains this text.") var match: String?
    @Flag(help: "Show full descriptions and procedure examples.") var full = false
    @OptionGroup var lookup: LookupOptions

    func run() throws {
        guard let name else {
            try ObjectList.print(.software, options: lookup.data, format: lookup.format, filter: match)
            return
        }
        let (kb, s, note) = try lookup.resolve(name, kind: .software)
        let inc = lookup.inclusion
        let techniques = kb.techniquesUsed(by: s, including: inc)
        let groups = kb.groupsUsing(s, including: inc)
        let campaigns = kb.campaignsUsing(s, including: inc)
        var j = ObjectJSON.header(s, kb: kb)
        j["software_type"] = .string(s.stix.type)
        j["aliases"] = ObjectJSON.strings(s.aliases)
        j["platforms"] = ObjectJSON.strings(s.platforms)
        j["description"] = .string(Citation.stripped(s.description))
        j["techniques"] = .array(techniques.map(ObjectJSON.techniqueUse))
        j["groups"] = .array(groups.map { ObjectJSON.related($0) })
        j["campaigns"] = .array(campaigns.map { ObjectJSON.related($0) })
        Profile.print(s, note: note, kb: kb, json: j, format: lookup.format, full: full, techniques: techniques,
                      lists: [("Groups", groups), ("Campaigns", campaigns)], extra: [("Type", s.stix.type), ("Platforms", s.platforms.joined(separator: ", "))])
    }
}

/// `ttpkit campaign NAME`.
struct CampaignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "campaign",
        abstract: "Show a campaign: dates, attributed groups, software and techniques.",
        discussion: """
            Examples:
              ttpkit campaign C0024
              ttpkit campaign "SolarWinds Compromise" --format json
            """)

    @Argument(help: "Campaign name, alias, ATT&CK ID (C0024) or STIX id.")
    var name: String
    @Flag(help: "Show full descriptions and procedure examples.") var full = false
    @OptionGroup var lookup: LookupOptions

    func run() throws {
        let (kb, c, note) = try lookup.resolve(name, kind: .campaign)
        let inc = lookup.inclusion
        let techniques = kb.techniquesUsed(by: c, including: inc)
        let groups = kb.groupsAttributed(fromCampaign: c, including: inc)
        let software = kb.softwareUsed(byCampaign: c, including: inc)
        var j = ObjectJSON.header(c, kb: kb)
        j["aliases"] = ObjectJSON.strings(c.aliases)
        j["first_seen"] = c.firstSeen.map(JSONValue.string) ?? .null
        j["last_seen"] = c.lastSeen.map(JSONValue.string) ?? .null
        j["description"] = .string(Citation.stripped(c.description))
        j["groups"] = .array(groups.map { ObjectJSON.related($0) })
        j["software"] = .array(software.map { ObjectJSON.related($0) })
        j["techniques"] = .array(techniques.map(ObjectJSON.techniqueUse))
        Profile.print(c, note: note, kb: kb, json: j, format: lookup.format, full: full, techniques: techniques,
                      lists: [("Attributed to", groups), ("Software", software)],
                      extra: [("First seen", c.firstSeen ?? ""), ("Last seen", c.lastSeen ?? "")])
    }
}

/// `ttpkit mitigation ID`.
struct MitigationCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mitigation",
        abstract: "Show a mitigation and the techniques it mitigates.",
        discussion: """
            Examples:
              ttpkit mitigation M1038
              ttpkit mitigation "Execution Prevention" --format csv
            """)

    @Argument(help: "Mitigation name, ATT&CK ID (M1038) or STIX id.")
    var name: String
    @Flag(help: "Show full descriptions.") var full = false
    @OptionGroup var lookup: LookupOptions

    func run() throws {
        let (kb, m, note) = try lookup.resolve(name, kind: .mitigation)
        let techniques = kb.techniquesMitigated(by: m, including: lookup.inclusion)
        var j = ObjectJSON.header(m, kb: kb)
        j["description"] = .string(Citation.stripped(m.description))
        j["techniques"] = .array(techniques.map { t in
            .object(JSONObject([
                ("id", .string(t.object.attackID)), ("name", .string(t.object.name)),
                ("tactics", ObjectJSON.strings(t.object.tacticShortnames)),
                ("description", .string(Citation.stripped(t.paths.first?.relationship.description ?? ""))),
            ]))
        })
        Profile.print(m, note: note, kb: kb, json: j, format: lookup.format, full: full, techniques: techniques, lists: [], extra: [])
    }
}

/// `ttpkit datacomponent NAME`.
struct DataComponentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "datacomponent",
        abstract: "Show a data component, its log sources and the techniques it helps detect.",
        discussion: """
            From v18 the techniques come through analytics that reference the component; before \
            v18 through the component's `detects` relationships.

            Examples:
              ttpkit datacomponent "Process Creation"
              ttpkit datacomponent DC0032 --format json
            """)

    @Argument(help: "Data component name, ATT&CK ID (DC0032) or STIX id.")
    var name: String
    @OptionGroup var lookup: LookupOptions

    func run() throws {
        let (kb, dc, note) = try lookup.resolve(name, kind: .dataComponent)
        let techniques = kb.techniquesSeen(byDataComponent: dc, including: lookup.inclusion)
        var j = ObjectJSON.header(dc, kb: kb)
        j["description"] = .string(Citation.stripped(dc.description))
        if let ds = kb.dataSource(of: dc) { j["data_source"] = ObjectJSON.ref(ds) }
        j["log_sources"] = .array(dc.componentLogSources.map { .object(JSONObject([("name", .string($0.name)), ("channel", .string($0.channel))])) })
        j["techniques"] = .array(techniques.map(ObjectJSON.ref))
        let related = techniques.map { Related(object: $0, paths: []) }
        Profile.print(dc, note: note, kb: kb, json: j, format: lookup.format, full: false, techniques: related, lists: [],
                      extra: [("Log sources", Self.logSourceSummary(dc.componentLogSources))])
    }

    /// Log sources grouped by name, each with its distinct channels: `sysmon (1); WinEventLog:Security (4688)`.
    /// MITRE writes "None" where a source has no channel; it is not printed.
    static func logSourceSummary(_ sources: [LogSourceReference]) -> String {
        var order: [String] = []
        var channels: [String: [String]] = [:]
        for s in sources {
            if channels[s.name] == nil { order.append(s.name); channels[s.name] = [] }
            let c = s.channel.trimmingCharacters(in: .whitespaces)
            if !c.isEmpty, c.caseInsensitiveCompare("none") != .orderedSame, channels[s.name]?.contains(c) == false { channels[s.name]?.append(c) }
        }
        // Channels are often free text (a query, a sentence): show them only when short and few.
        return order.map { name in
            let list = channels[name] ?? []
            if list.isEmpty { return name }
            if list.count <= 3, list.allSatisfy({ $0.count <= 24 }) { return "\(name) (\(list.joined(separator: ", ")))" }
            return "\(name) (\(list.count) channel\(list.count == 1 ? "" : "s"))"
        }.joined(separator: "; ")
    }
}

/// Shared printing of profiles.
enum Profile {
    static func print(
        _ o: AttackObject, note: String?, kb: KnowledgeBase, json: JSONObject, format: OutputFormat, full: Bool,
        techniques: [Related], lists: [(String, [Related])], extra: [(String, String)]
    ) {
        var j = json
        if let note { j["note"] = .string(note) }
        let csv = Table(
            columns: ["id", "name", "tactics", "via"],
            rows: techniques.map { [$0.object.attackID, $0.object.name, $0.object.tacticShortnames.joined(separator: ";"), $0.vias.map(\.description).joined(separator: ";")] })
        CommandOutput(json: .object(j), csv: csv) {
            var b = TextBlocks()
            b.title(o, kb: kb)
            if let note { b.line(b.terminal.yellow("note: \(note)")) }
            b.field("Aliases", o.aliases.filter { $0 != o.name }.joined(separator: ", "))
            for (k, v) in extra { b.field(k, v) }
            b.out += "\n"
            b.paragraph(full ? o.description : TextBlocks.truncate(Citation.stripped(o.description), 600))
            for (title, list) in lists where !list.isEmpty {
                b.section("\(title) (\(list.count))")
                for r in list {
                    b.related(r)
                }
            }
            if !techniques.isEmpty {
                b.section("Techniques (\(techniques.count)) by tactic")
                var refs: [Citation] = []
                TechniqueListing.byTactic(techniques, kb: kb, into: &b, full: full, references: &refs)
            }
            return b.out
        }.print(format)
    }
}
