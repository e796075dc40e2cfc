import ATTACK

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
        var out = "# Changes in \(title)\n\n"
        out += summaryMarkdown() + "\n"
        for type in changedTypes {
            out += "## \(type.title)\n\n"
            for category in ChangeCategory.allCases {
                let list = changes(type, category)
                guard !list.isEmpty else { continue }
                out += "### \(category.title) (\(list.count))\n\n"
                for c in list { out += "- " + Self.escape(Self.line(c)) + "\n" }
                out += "\n"
            }
        }
        return out
    }

    /// The counts as a Markdown table: one row per type, one column per category.
    public func summaryMarkdown() -> String {
        let header = ["type"] + ChangeCategory.allCases.map(\.rawValue)
        var out = "| " + header.joined(separator: " | ") + " |\n"
        out += "|" + String(repeating: "---|", count: header.count) + "\n"
        for type in DiffObjectType.allCases {
            out += "| \(type.rawValue) | " + ChangeCategory.allCases.map { String(count(type, $0)) }.joined(separator: " | ") + " |\n"
        }
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
    }
}
