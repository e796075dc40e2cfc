import ATTACK
import STIX

/// The questions of ttpkit, each one library call returning an ``Answer``. The CLI, the JSON
/// API, the web app and the reports parse their input, call one of these and render what it
/// returns; none of them computes an answer of its own.
public enum Questions {}

/// The filters of a technique list (`ttpkit techniques`, `GET /api/techniques`).
public struct TechniqueFilter: Sendable, Hashable {
    /// Text the ID or name contains.
    public var match: String?
    /// A tactic: shortname, name or TA ID.
    public var tactic: String?
    /// A platform, as the release names it (any case).
    public var platform: String?
    public var subtechniques: Bool
    /// Only techniques created / modified after this date (`YYYY-MM-DD`).
    public var createdAfter: String?
    public var modifiedAfter: String?

    public init(match: String? = nil, tactic: String? = nil, platform: String? = nil, subtechniques: Bool = true,
                createdAfter: String? = nil, modifiedAfter: String? = nil) {
        self.match = match
        self.tactic = tactic
        self.platform = platform
        self.subtechniques = subtechniques
        self.createdAfter = createdAfter
        self.modifiedAfter = modifiedAfter
    }
}

/// A question that cannot be answered as asked: the message says what was expected. `notFound`
/// is a name, ID or release that does not exist (exit 2 / HTTP 404); `invalid` a malformed
/// request (exit 2 / HTTP 400).
public enum QuestionError: Error, CustomStringConvertible, Sendable {
    case notFound(String)
    case invalid(String)

    public var description: String {
        switch self {
        case .notFound(let m), .invalid(let m): m
        }
    }
}

extension Questions {
    /// The objects of one kind whose ID, name (or alias) contains `match`.
    public static func objects(_ kind: ObjectKind, matching match: String?, including inclusion: Inclusion = .activeOnly,
                               in kb: KnowledgeBase) -> Answer<[AttackObject]> {
        let list = kb.objects(kind, matching: match, including: inclusion)
        var provenance = Provenance(knowledgeBase: kb)
        provenance.add("type", kind.rawValue)
        provenance.add("match", match)
        inclusion.record(in: &provenance)
        return Answer(value: list, body: .array(list.map(ObjectJSON.listEntry)), listKey: listKey(kind), provenance: provenance)
    }

    /// Techniques filtered by tactic, platform, sub-technique and dates.
    public static func techniques(_ filter: TechniqueFilter, including inclusion: Inclusion = .activeOnly,
                                  in kb: KnowledgeBase) throws(QuestionError) -> Answer<[AttackObject]> {
        var tacticName: String?
        if let tactic = filter.tactic {
            if let t = kb.tactic(shortname: tactic.lowercased()) {
                tacticName = t.shortname
            } else {
                tacticName = try resolve(tactic, .tactic, kb).object.shortname
            }
        }
        var platformName: String?
        if let platform = filter.platform {
            guard let known = kb.platform(named: platform) else {
                throw .notFound("no platform '\(platform)' in \(kb.title); platforms: \(kb.platforms.joined(separator: ", "))")
            }
            platformName = known
        }
        let createdAfter = try checkedDate(filter.createdAfter), modifiedAfter = try checkedDate(filter.modifiedAfter)
        var list = kb.techniques(inTactic: tacticName, onPlatform: platformName, subtechniques: filter.subtechniques,
                                 createdAfter: createdAfter, modifiedAfter: modifiedAfter, including: inclusion)
        if let match = filter.match {
            let matching = Set(kb.objects(.technique, matching: match, including: inclusion).map(\.index))
            list = list.filter { matching.contains($0.index) }
        }
        var provenance = Provenance(knowledgeBase: kb)
        provenance.add("match", filter.match)
        provenance.add("tactic", tacticName)
        provenance.add("platform", platformName)
        if !filter.subtechniques { provenance.add("subtechniques", "false") }
        provenance.add("created_after", createdAfter)
        provenance.add("modified_after", modifiedAfter)
        inclusion.record(in: &provenance)
        return Answer(value: list, body: .array(list.map(ObjectJSON.techniqueEntry)), listKey: "techniques", provenance: provenance)
    }

