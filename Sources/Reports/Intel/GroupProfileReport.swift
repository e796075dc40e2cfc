import ATTACK
import Coverage
import Foundation
import Navigator
import STIX

/// The actor profile of one ATT&CK group: aliases, associated groups named in the MISP
/// threat-actor galaxy, description, campaigns with dates, software, techniques by tactic with
/// procedure examples and numbered references, the heatmap, and — when a coverage record is
/// given — the group's exposure and its undetected techniques. It ends with what it was
/// computed from (``Input/provenance``: the release and the galaxy, by SHA-256).
///
/// ```swift
/// let group = try kb.resolve("APT29", kind: .group).object
/// let galaxy = try ThreatActorGalaxy.read(path: "threat-actor.json")
/// let doc = GroupProfileReport.document(.init(group: group, knowledgeBase: kb, galaxy: galaxy))
/// ```
public enum GroupProfileReport {
    /// Everything the profile is made of.
    public struct Input: Sendable {
        /// The ATT&CK group.
        public var group: AttackObject
        /// The release the profile speaks of.
        public var knowledgeBase: KnowledgeBase
        /// The MISP threat-actor galaxy naming associated groups (``associatedGroups(of:galaxy:)``);
        /// nil: none read, and the profile does not list them.
        public var galaxy: ThreatActorGalaxy?
        /// The coverage to measure the group's exposure against, if any.
        public var coverage: CoverageResult?
        /// The report date.
        public var date: Date
        /// Where the Markdown version expects the heatmap SVG (beside the report), if written.
        public var heatmapFileName: String?

        /// Creates the input.
        public init(
            group: AttackObject, knowledgeBase: KnowledgeBase, galaxy: ThreatActorGalaxy? = nil,
            coverage: CoverageResult? = nil, date: Date = Date(), heatmapFileName: String? = nil
        ) {
            self.group = group
            self.knowledgeBase = knowledgeBase
            self.galaxy = galaxy
            self.coverage = coverage
            self.date = date
            self.heatmapFileName = heatmapFileName
        }

        /// What the profile is computed from: the release's files and the galaxy (role `galaxy`).
        public var provenance: Provenance {
            var p = Provenance(knowledgeBase: knowledgeBase)
            if let galaxy { p.files.append(galaxy.dataFile) }
            return p
        }
    }

    /// The names the MISP threat-actor galaxy associates with `group`: every entry whose value or
    /// synonyms name the group or one of its aliases (any case) contributes its value and synonyms;
    /// the group's own names and ATT&CK IDs are left out. Sorted, each name once (any case).
    public static func associatedGroups(of group: AttackObject, galaxy: ThreatActorGalaxy) -> [String] {
        let own = Set(([group.name, group.attackID] + group.aliases).map { $0.lowercased() })
        var seen = own
        var names: [String] = []
        for actor in galaxy.actors {
            let all = [actor.name] + actor.synonyms
            guard all.contains(where: { own.contains($0.lowercased()) }) else { continue }
            for name in all where !isAttackID(name) && seen.insert(name.lowercased()).inserted { names.append(name) }
        }
        return names.sorted { $0.lowercased() < $1.lowercased() }
    }

    static func isAttackID(_ s: String) -> Bool {
        guard let first = s.first, "GSCTM".contains(first), s.count >= 5 else { return false }
        return s.dropFirst().allSatisfy { $0.isNumber || $0 == "." }
    }

