/// Writes a ``ReportDocument`` as GitHub-flavoured Markdown.
///
/// Tables are pipe tables (numeric columns right-aligned), key figures a bold list, figures an
/// image link to their `fileName` (written beside the document by the caller) or, without a
/// file name, their caption only.
///
/// ```swift
/// MarkdownWriter.render(ReportDocument(title: "Coverage", blocks: [.paragraph("31% detected.")]))
/// // "# Coverage\n\n31% detected.\n"
/// ```
public enum MarkdownWriter {
    /// The document as Markdown text, ending in a newline.
    public static func render(_ document: ReportDocument) -> String {
        var parts: [String] = ["# " + inline(document.title)]
        if !document.subtitle.isEmpty { parts.append(document.subtitle.map { "_\(inline($0))_" }.joined(separator: "  \n")) }
        for block in document.blocks { parts.append(render(block)) }
        return parts.joined(separator: "\n\n") + "\n"
    }

    static func render(_ block: ReportBlock) -> String {
        switch block {
        case let .heading(text, level):
            return String(repeating: "#", count: min(6, max(2, level))) + " " + inline(text)
        case .paragraph(let text):
            return inline(text)
        case .bullets(let items):
            return items.map { "- " + inline($0) }.joined(separator: "\n")
        case .numbered(let items):
            return items.enumerated().map { "\($0.offset + 1). " + inline($0.element) }.joined(separator: "\n")
        case .table(let table):
            return self.table(table)
        case .keyFigures(let figures):
            return figures.map { "- **\(inline($0.value))** \(inline($0.label))" }.joined(separator: "\n")
        case .figure(let figure):
            guard let file = figure.fileName else { return "_\(inline(figure.caption))_" }
            return "![\(inline(figure.caption))](\(file.replacingOccurrences(of: " ", with: "%20")))\n\n_\(inline(figure.caption))_"
        case .note(let text):
            return "> " + inline(text)
        case .linkedTable(let linked):
            return table(linked.table, link: linked.link)
        case let .links(items, numbered):
            return items.enumerated().map { (numbered ? "\($0.offset + 1). " : "- ") + anchor($0.element) }.joined(separator: "\n")
        }
    }

    /// `[text](url)` when the address is safe, the escaped text otherwise.
    static func anchor(_ link: ReportLink) -> String {
        guard let url = link.safeURL else { return inline(link.text) }
        let target = url.replacingOccurrences(of: "(", with: "%28").replacingOccurrences(of: ")", with: "%29")
        return "[\(inline(link.text.isEmpty ? url : link.text))](\(target))"
    }

    static func table(_ table: ReportTable, link: (_ row: Int, _ column: Int) -> String? = { _, _ in nil }) -> String {
        guard !table.columns.isEmpty else { return "" }
        func row(_ cells: [String], index: Int?) -> String {
            let padded = (0..<table.columns.count).map { i -> String in
                let text = i < cells.count ? cells[i] : ""
                guard let url = index.flatMap({ link($0, i) }) else { return cell(text) }
                return anchor(ReportLink(text, url: url)).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
            }
            return "| " + padded.joined(separator: " | ") + " |"
        }
        let rule = "|" + table.columns.indices.map { table.numericColumns.contains($0) ? "---:|" : "---|" }.joined()
        return ([row(table.columns, index: nil), rule] + table.rows.enumerated().map { row($0.element, index: $0.offset) }).joined(separator: "\n")
    }

    /// Text for a table cell: pipes escaped, line breaks as spaces.
    static func cell(_ text: String) -> String {
        inline(text).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    /// Plain text made safe for Markdown: characters that would start markup are escaped (`#`
    /// only at the start, where it would make a heading).
    static func inline(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for (index, character) in text.enumerated() {
            switch character {
            case "#" where index == 0:
                out.append("\\#")
                continue
            case "\\", "`", "*", "_", "[", "]", "<", ">":
                out.append("\\")
                out.append(character)
            default:
                out.append(character)
            }
        }
        return out
    }
}
