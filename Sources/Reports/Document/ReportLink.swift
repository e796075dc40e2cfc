import Output
import ATTACK

/// Text with an optional web address, for lists of references and linked table cells.
/// Writers link only `http`/`https` addresses; anything else is written as plain text.
///
/// ```swift
/// ReportLink("T1059 Command and Scripting Interpreter", url: "https://attack.mitre.org/techniques/T1059")
/// ```
public struct ReportLink: Sendable, Hashable {
    public var text: String
    public var url: String?

    public init(_ text: String, url: String? = nil) {
        self.text = text
        self.url = url
    }

    /// The address when it is safe to link: `http://` or `https://`, no spaces or quotes.
    public var safeURL: String? {
        guard let url, let safe = Escape.safeURL(url), safe.lowercased().hasPrefix("http"),
              !safe.contains(where: { $0 == "\"" || $0 == "<" || $0 == ">" }) else { return nil }
        return safe
    }

    /// An ATT&CK object as "T1059.001 Command and Scripting Interpreter: PowerShell" linked to
    /// its ATT&CK page; sub-techniques carry their parent's name.
    public static func object(_ o: AttackObject, in kb: KnowledgeBase) -> ReportLink {
        ReportLink("\(o.attackID) \(ReportText.name(of: o, in: kb))", url: o.url)
    }
}

/// A table whose cells may link somewhere: `links[row][column]` is the address of that cell.
public struct LinkedTable: Sendable, Hashable {
    public var table: ReportTable
    /// Per row, per column: the address, or nil.
    public var links: [[String?]]

    /// Builds the table from rows of links (plain cells have no address).
    public init(columns: [String], rows: [[ReportLink]], numericColumns: Set<Int> = []) {
        table = ReportTable(columns: columns, rows: rows.map { $0.map(\.text) }, numericColumns: numericColumns)
        links = rows.map { $0.map(\.url) }
    }

    func link(row: Int, column: Int) -> String? {
        guard row < links.count, column < links[row].count, let url = links[row][column] else { return nil }
        return ReportLink("", url: url).safeURL
    }
}

extension ReportText {
    /// The last component of a path (`../shared/corpora/sigma/rules` → `rules`), for reports
    /// that must not show the paths of the machine that made them.
    public static func fileName(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        return trimmed.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? path
    }

    /// A technique's name, with its parent's for a sub-technique: "Acquire Infrastructure: Domains".
    public static func name(of technique: AttackObject, in kb: KnowledgeBase) -> String {
        guard technique.parentAttackID != nil, let parent = kb.parent(of: technique) else { return technique.name }
        return "\(parent.name): \(technique.name)"
    }
}
