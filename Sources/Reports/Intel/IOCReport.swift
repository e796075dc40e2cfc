import ATTACK
import Foundation
import Intel
import Navigator
import STIX

/// The IOC report: each IOC (defanged) with its techniques, tactics and domain; the groups and
/// software associated; what to hunt for next (other techniques of those groups and software,
/// ranked by how many of them use each); detections and mitigations for the techniques
/// involved; and a Navigator layer of all of them.
///
/// ```swift
/// let linked = IOCLinker(knowledgeBases: library.knowledgeBases).link(records)
/// let input = IOCReport.Input(linked: linked, source: "event.json")
/// let doc = IOCReport.document(input)          // Markdown/HTML
/// let json = IOCReport.json(input)             // machine-readable
/// let layers = try IOCReport.layers(input)     // one per domain with techniques
/// ```
public enum IOCReport {
    /// Everything the report is made of.
    public struct Input: Sendable {
        /// The linked IOCs.
        public var linked: [IOCLinker.Linked]
        /// The IOC file, for the subtitle.
        public var source: String
        /// The report date.
        public var date: Date
        /// How many techniques to list under "hunt next".
        public var huntLimit: Int

        /// Creates the input.
        public init(linked: [IOCLinker.Linked], source: String, date: Date = Date(), huntLimit: Int = 15) {
            self.linked = linked
            self.source = source
            self.date = date
            self.huntLimit = huntLimit
        }
    }

    /// An ATT&CK object with its domain and why it is in the report.
    public struct Entry: Sendable {
        public var object: AttackObject
        public var kb: KnowledgeBase
        /// IOC values (not defanged) or reasons ("linked by 1.2.3.4", "uses EvilTool").
        public var reasons: [String]
    }

    /// A technique to hunt for next, with the associated groups and software that use it.
    public struct Hunt: Sendable {
        public var technique: AttackObject
        public var kb: KnowledgeBase
        public var users: [String]
    }

    /// The computed content of the report.
    public struct Analysis: Sendable {
        /// Techniques linked to the IOCs, in order of first mention.
        public var techniques: [Entry] = []
        /// Groups linked, attributed from linked campaigns, or using linked software.
        public var groups: [Entry] = []
        /// Software linked to the IOCs.
        public var software: [Entry] = []
        /// Campaigns linked to the IOCs.
        public var campaigns: [Entry] = []
        /// Other techniques of the groups and software, most used first.
        public var hunt: [Hunt] = []
        /// How many candidate techniques there were before the limit.
        public var huntCandidates = 0
    }

    /// Computes the report's content.
    public static func analyze(_ input: Input) -> Analysis {
        var a = Analysis()
        func add(_ list: inout [Entry], _ object: AttackObject, _ kb: KnowledgeBase, _ reason: String) {
            if let i = list.firstIndex(where: { $0.object.id == object.id && $0.kb.domain == kb.domain }) {
                if !list[i].reasons.contains(reason) { list[i].reasons.append(reason) }
            } else {
                list.append(Entry(object: object, kb: kb, reasons: [reason]))
            }
        }
        for l in input.linked {
            for (object, kb) in l.objects {
                switch object.kind {
                case .technique: add(&a.techniques, object, kb, l.record.value)
                case .group: add(&a.groups, object, kb, "linked to \(l.record.defanged)")
                case .software: add(&a.software, object, kb, l.record.value)
                case .campaign: add(&a.campaigns, object, kb, l.record.value)
                default: break
                }
            }
        }
        for c in a.campaigns {
            for g in c.kb.groupsAttributed(fromCampaign: c.object) {
                add(&a.groups, g.object, c.kb, "attributed campaign \(c.object.attackID) \(c.object.name)")
            }
        }
        for s in a.software {
            for g in s.kb.groupsUsing(s.object) { add(&a.groups, g.object, s.kb, "uses \(s.object.name) (\(s.object.attackID))") }
        }
        // Hunt next: techniques of the associated groups and software that were not observed.
        let observed = Set(a.techniques.map { "\($0.kb.domain.rawValue)/\($0.object.id)" })
        var users: [String: (AttackObject, KnowledgeBase, [String])] = [:]
        var order: [String] = []
        func count(_ techniques: [Related], by name: String, kb: KnowledgeBase) {
            for t in techniques {
                let key = "\(kb.domain.rawValue)/\(t.object.id)"
                guard !observed.contains(key) else { continue }
                if users[key] == nil {
                    users[key] = (t.object, kb, [])
                    order.append(key)
                }
                if !(users[key]?.2.contains(name) ?? true) { users[key]?.2.append(name) }
            }
        }
        for g in a.groups { count(g.kb.techniquesUsed(byGroup: g.object), by: g.object.name, kb: g.kb) }
        for s in a.software { count(s.kb.techniquesUsed(by: s.object), by: s.object.name, kb: s.kb) }
        let ranked = order.compactMap { users[$0] }.sorted {
            $0.2.count != $1.2.count ? $0.2.count > $1.2.count : $0.0.attackID < $1.0.attackID
        }
        a.huntCandidates = ranked.count
        a.hunt = ranked.prefix(max(0, input.huntLimit)).map { Hunt(technique: $0.0, kb: $0.1, users: $0.2) }
        return a
    }