    /// Assembles the profile.
    public static func document(_ input: Input) -> ReportDocument {
        let kb = input.knowledgeBase
        let group = input.group
        let campaigns = kb.campaignsAttributed(toGroup: group)
        let software = kb.softwareUsed(byGroup: group)
        let techniques = kb.techniquesUsed(byGroup: group)
        let release = "ATT&CK \(kb.domain.displayName) \(kb.attackVersion ?? "(unknown release)")"
        var doc = ReportDocument(
            title: "\(group.name) (\(group.attackID))",
            subtitle: ["Threat actor profile · \(release) · \(ReportText.day(input.date))"])
        doc.provenance = Provenance(knowledgeBase: kb)
        var references = References()

        var figures = [
            KeyFigure(value: ReportText.count(techniques.count), label: "techniques"),
            KeyFigure(value: ReportText.count(software.count), label: "software"),
            KeyFigure(value: ReportText.count(campaigns.count), label: "campaigns"),
        ]
        let exposure = input.coverage.map { Exposure(techniques: techniques, analysis: $0) }
        if let e = exposure, e.total > 0 {
            figures.append(KeyFigure(value: ReportText.percent(e.detected.count, of: e.total), label: "of its techniques detected", tone: .good))
            figures.append(KeyFigure(value: ReportText.percent(e.blind.count, of: e.total), label: "blind", tone: .bad))
        }
        doc.blocks.append(.keyFigures(figures))

        doc.blocks.append(.heading("Overview"))
        var facts: [ReportLink] = [ReportLink("ATT&CK page: \(group.attackID) \(group.name)", url: group.url)]
        let aliases = group.aliases.filter { $0 != group.name }
        facts.append(ReportLink("Aliases: " + (aliases.isEmpty ? "none listed" : aliases.joined(separator: ", "))))
        if let galaxy = input.galaxy {
            let associated = associatedGroups(of: group, galaxy: galaxy)
            facts.append(ReportLink("Associated groups (MISP threat-actor galaxy synonyms): "
                + (associated.isEmpty ? "none found" : associated.joined(separator: ", "))))
        }
        if let created = group.created { facts.append(ReportLink("In ATT&CK since \(created.prefix(10)); last modified \(group.modified?.prefix(10) ?? "?")")) }
        doc.blocks.append(.links(facts, numbered: false))
        doc.blocks.append(.heading("Heatmap"))
        do {
            var options = GeneratorOptions()
            options.name = "\(group.name) (\(group.attackID))"
            var layer = try LayerGenerator(kb: kb).group(group, options: options).layer
            layer.layout = LayerLayout(layout: "mini", showID: true, expandedSubtechniques: "annotated")
            let svg = SVGRenderer.render(layer, matrix: MatrixIndex(kb), options: RenderOptions(title: "\(group.name) · \(release)"))
            doc.blocks.append(.figure(ReportFigure(
                svg: svg, caption: "Techniques used by \(group.name) (direct and via campaigns), by ATT&CK ID; names in the tables below.",
                fileName: input.heatmapFileName)))
        } catch {
            doc.blocks.append(.paragraph("The heatmap could not be drawn: \(error)."))
        }

        if !group.description.isEmpty {
            let marks = references.marks(Citation.cited(in: group.description, references: group.stix.externalReferences))
            doc.blocks.append(.paragraph(plain(group.description) + marks))
        }

        doc.blocks.append(.heading("Campaigns (\(campaigns.count))"))
        if campaigns.isEmpty {
            doc.blocks.append(.paragraph("No campaign is attributed to \(group.name) in \(release)."))
        } else {
            let sorted = campaigns.sorted { ($0.object.firstSeen ?? "") < ($1.object.firstSeen ?? "") }
            doc.blocks.append(.linkedTable(LinkedTable(
                columns: ["ID", "Campaign", "First seen", "Last seen"],
                rows: sorted.map { c in
                    [ReportLink(c.object.attackID, url: c.object.url), ReportLink(c.object.name),
                     ReportLink(String(c.object.firstSeen?.prefix(10) ?? "–")), ReportLink(String(c.object.lastSeen?.prefix(10) ?? "–"))]
                })))
        }

        doc.blocks.append(.heading("Software (\(software.count))"))
        if software.isEmpty {
            doc.blocks.append(.paragraph("No software is linked to \(group.name)."))
        } else {
            doc.blocks.append(.linkedTable(LinkedTable(
                columns: ["ID", "Software", "Type", "Via"],
                rows: software.map { s in
                    [ReportLink(s.object.attackID, url: s.object.url), ReportLink(s.object.name), ReportLink(s.object.stix.type),
                     ReportLink(s.vias.map(\.description).joined(separator: ", "))]
                })))
        }

        doc.blocks.append(.heading("Techniques by tactic (\(techniques.count))"))
        doc.blocks.append(.note("The group's own techniques and those of campaigns attributed to it, in matrix order; a technique under several tactics is listed under each."))
        for (tactic, listed) in kb.byTactic(techniques) {
            let title = tactic.map { "\($0.name) (\($0.attackID))" } ?? "No tactic"
            doc.blocks.append(.heading("\(title) · \(listed.count)", level: 3))
            doc.blocks.append(.linkedTable(techniqueTable(listed, kb: kb, references: &references)))
        }

        if let e = exposure {
            doc.blocks.append(.heading("Exposure"))
            if e.total == 0 {
                doc.blocks.append(.paragraph("None of the group's techniques is in the coverage file."))
            } else {
                doc.blocks.append(.table(ReportTable(
                    columns: ["State", "Techniques", "Share"],
                    rows: [
                        ["Detected", ReportText.count(e.detected.count), ReportText.percent(e.detected.count, of: e.total)],
                        ["Logged", ReportText.count(e.logged.count), ReportText.percent(e.logged.count, of: e.total)],
                        ["Blind", ReportText.count(e.blind.count), ReportText.percent(e.blind.count, of: e.total)],
                        ["All", ReportText.count(e.total), "100%"],
                    ],
                    numericColumns: [1, 2])))
                let undetected = e.logged.map { ($0, "Logged") } + e.blind.map { ($0, "Blind") }
                doc.blocks.append(.heading("Undetected techniques (\(undetected.count))", level: 3))
                if undetected.isEmpty {
                    doc.blocks.append(.paragraph("Every technique \(group.name) uses is detected."))
                } else {
                    doc.blocks.append(.table(ReportTable(
                        columns: ["Technique", "State", "Mitigations"],
                        rows: undetected.sorted { $0.0.attackID < $1.0.attackID }.map { t, state in
                            let m = kb.mitigations(of: t).map(\.object.name)
                            return [t.label, state, m.isEmpty ? "none listed" : ReportText.list(m, limit: 2)]
                        })))
                }
                if e.missing > 0 {
                    doc.blocks.append(.note("\(ReportText.plural(e.missing, "technique")) of the group are not in the coverage file (another release?) and are not counted."))
                }
            }
        }

        doc.blocks.append(.heading("References (\(references.list.count))"))
        if references.list.isEmpty {
            doc.blocks.append(.paragraph("No references cited."))
        } else {
            doc.blocks.append(.links(references.list.map { c in ReportLink(c.description ?? c.sourceName, url: c.url) }, numbered: true))
        }
        doc.blocks.append(.note("Computed from: " + input.provenance.summary))
        return doc
    }

