import ATTACK
import Coverage
import Navigator
import Output

/// The side panel of one technique: description, the chosen groups' procedures with their
/// citations (a parent technique's include those of its sub-techniques, each naming the
/// sub-technique it came from), the snapshot's rules and telemetry, mitigations and detection
/// strategies.
enum TechniquePanel {
    /// One procedure example: the group, how it was reached, and the sub-technique it was
    /// recorded under when the panel is its parent's.
    struct Procedure {
        let group: AttackObject
        let path: Related.Path
        let subtechnique: AttackObject?
    }

    /// The technique's own procedures, then its sub-techniques' in ATT&CK ID order, of the
    /// chosen groups (of every group when none is chosen); only those with a description.
    static func procedures(_ profile: TechniqueProfile, kb: KnowledgeBase, chosen: Set<Int>) -> [Procedure] {
        func of(_ users: [Related], sub: AttackObject?) -> [Procedure] {
            users.filter { chosen.isEmpty || chosen.contains($0.object.index) }.flatMap { u in
                u.paths.filter { !$0.relationship.description.isEmpty }.map { Procedure(group: u.object, path: $0, subtechnique: sub) }
            }
        }
        var all = of(profile.groups, sub: nil)
        for sub in profile.subtechniques { all += of(kb.groupsUsing(sub), sub: sub) }
        return all
    }

    static func html(_ t: AttackObject, kb: KnowledgeBase, groups: [AttackObject], entry: TechniqueCoverage?) -> String {
        let profile = TechniqueProfile(technique: t, in: kb)
        var out = "<h2 id=\"panel-title\"><span class=\"tid\">\(esc(t.attackID))</span> \(esc(t.name))</h2>"
        if let url = t.url.flatMap(Escape.safeURL) { out += "<p><a href=\"\(esc(url))\" rel=\"noopener noreferrer\">ATT&amp;CK page</a></p>" }
        out += "<p class=\"meta\">Tactics: \(esc(profile.tactics.map(\.name).joined(separator: ", "))) · Platforms: \(esc(t.platforms.joined(separator: ", ")))</p>"
        out += "<p>\(esc(ProcedureText.comment(t.description, maxLength: 900)))</p>"
        let chosen = Set(groups.map(\.index))
        out += "<h3>Procedures\(chosen.isEmpty ? "" : " of the chosen groups")</h3>"
        let procedures = Self.procedures(profile, kb: kb, chosen: chosen)
        if procedures.isEmpty { out += "<p class=\"none\">None recorded.</p>" }
        out += "<ul class=\"procedures\">"
        for p in procedures.prefix(chosen.isEmpty ? 12 : 50) {
            out += "<li><strong>\(esc(p.group.name))</strong>"
            if let sub = p.subtechnique {
                out += " <span class=\"meta via-sub\">(sub-technique <button type=\"button\" class=\"link\" data-id=\"\(esc(sub.attackID))\">\(esc(sub.attackID))</button> \(esc(sub.name)))</span>"
            }
            if p.path.via != .direct { out += " <span class=\"meta\">(\(esc(p.path.via.description)))</span>" }
            out += ": \(esc(ProcedureText.plain(p.path.relationship.description)))"
            let citations = p.path.relationship.citations
            if !citations.isEmpty {
                out += "<ul class=\"citations\">" + citations.map { c in
                    let text = esc(c.description ?? c.sourceName)
                    return "<li>" + (c.url.flatMap(Escape.safeURL).map { "<a href=\"\(esc($0))\" rel=\"noopener noreferrer\">\(text)</a>" } ?? text) + "</li>"
                }.joined() + "</ul>"
            }
            out += "</li>"
        }
        out += "</ul>"
        if let entry {
            out += "<h3>Coverage: \(esc(entry.state.rawValue.capitalized))</h3>"
            if entry.ruleLocations.isEmpty {
                out += "<p class=\"none\">No rule names this technique.</p>"
            } else {
                out += "<ul>" + entry.ruleLocations.prefix(30).map { r in
                    "<li>\(esc(r.title.isEmpty ? r.path : r.title)) <span class=\"meta\">\(esc(r.path)):\(r.line)</span></li>"
                }.joined() + "</ul>"
            }
            out += "<p class=\"meta\">Telemetry sources that can see it: \(entry.telemetry.count)</p>"
        }
        out += "<h3>Mitigations</h3>"
        out += profile.mitigations.isEmpty ? "<p class=\"none\">None.</p>" : "<ul>" + profile.mitigations.map {
            "<li><span class=\"tid\">\(esc($0.object.attackID))</span> \(esc($0.object.name))</li>"
        }.joined() + "</ul>"
        out += "<h3>Detection</h3>"
        if profile.detection.strategies.isEmpty && profile.detection.dataComponents.isEmpty {
            out += "<p class=\"none\">None in this release.</p>"
        }
        out += "<ul>" + profile.detection.strategies.map { s in
            "<li><span class=\"tid\">\(esc(s.strategy.attackID))</span> \(esc(s.strategy.name))<ul>" + s.analytics.map { a in
                "<li>\(esc(a.attackID)) \(esc(a.platforms.joined(separator: ", "))): "
                    + esc(a.logSourceReferences.map { $0.channel.isEmpty ? $0.name : "\($0.name) / \($0.channel)" }.joined(separator: "; ")) + "</li>"
            }.joined() + "</ul></li>"
        }.joined() + profile.detection.dataComponents.map { "<li>Data component: \(esc($0.name))</li>" }.joined() + "</ul>"
        return out
    }
}