    static func defang(_ value: String) -> String {
        IOCRecord(value: value, type: "", references: []).defanged
    }

    static func tactics(_ t: AttackObject, _ kb: KnowledgeBase) -> [String] {
        t.tacticShortnames.map { kb.tactic(shortname: $0)?.name ?? $0 }
    }

    static func label(_ e: Entry) -> String { "\(e.object.name) (\(e.object.attackID))" }

    /// Assembles the human report (IOCs defanged).
    public static func document(_ input: Input) -> ReportDocument {
        let a = analyze(input)
        let domains = Set(input.linked.flatMap { $0.objects.map(\.kb.domain) }).sorted()
        var doc = ReportDocument(
            title: "IOC report",
            subtitle: ["\(input.source) · \(ReportText.day(input.date))"
                + (domains.isEmpty ? "" : " · ATT&CK " + domains.map(\.displayName).joined(separator: ", "))])
        let resolved = input.linked.count(where: { !$0.objects.isEmpty })
        doc.blocks.append(.keyFigures([
            KeyFigure(value: ReportText.count(input.linked.count), label: "IOCs, \(ReportText.count(resolved)) linked to ATT&CK"),
            KeyFigure(value: ReportText.count(a.techniques.count), label: "techniques"),
            KeyFigure(value: ReportText.count(a.groups.count), label: "groups", tone: a.groups.isEmpty ? .neutral : .warning),
            KeyFigure(value: ReportText.count(a.software.count), label: "software"),
        ]))

        doc.blocks.append(.heading("IOCs"))
        doc.blocks.append(.table(ReportTable(
            columns: ["IOC", "Type", "Sightings", "Techniques", "Tactics", "Domain", "Groups, software, campaigns"],
            rows: input.linked.map { l in
                let techniques = l.objects.filter { $0.object.kind == .technique }
                let others = l.objects.filter { $0.object.kind != .technique && $0.object.kind != .tactic }
                var tactics: [String] = []
                for (t, kb) in techniques { for n in Self.tactics(t, kb) where !tactics.contains(n) { tactics.append(n) } }
                let domains = Array(Set(l.objects.map(\.kb.domain))).sorted().map(\.displayName)
                return [
                    l.record.defanged, l.record.type, ReportText.count(l.record.sightings),
                    techniques.isEmpty ? "–" : techniques.map { $0.object.label }.joined(separator: "; "),
                    tactics.isEmpty ? "–" : tactics.joined(separator: ", "),
                    domains.isEmpty ? "–" : domains.joined(separator: ", "),
                    others.isEmpty ? "–" : others.map { $0.object.label }.joined(separator: "; "),
                ]
            },
            numericColumns: [2])))
        let unresolved = input.linked.flatMap { l in l.unresolved.map { "\(l.record.defanged): '\($0)'" } }
        if !unresolved.isEmpty {
            doc.blocks.append(.note("Not found in the loaded ATT&CK data: " + unresolved.joined(separator: "; ")))
        }

        doc.blocks.append(.heading("Groups and software associated"))
        let associated = a.groups.map { ($0, "Group") } + a.software.map { ($0, $0.object.stix.type == "tool" ? "Tool" : "Malware") }
            + a.campaigns.map { ($0, "Campaign") }
        if associated.isEmpty {
            doc.blocks.append(.paragraph("No group, software or campaign is linked to these IOCs."))
        } else {
            doc.blocks.append(.table(ReportTable(
                columns: ["ID", "Name", "Type", "Domain", "Why"],
                rows: associated.map { e, type in
                    [e.object.attackID, e.object.name, type, e.kb.domain.displayName,
                     e.reasons.map { $0.hasPrefix("linked to ") || $0.hasPrefix("uses ") || $0.hasPrefix("attributed ") ? $0 : "linked to \(defang($0))" }
                        .joined(separator: "; ")]
                })))
            doc.blocks.append(.note("Association is a lead, not attribution."))
        }

        doc.blocks.append(.heading("Hunt next"))
        if a.hunt.isEmpty {
            doc.blocks.append(.paragraph("No other techniques: no associated group or software uses a technique the IOCs did not already show."))
        } else {
            doc.blocks.append(.paragraph(
                "Techniques the associated groups and software use that the IOCs did not show, ranked by how many of them use each"
                    + (a.huntCandidates > a.hunt.count ? " (top \(a.hunt.count) of \(ReportText.count(a.huntCandidates)))." : ".")))
            doc.blocks.append(.table(ReportTable(
                columns: ["#", "Technique", "Tactics", "Domain", "Used by"],
                rows: a.hunt.enumerated().map { i, h in
                    ["\(i + 1)", h.technique.label, tactics(h.technique, h.kb).joined(separator: ", "), h.kb.domain.displayName,
                     "\(h.users.count): " + ReportText.list(h.users)]
                },
                numericColumns: [0])))
        }

        doc.blocks.append(.heading("Detections"))
        if a.techniques.isEmpty {
            doc.blocks.append(.paragraph("No technique is linked to these IOCs."))
        } else {
            doc.blocks.append(.table(ReportTable(
                columns: ["Technique", "Detection strategies", "Log sources", "Data components"],
                rows: a.techniques.map { e in
                    let d = e.kb.detection(of: e.object)
                    return [
                        e.object.label,
                        d.strategies.isEmpty ? "none listed" : d.strategies.map { $0.strategy.label }.joined(separator: "; "),
                        d.logSources.isEmpty ? "none listed" : d.logSources.map { "\($0.name) \($0.channel)" }.joined(separator: "; "),
                        d.dataComponents.isEmpty ? "–" : d.dataComponents.map(\.name).joined(separator: "; "),
                    ]
                })))
        }

        doc.blocks.append(.heading("Mitigations"))
        if a.techniques.isEmpty {
            doc.blocks.append(.paragraph("No technique is linked to these IOCs."))
        } else {
            doc.blocks.append(.table(ReportTable(
                columns: ["Technique", "Mitigations"],
                rows: a.techniques.map { e in
                    let m = e.kb.mitigations(of: e.object)
                    return [e.object.label, m.isEmpty ? "none listed" : m.map { $0.object.label }.joined(separator: "; ")]
                })))
        }
        return doc
    }

