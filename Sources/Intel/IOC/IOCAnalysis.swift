import Foundation

import ATTACK

/// What a set of linked IOCs points to, ranked by the strength of the evidence.
///
/// - **Actors**: groups named by an IOC (direct) or attributed a campaign an IOC names, ranked
///   direct first, then by how many IOCs point to them.
/// - **Weak leads**: groups reached only because they use software an IOC names. Widely shared
///   tools (Cobalt Strike, Mimikatz) link dozens of groups, so these are kept apart and ranked by
///   specificity: how few groups share the link.
/// - **Hunt next**: techniques of the actors, the linked software and campaigns that the IOCs
///   did not show, ranked by how specific they are to them (the share of all groups and software
///   using the technique that are linked here), without pre-compromise techniques (see
///   ``PreCompromise``), each with its log sources (de-duplicated, MITRE's "None" channel dropped).
///
/// ```swift
/// let linked = IOCLinker(knowledgeBases: [kb]).link(records)
/// let analysis = IOCAnalysis(linked: linked)
/// analysis.actors.first?.object.name       // "APT29"
/// analysis.weakLeads.first?.sharedBy        // 3: the linking software is used by 3 groups
/// analysis.hunt.first?.technique.attackID   // "T1021.002"
/// ```
public struct IOCAnalysis: Sendable {
    /// An ATT&CK object with its domain and why it is in the analysis.
    public struct Entry: Sendable {
        public var object: AttackObject
        public var kb: KnowledgeBase
        /// IOC values (not defanged) or reasons ("uses EvilTool (S0001)").
        public var reasons: [String]
    }

    /// How a group is linked to the IOCs, strongest first.
    public enum Evidence: Int, Sendable, Comparable, CustomStringConvertible {
        /// An IOC names the group.
        case direct
        /// An IOC names a campaign attributed to the group.
        case campaign
        /// The group uses software an IOC names — a weak lead.
        case software

        public static func < (a: Evidence, b: Evidence) -> Bool { a.rawValue < b.rawValue }

        public var description: String {
            switch self {
            case .direct: "named by an IOC"
            case .campaign: "attributed campaign"
            case .software: "uses linked software"
            }
        }
    }

    /// A group linked to the IOCs.
    public struct Actor: Sendable {
        public var object: AttackObject
        public var kb: KnowledgeBase
        /// The strongest link.
        public var evidence: Evidence
        /// Why, in words: "linked to 1.2.3.4", "attributed campaign C0024 SolarWinds Compromise", "uses Mimikatz (S0002)".
        public var reasons: [String]
        /// IOCs pointing to the group (directly or through its campaign or software).
        public var iocs: Int
        /// For weak leads: how many groups of the release use the most specific linking software.
        public var sharedBy: Int
    }

    /// A technique to hunt for next.
    public struct Hunt: Sendable {
        public var technique: AttackObject
        public var kb: KnowledgeBase
        /// Linked actors, software and campaigns using it.
        public var users: [String]
        /// Groups of the release using it (all of them, linked or not).
        public var groupsUsing: Int
        /// Share of its users (groups and software of the release) that are linked here.
        public var specificity: Double
        /// Where to look: log sources (name and channel), de-duplicated.
        public var logSources: [String]
    }

    /// Techniques linked to the IOCs, in order of first mention.
    public var techniques: [Entry] = []
    /// Software linked to the IOCs.
    public var software: [Entry] = []
    /// Campaigns linked to the IOCs.
    public var campaigns: [Entry] = []
    /// Groups linked directly or through a campaign, strongest first.
    public var actors: [Actor] = []
    /// Groups linked only through software, most specific first.
    public var weakLeads: [Actor] = []
    /// Techniques to hunt next, most specific first.
    public var hunt: [Hunt] = []
    /// Candidate techniques before the limit.
    public var huntCandidates = 0
    /// Candidate techniques left out because they happen before the compromise.
    public var preCompromiseLeftOut = 0

