import ATTACK
import Output

extension ExtractionAnswer {
    /// The answer for people (`ttpkit extract`'s table): techniques under the tactic each is
    /// listed under (its first in matrix order; its others named before the evidence as
    /// "[also …]"), tactics in matrix order, strongest first within one; a confidence under
    /// the cut-off (listed with ``Options/all``) in parentheses, with "(weak: advice)" and the
    /// like when it is named but no mention of its name is a claim; then the groups, software,
    /// campaigns and tactics named. Every row has the line of its evidence and the shortest
    /// sentence span holding it (``EvidenceQuote``).
    public func table() -> Table {
        var rows: [[String]] = []
        for group in byTactic {
            for (i, t) in group.findings.enumerated() {
                let f = t.finding
                let confidence = String(format: "%.2f", f.confidence)
                var notes = ""
                if let parent = f.impliedParent { notes += "(implies \(parent.attackID)) " }
                if !t.otherTactics.isEmpty { notes += "[also \(t.otherTactics.map(\.name).joined(separator: ", "))] " }
                // Named, but no mention is a claim: say why (the strongest such mention's reason).
                let mentions = t.evidence.filter { $0.support.method == .name || $0.support.method == .alias }
                if let weak = mentions.first?.support.weak, mentions.allSatisfy({ $0.support.weak != nil }) { notes += "(weak: \(weak.rawValue)) " }
                rows.append([
                    i == 0 ? group.tactic?.name ?? "(no tactic)" : "", f.technique.attackID, f.technique.name,
                    t.belowThreshold ? "(\(confidence))" : confidence, f.methods.map(\.rawValue).joined(separator: ","),
                    t.line.map(String.init) ?? "", notes + (t.evidence.first?.quote.text ?? ""),
                ])
            }
        }
        for section in otherSections {
            for (i, item) in section.items.enumerated() {
                rows.append([i == 0 ? section.title : "", item.object.attackID, item.object.name, "", item.via, item.line, item.quote])
            }
        }
        return Table(columns: ["tactic", "id", "name", "confidence", "via", "line", "evidence"], rows: rows, numericColumns: [3, 5])
    }

    /// The answer for spreadsheets (`--format csv`, written with ``Table/csv(formulaSafe:)``):
    /// one row per technique in the order of ``table()``, then per other object named; the
    /// tactic it is listed under and its others, its confidence, whether it is under the
    /// cut-off, how it was found, its line and its evidence.
    public func csvTable() -> Table {
        var rows: [[String]] = []
        for group in byTactic {
            for t in group.findings {
                let f = t.finding
                rows.append([
                    f.technique.attackID, f.technique.name, "technique", group.tactic?.name ?? "", t.otherTactics.map(\.name).joined(separator: "; "),
                    String(format: "%.3f", f.confidence), t.belowThreshold ? "true" : "false", f.methods.map(\.rawValue).joined(separator: ","),
                    t.line.map(String.init) ?? "", t.evidence.first?.quote.text ?? "",
                ])
            }
        }
        for section in otherSections {
            for item in section.items {
                rows.append([item.object.attackID, item.object.name, item.object.kind.rawValue, "", "", "", "", item.via, item.line, item.quote])
            }
        }
        return Table(columns: ["id", "name", "type", "tactic", "other_tactics", "confidence", "below_threshold", "found_by", "line", "evidence"], rows: rows)
    }

    /// The groups, software, campaigns and tactics named, a section per kind, in order of first
    /// mention, each with how it was named and its first mention's line and quote.
    var otherSections: [(title: String, items: [(object: AttackObject, via: String, line: String, quote: String)])] {
        let named: [(ObjectKind, String)] = [(.group, "Groups"), (.software, "Software"), (.campaign, "Campaigns"), (.tactic, "Tactics named")]
        let rest = Set(extraction.byObject.map(\.object.kind)).subtracting(named.map(\.0) + [.technique]).sorted { $0.rawValue < $1.rawValue }
        return (named + rest.map { ($0, $0.rawValue) }).compactMap { kind, title in
            let items = extraction.byObject.filter { $0.object.kind == kind }.compactMap { o, hits -> (AttackObject, String, String, String)? in
                guard let first = hits.first else { return nil }
                let quote = report.evidenceQuote(support: first.offset..<(first.offset + first.text.utf8.count))
                return (o, Set(hits.map(\.via.rawValue)).sorted().joined(separator: ","), String(quote.line), quote.text)
            }
            return items.isEmpty ? nil : (title, items.map { (object: $0.0, via: $0.1, line: $0.2, quote: $0.3) })
        }
    }
}