    static func techniqueTable(_ techniques: [Related], kb: KnowledgeBase, references: inout References) -> LinkedTable {
        var rows: [[ReportLink]] = []
        for t in techniques {
            let procedures = t.paths.filter { !$0.relationship.description.isEmpty }.map { p in
                (p.via == .direct ? "" : "(\(p.via)) ") + plain(p.relationship.description) + references.marks(p.relationship.citations)
            }
            rows.append([ReportLink(t.object.attackID, url: t.object.url), ReportLink(ReportText.name(of: t.object, in: kb)),
                         ReportLink(procedures.isEmpty ? "–" : procedures.joined(separator: " "))])
        }
        return LinkedTable(columns: ["ID", "Technique", "Procedure examples"], rows: rows)
    }

    /// ATT&CK text as plain text: citation markers removed and `[APT29](https://…)` links reduced to their text.
    static func plain(_ text: String) -> String {
        var out = ""
        var rest = Citation.stripped(text)[...]
        while let open = rest.firstIndex(of: "[") {
            out += rest[..<open]
            let after = rest[rest.index(after: open)...]
            guard let close = after.firstIndex(of: "]"), after[close...].hasPrefix("]("),
                  let end = after[close...].firstIndex(of: ")") else {
                out.append("[")
                rest = after
                continue
            }
            out += after[..<close]
            rest = after[after.index(after: end)...]
        }
        return out + rest
    }

    /// Numbered citations, each source once, in order of first mention.
    struct References {
        var list: [Citation] = []

        mutating func marks(_ citations: [Citation]) -> String {
            var marks: [String] = []
            for c in citations {
                if let i = list.firstIndex(where: { $0.sourceName == c.sourceName }) { marks.append("[\(i + 1)]") } else {
                    list.append(c)
                    marks.append("[\(list.count)]")
                }
            }
            return marks.isEmpty ? "" : " " + marks.joined()
        }
    }

    /// The group's techniques split by coverage state.
    struct Exposure {
        var detected: [AttackObject] = []
        var logged: [AttackObject] = []
        var blind: [AttackObject] = []
        var missing = 0
        var total: Int { detected.count + logged.count + blind.count }

        init(techniques: [Related], analysis: CoverageResult) {
            for t in techniques {
                switch analysis.technique(t.object.attackID)?.state {
                case .detected: detected.append(t.object)
                case .logged: logged.append(t.object)
                case .blind: blind.append(t.object)
                case nil: missing += 1
                }
            }
        }
    }
}