    /// A group's profile: aliases, campaigns, software and techniques with procedures.
    public static func group(_ resolution: Resolution, viaCampaigns: Bool = true, viaSoftware: Bool = false,
                             including inclusion: Inclusion = .activeOnly, in kb: KnowledgeBase) -> Answer<GroupProfile> {
        let profile = GroupProfile(group: resolution.object, in: kb, viaCampaigns: viaCampaigns, viaSoftware: viaSoftware, including: inclusion)
        var provenance = Provenance(knowledgeBase: kb)
        provenance.add("via_campaigns", String(viaCampaigns))
        provenance.add("via_software", String(viaSoftware))
        inclusion.record(in: &provenance)
        return Answer(value: profile, body: profile.json(kb: kb, note: resolution.note), provenance: provenance)
    }

    /// A technique's profile: tactics, platforms, sub-techniques, mitigations, detection, users.
    public static func technique(_ resolution: Resolution, including inclusion: Inclusion = .activeOnly,
                                 in kb: KnowledgeBase) -> Answer<TechniqueProfile> {
        let profile = TechniqueProfile(technique: resolution.object, in: kb, including: inclusion)
        var provenance = Provenance(knowledgeBase: kb)
        inclusion.record(in: &provenance)
        return Answer(value: profile, body: profile.json(kb: kb, note: resolution.note), provenance: provenance)
    }

    /// Free text over IDs, names, aliases and descriptions, best first.
    public static func search(_ text: String, type: String? = nil, limit: Int = 50, including inclusion: Inclusion = .activeOnly,
                              in kb: KnowledgeBase) throws(QuestionError) -> Answer<[SearchHit]> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.unicodeScalars.count <= 200 else { throw .invalid("expected the text to search for (1–200 characters)") }
        var kinds: Set<ObjectKind>?
        if let type {
            guard let kind = ObjectKind(rawValue: type.lowercased().replacingOccurrences(of: " ", with: "")) else {
                throw .invalid("unknown type '\(type)'; expected one of \(ObjectKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            kinds = [kind]
        }
        guard (1...1000).contains(limit) else { throw .invalid("limit: expected a whole number from 1 to 1000") }
        let hits = Array(kb.search(trimmed, kinds: kinds, including: inclusion).prefix(limit))
        var provenance = Provenance(knowledgeBase: kb)
        provenance.add("text", trimmed)
        provenance.add("type", kinds?.first?.rawValue)
        provenance.add("limit", String(limit))
        inclusion.record(in: &provenance)
        return Answer(value: hits, body: .array(hits.map(ObjectJSON.searchHit)), listKey: "hits", provenance: provenance)
    }

    /// Resolves a name, ID or alias of `kind` (any case), or says what was meant.
    public static func resolve(_ text: String, _ kind: ObjectKind, _ kb: KnowledgeBase,
                               including inclusion: Inclusion = .activeOnly) throws(QuestionError) -> Resolution {
        do throws(LookupError) {
            return try kb.resolve(text, kind: kind, including: inclusion)
        } catch {
            throw .notFound(error.description)
        }
    }

    /// The JSON member a list of `kind` goes in.
    static func listKey(_ kind: ObjectKind) -> String {
        switch kind {
        case .group: "groups"
        case .software: "software"
        case .campaign: "campaigns"
        case .mitigation: "mitigations"
        case .dataComponent: "datacomponents"
        case .technique: "techniques"
        default: "objects"
        }
    }

    /// A date option (`YYYY-MM-DD` or an ISO 8601 timestamp), nil and empty (an HTML
    /// form's unset field) are no date.
    public static func checkedDate(_ text: String?) throws(QuestionError) -> String? {
        guard let text else { return nil }
        let t = text
        if t.isEmpty { return nil }
        let head = Array(t.utf8.prefix(11))
        let ok = head.count >= 10 && head.prefix(10).enumerated().allSatisfy { i, c in (i == 4 || i == 7) ? c == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) }
            && (head.count == 10 || head[10] == UInt8(ascii: "T") || head[10] == UInt8(ascii: " "))
        guard ok else { throw .invalid("'\(text)' is not a date; expected YYYY-MM-DD or an ISO 8601 timestamp") }
        return t
    }
}

extension Inclusion {
    /// Records a non-default inclusion among an answer's options.
    func record(in provenance: inout Provenance) {
        if revoked { provenance.add("include_revoked", "true") }
        if deprecated { provenance.add("include_deprecated", "true") }
    }
}