    /// The report as JSON (IOC values as given, plus a defanged copy).
    public static func json(_ input: Input) -> JSONValue {
        let a = analyze(input)
        func strings(_ s: [String]) -> JSONValue { .array(s.map { .string($0) }) }
        func ref(_ o: AttackObject, _ kb: KnowledgeBase) -> JSONObject {
            var j = JSONObject([("id", .string(o.attackID)), ("name", .string(o.name)), ("domain", .string(kb.domain.rawValue))])
            if o.kind == .technique { j["tactics"] = strings(o.tacticShortnames) }
            return j
        }
        let iocs: [JSONValue] = input.linked.map { l in
            .object(JSONObject([
                ("ioc", .string(l.record.value)), ("defanged", .string(l.record.defanged)), ("type", .string(l.record.type)),
                ("sightings", .number(Double(l.record.sightings))),
                ("techniques", .array(l.objects.filter { $0.object.kind == .technique }.map { .object(ref($0.object, $0.kb)) })),
                ("groups", .array(l.objects.filter { $0.object.kind == .group }.map { .object(ref($0.object, $0.kb)) })),
                ("software", .array(l.objects.filter { $0.object.kind == .software }.map { .object(ref($0.object, $0.kb)) })),
                ("campaigns", .array(l.objects.filter { $0.object.kind == .campaign }.map { .object(ref($0.object, $0.kb)) })),
                ("unresolved", strings(l.unresolved)),
            ]))
        }
        func entries(_ list: [Entry]) -> JSONValue {
            .array(list.map { e in
                var j = ref(e.object, e.kb)
                j["reasons"] = strings(e.reasons)
                return .object(j)
            })
        }
        let techniques: [JSONValue] = a.techniques.map { e in
            var j = ref(e.object, e.kb)
            let d = e.kb.detection(of: e.object)
            j["iocs"] = strings(e.reasons)
            j["detection_strategies"] = .array(d.strategies.map { .object(ref($0.strategy, e.kb)) })
            j["log_sources"] = .array(d.logSources.map { .object(JSONObject([("name", .string($0.name)), ("channel", .string($0.channel))])) })
            j["data_components"] = strings(d.dataComponents.map(\.name))
            j["mitigations"] = .array(e.kb.mitigations(of: e.object).map { .object(ref($0.object, e.kb)) })
            return .object(j)
        }
        return .object(JSONObject([
            ("source", .string(input.source)),
            ("iocs", .array(iocs)),
            ("techniques", .array(techniques)),
            ("groups", entries(a.groups)),
            ("software", entries(a.software)),
            ("campaigns", entries(a.campaigns)),
            ("hunt", .array(a.hunt.map { h in
                var j = ref(h.technique, h.kb)
                j["count"] = .number(Double(h.users.count))
                j["users"] = strings(h.users)
                return .object(j)
            })),
        ]))
    }

    /// Navigator layers of all techniques linked to the IOCs, one per domain that has any
    /// (each technique's comment names its IOCs, defanged); empty when no technique is linked.
    public static func layers(_ input: Input) throws(GeneratorError) -> [Layer] {
        let a = analyze(input)
        var layers: [Layer] = []
        for domain in Set(a.techniques.map(\.kb.domain)).sorted() {
            let entries = a.techniques.filter { $0.kb.domain == domain }
            guard let kb = entries.first?.kb else { continue }
            let list = TechniqueList(source: input.source, items: entries.enumerated().map { i, e in
                TechniqueList.Item(query: e.object.attackID, comment: "IOCs: " + e.reasons.map(defang).joined(separator: ", "), line: i + 1)
            })
            var options = GeneratorOptions()
            options.name = "IOCs in \((input.source as NSString).lastPathComponent)"
            options.description = "Techniques linked to the IOCs of \(input.source) (\(kb.title))"
            layers.append(try LayerGenerator(kb: kb).techniques(list, options: options).layer)
        }
        return layers
    }
}
