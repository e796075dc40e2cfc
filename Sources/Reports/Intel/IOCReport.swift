import ATTACK
import Foundation
import Intel
import Navigator
import STIX

/// The IOC report: each IOC (defanged) with its techniques, tactics and domain; the actors
/// linked directly or through a campaign, apart from the weak leads linked only through shared
/// software (ranked by how few groups share it); what to hunt for next (techniques specific to
/// the linked actors, without pre-compromise ones, with their log sources); detections and
/// mitigations for the techniques involved; and a Navigator layer of all of them. The ranking
/// is ``IOCAnalysis``'s; this type only lays it out.
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

    /// Computes the report's content (the analysis lives in Intel: ``IOCAnalysis``).
    public static func analyze(_ input: Input) -> IOCAnalysis {
        IOCAnalysis(linked: input.linked, huntLimit: input.huntLimit)
    }

    static func defang(_ value: String) -> String {
        IOCRecord(value: value, type: "", references: []).defanged
    }

    static func tactics(_ t: AttackObject, _ kb: KnowledgeBase) -> [String] {
        t.tacticShortnames.map { kb.tactic(shortname: $0)?.name ?? $0 }
    }

    typealias Entry = IOCAnalysis.Entry

    static func link(_ o: AttackObject, _ kb: KnowledgeBase) -> ReportLink { ReportLink.object(o, in: kb) }

    /// Assembles the human report (IOCs defanged).
    public static func document(_ input: Input) -> ReportDocument {
        let a = analyze(input)
        let domains = Set(input.linked.flatMap { $0.objects.map(\.kb.domain) }).sorted()
        var doc = ReportDocument(
            title: "IOC report",
            subtitle: ["\((input.source as NSString).lastPathComponent) · \(ReportText.day(input.date))"
                + (domains.isEmpty ? "" : " · ATT&CK " + domains.map(\.displayName).joined(separator: ", "))])
        let resolved = input.linked.count(where: { !$0.objects.isEmpty })
        doc.blocks.append(.keyFigures([
            KeyFigure(value: ReportText.count(input.linked.count), label: "IOCs, \(ReportText.count(resolved)) linked to ATT&CK"),
            KeyFigure(value: ReportText.count(a.techniques.count), label: "techniques"),
            KeyFigure(value: ReportText.count(a.actors.count), label: "actors linked directly or by campaign", tone: a.actors.isEmpty ? .neutral : .warning),
            KeyFigure(value: ReportText.count(a.weakLeads.count), label: "weak leads (shared software only)"),
        ]))

        doc.blocks.append(.heading("IOCs"))
        doc.blocks.append(.linkedTable(LinkedTable(
            columns: ["IOC", "Type", "Sightings", "Techniques", "Tactics", "Groups, software, campaigns"],
            rows: input.linked.map { l in
                let techniques = l.objects.filter { $0.object.kind == .technique }
                let others = l.objects.filter { $0.object.kind != .technique && $0.object.kind != .tactic }
                var tactics: [String] = []
                for (t, kb) in techniques { for n in Self.tactics(t, kb) where !tactics.contains(n) { tactics.append(n) } }
                return [
                    ReportLink(l.record.defanged), ReportLink(l.record.type), ReportLink(ReportText.count(l.record.sightings)),
                    ReportLink(techniques.isEmpty ? "–" : techniques.map { "\($0.object.attackID) \(ReportText.name(of: $0.object, in: $0.kb))" }.joined(separator: "; ")),
                    ReportLink(tactics.isEmpty ? "–" : tactics.joined(separator: ", ")),
                    ReportLink(others.isEmpty ? "–" : others.map { $0.object.label }.joined(separator: "; ")),
                ]
            },
            numericColumns: [2])))
        let unresolved = input.linked.flatMap { l in l.unresolved.map { "\(l.record.defanged): '\($0)'" } }
        if !unresolved.isEmpty {
            doc.blocks.append(.note("Not found in the loaded ATT&CK data: " + unresolved.joined(separator: "; ")))
        }

        doc.blocks.append(.heading("Actors"))
        if a.actors.isEmpty {
            doc.blocks.append(.paragraph("No group is named by these IOCs or attributed a campaign they name."))
        } else {
            doc.blocks.append(.paragraph("Groups an IOC names, or that are attributed a campaign an IOC names; strongest evidence first."))
            doc.blocks.append(.linkedTable(LinkedTable(
                columns: ["Group", "Evidence", "IOCs", "Why"],
                rows: a.actors.map { g in
                    [link(g.object, g.kb), ReportLink(g.evidence.description), ReportLink(ReportText.count(g.iocs)),
                     ReportLink(g.reasons.joined(separator: "; "))]
                },
                numericColumns: [2])))
        }
        if !a.weakLeads.isEmpty {
            doc.blocks.append(.heading("Weak leads: groups that use the same software", level: 3))
            doc.blocks.append(.paragraph(
                "These groups are linked only because they use software the IOCs name. Software many groups share says little about "
                    + "who is behind the activity; the most specific links (fewest groups sharing the software) come first."))
            let shown = a.weakLeads.prefix(15)
            doc.blocks.append(.linkedTable(LinkedTable(
                columns: ["Group", "Groups sharing the link", "Why"],
                rows: shown.map { g in [link(g.object, g.kb), ReportLink(ReportText.count(g.sharedBy)), ReportLink(g.reasons.joined(separator: "; "))] },
                numericColumns: [1])))
            if a.weakLeads.count > shown.count {
                doc.blocks.append(.note("\(ReportText.count(a.weakLeads.count - shown.count)) more groups share the same software; see the JSON output."))
            }
        }
        let software = a.software.map { ($0, $0.object.stix.type == "tool" ? "Tool" : "Malware") } + a.campaigns.map { ($0, "Campaign") }
        if !software.isEmpty {
            doc.blocks.append(.heading("Software and campaigns", level: 3))
            doc.blocks.append(.linkedTable(LinkedTable(
                columns: ["Software or campaign", "Type", "IOCs"],
                rows: software.map { e, type in [link(e.object, e.kb), ReportLink(type), ReportLink(e.reasons.map(defang).joined(separator: ", "))] })))
        }
        doc.blocks.append(.note("Association is a lead, not attribution."))

        doc.blocks.append(.heading("Hunt next"))
        if a.hunt.isEmpty {
            doc.blocks.append(.paragraph("No other techniques: no linked actor, software or campaign uses a technique the IOCs did not already show."))
        } else {
            var intro = "Techniques the linked actors, software and campaigns use that the IOCs did not show, most specific to them first "
                + "(specificity: the share of all groups and software using the technique that are linked here)"
            intro += a.huntCandidates > a.hunt.count ? "; top \(a.hunt.count) of \(ReportText.count(a.huntCandidates))." : "."
            if a.preCompromiseLeftOut > 0 {
                intro += " \(ReportText.plural(a.preCompromiseLeftOut, "pre-compromise technique")) (acquiring infrastructure, reconnaissance) left out: they happen outside your network."
            }
            doc.blocks.append(.paragraph(intro))
            doc.blocks.append(.linkedTable(LinkedTable(
                columns: ["#", "Technique", "Tactics", "Used by", "Groups using it", "Specificity", "Log sources"],
                rows: a.hunt.enumerated().map { i, h in
                    [ReportLink("\(i + 1)"), link(h.technique, h.kb), ReportLink(tactics(h.technique, h.kb).joined(separator: ", ")),
                     ReportLink(ReportText.list(h.users)), ReportLink(ReportText.count(h.groupsUsing)),
                     ReportLink("\(Int((h.specificity * 100).rounded()))%"),
                     ReportLink(h.logSources.isEmpty ? "none listed" : ReportText.list(h.logSources, limit: 3))]
                },
                numericColumns: [0, 4, 5])))
        }

        doc.blocks.append(.heading("Detections"))
        if a.techniques.isEmpty {
            doc.blocks.append(.paragraph("No technique is linked to these IOCs."))
        } else {
            doc.blocks.append(.linkedTable(LinkedTable(
                columns: ["Technique", "Detection strategies", "Log sources", "Data components"],
                rows: a.techniques.map { e in
                    let d = e.kb.detection(of: e.object)
                    let sources = IOCAnalysis.logSources(of: e.object, in: e.kb)
                    return [
                        link(e.object, e.kb),
                        ReportLink(d.strategies.isEmpty ? "none listed" : d.strategies.map { $0.strategy.label }.joined(separator: "; ")),
                        ReportLink(sources.isEmpty ? "none listed" : sources.joined(separator: "; ")),
                        ReportLink(d.dataComponents.isEmpty ? "–" : d.dataComponents.map(\.name).joined(separator: "; ")),
                    ]
                })))
        }

        doc.blocks.append(.heading("Mitigations"))
        if a.techniques.isEmpty {
            doc.blocks.append(.paragraph("No technique is linked to these IOCs."))
        } else {
            doc.blocks.append(.linkedTable(LinkedTable(
                columns: ["Technique", "Mitigations"],
                rows: a.techniques.map { e in
                    let m = e.kb.mitigations(of: e.object)
                    return [link(e.object, e.kb), ReportLink(m.isEmpty ? "none listed" : m.map { $0.object.label }.joined(separator: "; "))]
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
        func actors(_ list: [IOCAnalysis.Actor]) -> JSONValue {
            .array(list.map { g in
                var j = ref(g.object, g.kb)
                j["evidence"] = .string(String(describing: g.evidence))
                j["iocs"] = .number(Double(g.iocs))
                if g.evidence == .software { j["shared_by"] = .number(Double(g.sharedBy)) }
                j["reasons"] = strings(g.reasons)
                return .object(j)
            })
        }
        let techniques: [JSONValue] = a.techniques.map { e in
            var j = ref(e.object, e.kb)
            let d = e.kb.detection(of: e.object)
            j["iocs"] = strings(e.reasons)
            j["detection_strategies"] = .array(d.strategies.map { .object(ref($0.strategy, e.kb)) })
            j["log_sources"] = strings(IOCAnalysis.logSources(of: e.object, in: e.kb))
            j["data_components"] = strings(d.dataComponents.map(\.name))
            j["mitigations"] = .array(e.kb.mitigations(of: e.object).map { .object(ref($0.object, e.kb)) })
            return .object(j)
        }
        return .object(JSONObject([
            ("source", .string(input.source)),
            ("iocs", .array(iocs)),
            ("techniques", .array(techniques)),
            ("actors", actors(a.actors)),
            ("weak_leads", actors(a.weakLeads)),
            ("software", entries(a.software)),
            ("campaigns", entries(a.campaigns)),
            ("hunt", .array(a.hunt.map { h in
                var j = ref(h.technique, h.kb)
                j["count"] = .number(Double(h.users.count))
                j["users"] = strings(h.users)
                j["groups_using"] = .number(Double(h.groupsUsing))
                j["specificity"] = .number((h.specificity * 1000).rounded() / 1000)
                j["log_sources"] = strings(h.logSources)
                return .object(j)
            })),
            ("pre_compromise_left_out", .number(Double(a.preCompromiseLeftOut))),
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
            var scored = ScoredTechniques()
            for e in entries { scored.add(e.object, score: nil, comment: "IOCs: " + e.reasons.map(defang).joined(separator: ", ")) }
            var options = GeneratorOptions()
            options.name = "IOCs in \((input.source as NSString).lastPathComponent)"
            options.description = "Techniques linked to the IOCs of \(input.source) (\(kb.title))"
            layers.append(try LayerGenerator(kb: kb).layer(of: scored, options: options).layer)
        }
        return layers
    }
}
