import ATTACK

/// The raw evidence similarity is computed from, extracted once from a knowledge base: for each
/// group its own techniques and software and, separately, those of each attributed campaign;
/// for each campaign its techniques and software; for each software the techniques it uses.
///
/// Keeping campaign contributions apart lets an evaluation drop a campaign from the data
/// without rebuilding anything from the knowledge base (see ``LeaveOneOut``).
public struct SimilarityCorpus: Sendable {
    /// One candidate's evidence: object indexes in the knowledge base.
    public struct Evidence: Sendable, Hashable {
        public var techniques: Set<Int> = []
        public var software: Set<Int> = []

        public init(techniques: Set<Int> = [], software: Set<Int> = []) {
            self.techniques = techniques
            self.software = software
        }

        mutating func formUnion(_ other: Evidence) {
            techniques.formUnion(other.techniques)
            software.formUnion(other.software)
        }
    }

    /// A group: its own relationships, and those of each campaign attributed to it.
    public struct GroupEntry: Sendable {
        public let group: AttackObject
        public let direct: Evidence
        /// Campaign object index → the campaign's evidence.
        public let campaigns: [Int: Evidence]
    }

    public let kb: KnowledgeBase
    public let groups: [GroupEntry]
    /// Campaign object index → evidence, for every active campaign.
    public let campaigns: [Int: Evidence]
    /// Software object index → the techniques it uses.
    public let softwareTechniques: [Int: Set<Int>]
    /// Technique object index → its parent's index, for sub-techniques.
    public let parentOf: [Int: Int]

    public init(kb: KnowledgeBase) {
        self.kb = kb
        var campaigns: [Int: Evidence] = [:]
        for c in kb.objects(.campaign) {
            campaigns[c.index] = Evidence(
                techniques: Set(kb.related(c, by: "uses", kind: .technique).map(\.object.index)),
                software: Set(kb.related(c, by: "uses", kind: .software).map(\.object.index)))
        }
        var groups: [GroupEntry] = []
        for g in kb.objects(.group) {
            let direct = Evidence(
                techniques: Set(kb.related(g, by: "uses", kind: .technique).map(\.object.index)),
                software: Set(kb.related(g, by: "uses", kind: .software).map(\.object.index)))
            var own: [Int: Evidence] = [:]
            for c in kb.related(g, by: "attributed-to", kind: .campaign, reverse: true) {
                own[c.object.index] = campaigns[c.object.index] ?? Evidence()
            }
            groups.append(GroupEntry(group: g, direct: direct, campaigns: own))
        }
        var softwareTechniques: [Int: Set<Int>] = [:]
        for s in kb.objects(.software) {
            softwareTechniques[s.index] = Set(kb.related(s, by: "uses", kind: .technique).map(\.object.index))
        }
        var parentOf: [Int: Int] = [:]
        for t in kb.objects(.technique) where t.isSubtechnique {
            if let p = kb.related(t, by: "subtechnique-of", kind: .technique).first?.object {
                parentOf[t.index] = p.index
            }
        }
        self.groups = groups
        self.campaigns = campaigns
        self.softwareTechniques = softwareTechniques
        self.parentOf = parentOf
    }

    /// A group's evidence by MITRE's definition (own plus attributed campaigns), leaving out
    /// the campaigns in `excluded`.
    public func evidence(of entry: GroupEntry, excluding excluded: Set<Int> = []) -> Evidence {
        var e = entry.direct
        for (c, ce) in entry.campaigns where !excluded.contains(c) { e.formUnion(ce) }
        return e
    }

    /// The day (days since 1970) of the latest change to a group or its `uses` relationships:
    /// when ATT&CK last recorded something about it. Read only for the recency prior (it
    /// reads every `uses` relationship's timestamp).
    public func lastRecorded(_ entry: GroupEntry) -> Int {
        var last = Self.day(entry.group.modified)
        for r in kb.relationships(from: entry.group) where r.type == "uses" { last = max(last, Self.day(r.created)) }
        return last
    }

    /// Days since 1970 of a STIX timestamp's date (0 when it has none).
    static func day(_ timestamp: String?) -> Int {
        let parts = (timestamp ?? "").prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3, (1970...9999).contains(parts[0]), (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return 0 }
        // Days from civil (Howard Hinnant's algorithm).
        let y = parts[1] <= 2 ? parts[0] - 1 : parts[0]
        let era = y / 400
        let yoe = y - era * 400
        let mp = (parts[1] + 9) % 12
        let doy = (153 * mp + 2) / 5 + parts[2] - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    /// The groups a campaign is attributed to (object indexes).
    public func attributedGroups(ofCampaign campaign: Int) -> [Int] {
        groups.filter { $0.campaigns[campaign] != nil }.map(\.group.index)
    }
}
