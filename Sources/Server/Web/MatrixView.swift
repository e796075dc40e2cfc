import ATTACK
import Coverage
import Navigator
import Output

/// What the matrix shows: the techniques of chosen groups (one group, or the overlap of
/// several), or a stored coverage snapshot's Detected / Logged / Blind states, or both: then
/// only the groups' techniques carry their state (colour and a D / L / B tag), and the rest of
/// the matrix is drawn plain, so the matrix answers "which of the group's techniques do we
/// catch, log, miss".
struct MatrixView {
    let release: LoadedRelease
    let matrix: MatrixIndex
    /// Chosen groups, resolved.
    var groups: [AttackObject] = []
    /// Technique ID → how many chosen groups use it.
    var groupUse: [String: Int] = [:]
    /// Technique ID → coverage state, when a snapshot is shown.
    var states: [String: CoverageState]?

    var kb: KnowledgeBase { release.knowledgeBase }

    /// Groups over coverage: both chosen.
    var focused: Bool { !groups.isEmpty && states != nil }

    init(release: LoadedRelease, groups: [AttackObject], states: [String: CoverageState]?) {
        self.release = release
        matrix = MatrixIndex(release.knowledgeBase)
        self.groups = groups
        self.states = states
        for group in groups {
            for t in GroupProfile(group: group, in: release.knowledgeBase).techniques {
                groupUse[t.object.attackID, default: 0] += 1
            }
        }
    }

    /// The matrix as HTML: one column per tactic, techniques as buttons, highlighted
    /// sub-techniques listed under their parent.
    func html() -> String {
        var out = "<div class=\"matrix\" role=\"grid\" aria-label=\"\(esc(kb.title)) matrix\">"
        for tactic in matrix.tactics {
            let parents = matrix.parentsByTactic[tactic.shortname] ?? []
            out += "<section class=\"tactic\" role=\"row\"><h2 title=\"\(esc(tactic.attackID))\">\(esc(tactic.name))</h2><ul>"
            for parent in parents {
                out += "<li>" + cell(parent, sub: false)
                let subs = (matrix.subtechniquesByParent[parent.attackID] ?? []).filter { isMarked($0.attackID) }
                if !subs.isEmpty {
                    out += "<ul class=\"subs\">" + subs.map { "<li>" + cell($0, sub: true) + "</li>" }.joined() + "</ul>"
                }
                out += "</li>"
            }
            out += "</ul></section>"
        }
        return out + "</div>"
    }

    /// Whether a sub-technique is listed under its parent: a chosen group uses it, or (coverage
    /// alone) it is not Blind.
    private func isMarked(_ id: String) -> Bool {
        groupUse[id] != nil || (groups.isEmpty && (states?[id].map { $0 != .blind } ?? false))
    }

    /// The one-letter tag of a state, so that states read without colour (and in print).
    static func tag(_ state: CoverageState) -> String { String(state.label.prefix(1)) }

    private func cell(_ t: AttackObject, sub: Bool) -> String {
        var classes = ["cell"]
        if sub { classes.append("sub") }
        var label: [String] = []
        var tag = ""
        let use = groupUse[t.attackID]
        if let n = use {
            classes.append(n > 1 ? "hl hl2" : "hl")
            label.append(groups.count > 1 ? "used by \(n) of \(groups.count) groups" : "used by \(groups.first?.name ?? "the group")")
        }
        if let state = states?[t.attackID] {
            if !focused || use != nil {
                classes.append(state.rawValue)
                label.append(state.label)
                if focused { tag = "<span class=\"st\" aria-hidden=\"true\">\(Self.tag(state))</span>" }
            } else {
                classes.append("other")
            }
        } else if focused {
            if use != nil { label.append("not in the snapshot") } else { classes.append("other") }
        }
        let describedBy = label.isEmpty ? "" : " (\(label.joined(separator: ", ")))"
        return "<button type=\"button\" class=\"\(classes.joined(separator: " "))\" data-id=\"\(esc(t.attackID))\" "
            + "aria-label=\"\(esc(t.attackID)) \(esc(t.name))\(esc(describedBy))\">"
            + tag + "<span class=\"tid\">\(esc(t.attackID))</span> \(esc(t.name))</button>"
    }
}

/// HTML-escapes text from data or uploads (content and quoted attributes): Output's escaper.
func esc(_ text: String) -> String { Escape.htmlAttribute(text) }
