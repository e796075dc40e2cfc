import Foundation
import Output

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
        if let provenance = document.provenance { parts.append("---\n\n_Answered from \(inline(provenance.summary))_") }
        return parts.joined(separator: "\n\n") + "\n"
    }

    static func render(_ block: ReportBlock) -> String {
        switch block {
        case let .heading(text, level):
            return String(repeating: "#", count: min(6, max(2, level))) + " " + inline(text)
        case .paragraph(let text):
            return Escape.markdown(text)
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
            let target = file.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "()"))) ?? ""
            return "![\(inline(figure.caption))](\(target))\n\n_\(inline(figure.caption))_"
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
        Escape.markdownLink(link.text.isEmpty ? (link.safeURL ?? "") : link.text, url: link.safeURL)
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

    /// Text for a table cell (``Escape/markdownCell(_:)``).
    static func cell(_ text: String) -> String { Escape.markdownCell(text) }

    /// One line of escaped text (headings, list items, captions): line breaks become spaces.
    static func inline(_ text: String) -> String {
        Escape.markdown(text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " "))
    }
}
