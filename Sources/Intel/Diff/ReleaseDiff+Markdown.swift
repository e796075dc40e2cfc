import ATTACK
import Output

extension ReleaseDiff {
    /// "Enterprise ATT&CK 17.1 → 18.1".
    public var title: String {
        "\(new.domain.displayName) ATT&CK \(old.attackVersion ?? "old") → \(new.attackVersion ?? "new")"
    }

    /// A one-line description of a change: `T1059.001 PowerShell (1.0 → 2.0): tactics +execution`.
    public static func line(_ c: ObjectChange) -> String {
        var s = c.object.label
        if let v = c.versionChange { s += " (\(v))" }
        if let r = c.replacement { s += " — revoked by \(r.label)" }
        let notes = c.details.map(\.description)
        if !notes.isEmpty { s += ": " + notes.joined(separator: "; ") }
        return s
    }

    /// The changelog as Markdown: a summary table, then per type and category the objects.
    public func markdown() -> String {
        var out = "# Changes in \(Escape.markdownCell(title))\n\n"
        out += summaryMarkdown() + "\n"
        for (type, lists) in sections {
            out += "## \(type.title)\n\n"
            for (category, list) in lists {
                out += "### \(category.title) (\(list.count))\n\n" + list.map { "- " + Escape.markdownCell(Self.line($0)) + "\n" }.joined() + "\n"
            }
        }
        return out
    }

    /// The counts as a Markdown table: one row per type, one column per category.
    public func summaryMarkdown() -> String {
        Table(columns: ["type"] + ChangeCategory.allCases.map(\.rawValue), rows: DiffObjectType.allCases.map { type in
            [type.rawValue] + ChangeCategory.allCases.map { String(count(type, $0)) }
        }).markdown()
    }
}
