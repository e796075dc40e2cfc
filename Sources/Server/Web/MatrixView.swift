import ATTACK
import Coverage
import Navigator
import Output

/// What the matrix shows: the techniques of chosen groups (one group, or the overlap of
/// several), and optionally a stored coverage snapshot's Detected / Logged / Blind states, whose
/// combination with groups is the gap overlay (used by a chosen group, not Detected).
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

    private func isMarked(_ id: String) -> Bool {
        groupUse[id] != nil || (states?[id].map { $0 != .blind } ?? false)
    }

    private func cell(_ t: AttackObject, sub: Bool) -> String {
        var classes = ["cell"]
        if sub { classes.append("sub") }
        var label: [String] = []
        if let n = groupUse[t.attackID] {
            classes.append(n > 1 ? "hl hl2" : "hl")
            label.append(groups.count > 1 ? "used by \(n) of \(groups.count) groups" : "used by \(groups.first?.name ?? "the group")")
        }
        if let state = states?[t.attackID] {
            classes.append(state.rawValue)
            label.append(state.rawValue)
            if groupUse[t.attackID] != nil && state != .detected { classes.append("gap"); label.append("gap") }
        }
        let describedBy = label.isEmpty ? "" : " (\(label.joined(separator: ", ")))"
        return "<button type=\"button\" class=\"\(classes.joined(separator: " "))\" data-id=\"\(esc(t.attackID))\" "
            + "aria-label=\"\(esc(t.attackID)) \(esc(t.name))\(esc(describedBy))\">"
            + "<span class=\"tid\">\(esc(t.attackID))</span> \(esc(t.name))</button>"
    }
}

/// HTML-escapes text from data or uploads (content and quoted attributes): Output's escaper.
func esc(_ text: String) -> String { Escape.htmlAttribute(text) }