    /// Analyses `linked`; `huntLimit` caps the hunt list.
    public init(linked: [IOCLinker.Linked], huntLimit: Int = 15) {
        func add(_ list: inout [Entry], _ object: AttackObject, _ kb: KnowledgeBase, _ reason: String) {
            if let i = list.firstIndex(where: { $0.object.id == object.id && $0.kb.domain == kb.domain }) {
                if !list[i].reasons.contains(reason) { list[i].reasons.append(reason) }
            } else {
                list.append(Entry(object: object, kb: kb, reasons: [reason]))
            }
        }
        var groups: [Actor] = []
        func link(_ group: AttackObject, _ kb: KnowledgeBase, _ evidence: Evidence, _ reason: String, iocs: Int, sharedBy: Int = 0) {
            if let i = groups.firstIndex(where: { $0.object.id == group.id && $0.kb.domain == kb.domain }) {
                groups[i].evidence = min(groups[i].evidence, evidence)
                if !groups[i].reasons.contains(reason) { groups[i].reasons.append(reason) }
                groups[i].iocs += iocs
                if evidence == .software { groups[i].sharedBy = min(groups[i].sharedBy, sharedBy) }
            } else {
                groups.append(Actor(object: group, kb: kb, evidence: evidence, reasons: [reason], iocs: iocs, sharedBy: evidence == .software ? sharedBy : 0))
            }
        }
        for l in linked {
            for (object, kb) in l.objects {
                switch object.kind {
                case .technique: add(&techniques, object, kb, l.record.value)
                case .group: link(object, kb, .direct, "linked to \(l.record.defanged)", iocs: 1)
                case .software: add(&software, object, kb, l.record.value)
                case .campaign: add(&campaigns, object, kb, l.record.value)
                default: break
                }
            }
        }
        for c in campaigns {
            for g in c.kb.groupsAttributed(fromCampaign: c.object) {
                link(g.object, c.kb, .campaign, "attributed campaign \(c.object.attackID) \(c.object.name)", iocs: c.reasons.count)
            }
        }
        for s in software {
            let users = s.kb.groupsUsing(s.object)
            for g in users {
                link(g.object, s.kb, .software, "uses \(s.object.name) (\(s.object.attackID)), shared by \(users.count) group\(users.count == 1 ? "" : "s")",
                     iocs: s.reasons.count, sharedBy: users.count)
            }
        }
        actors = groups.filter { $0.evidence < .software }.sorted {
            ($0.evidence, -$0.iocs, $0.object.name) < ($1.evidence, -$1.iocs, $1.object.name)
        }
        weakLeads = groups.filter { $0.evidence == .software }.sorted {
            ($0.sharedBy, -$0.iocs, $0.object.name) < ($1.sharedBy, -$1.iocs, $1.object.name)
        }
        rankHunt(limit: huntLimit)
    }

    mutating func rankHunt(limit: Int) {
        let observed = Set(techniques.map { "\($0.kb.domain.rawValue)/\($0.object.id)" })
        var candidates: [String: (technique: AttackObject, kb: KnowledgeBase, users: [String], linkedGroups: Int)] = [:]
        var order: [String] = []
        var pre: [String: PreCompromise] = [:]
        var leftOut = Set<String>()
        func count(_ related: [Related], by name: String, kb: KnowledgeBase, isGroup: Bool) {
            let preCompromise = pre[kb.domain.rawValue] ?? kb.preCompromise()
            pre[kb.domain.rawValue] = preCompromise
            for t in related {
                let key = "\(kb.domain.rawValue)/\(t.object.id)"
                guard !observed.contains(key) else { continue }
                if preCompromise.contains(t.object) {
                    leftOut.insert(key)
                    continue
                }
                if candidates[key] == nil {
                    candidates[key] = (t.object, kb, [], 0)
                    order.append(key)
                }
                if candidates[key]?.users.contains(name) == false {
                    candidates[key]?.users.append(name)
                    if isGroup { candidates[key]?.linkedGroups += 1 }
                }
            }
        }
        for g in actors { count(g.kb.techniquesUsed(byGroup: g.object), by: g.object.name, kb: g.kb, isGroup: true) }
        for c in campaigns { count(c.kb.techniquesUsed(by: c.object), by: c.object.name, kb: c.kb, isGroup: false) }
        for s in software { count(s.kb.techniquesUsed(by: s.object), by: s.object.name, kb: s.kb, isGroup: false) }
        preCompromiseLeftOut = leftOut.count
        let ranked: [Hunt] = order.compactMap { candidates[$0] }.map { c in
            let groupsUsing = c.kb.groupsUsing(c.technique).count
            let allUsers = groupsUsing + c.kb.softwareUsing(c.technique).count
            let specificity = min(1, Double(c.users.count) / Double(max(allUsers, c.users.count, 1)))
            return Hunt(technique: c.technique, kb: c.kb, users: c.users, groupsUsing: groupsUsing, specificity: specificity,
                        logSources: Self.logSources(of: c.technique, in: c.kb))
        }.sorted {
            ($1.specificity, $1.users.count, $0.technique.attackID) < ($0.specificity, $0.users.count, $1.technique.attackID)
        }
        huntCandidates = ranked.count
        hunt = Array(ranked.prefix(max(0, limit)))
    }

    /// A technique's log sources, one entry per source with its channels: `WinEventLog:Sysmon
    /// (EventCode=1; EventCode=11)`. MITRE's "None" channel (no specific channel) is left out
    /// rather than printed as a word; repeated channels are listed once.
    public static func logSources(of technique: AttackObject, in kb: KnowledgeBase) -> [String] {
        var order: [String] = []
        var channels: [String: [String]] = [:]
        for s in kb.detection(of: technique).logSources {
            let name = s.name.trimmingCharacters(in: .whitespaces)
            if channels[name] == nil {
                order.append(name)
                channels[name] = []
            }
            let channel = s.channel.trimmingCharacters(in: .whitespaces)
            guard !channel.isEmpty, channel.caseInsensitiveCompare("none") != .orderedSame,
                  channels[name]?.contains(where: { $0.caseInsensitiveCompare(channel) == .orderedSame }) == false else { continue }
            channels[name]?.append(channel)
        }
        return order.map { name in
            let list = channels[name] ?? []
            return list.isEmpty ? name : "\(name) (\(list.joined(separator: "; ")))"
        }
    }
}
