import ATTACK
import Output
/// A report as a sequence of blocks, independent of the output format.
///
/// Reports are assembled once as a `ReportDocument` (the coverage report, later the actor
/// profile) and written by ``MarkdownWriter`` or ``HTMLWriter``; neither writer knows what a
/// report is about. Text is plain: writers escape it for their format.
///
/// ```swift
/// var doc = ReportDocument(title: "Detection coverage", subtitle: ["ATT&CK Enterprise 18.1 · 2025-11-23"])
/// doc.blocks.append(.keyFigures([KeyFigure(value: "31%", label: "of techniques detected")]))
/// doc.blocks.append(.heading("Coverage by tactic"))
/// doc.blocks.append(.table(ReportTable(columns: ["Tactic", "Detected"], rows: [["Execution", "12"]])))
/// let markdown = MarkdownWriter.render(doc)   // "# Detection coverage\n\n..."
/// ```
public struct ReportDocument: Sendable, Hashable {
    /// The title (a level-1 heading).
    public var title: String
    /// Lines under the title: release, date, inputs.
    public var subtitle: [String] = []
    /// The body.
    public var blocks: [ReportBlock] = []
    /// What the report was computed from, printed in its footer (and the `provenance` member of
    /// its JSON).
    public var provenance: Provenance?

    /// The figures of the document, in order (writers that cannot embed them write them
    /// beside the document).
    public var figures: [ReportFigure] {
        blocks.compactMap { if case .figure(let f) = $0 { return f } else { return nil } }
    }
}

/// One block of a ``ReportDocument``.
public enum ReportBlock: Sendable, Hashable {
    /// A section heading; level 2 by default (the title is level 1).
    case heading(String, level: Int = 2)
    /// A paragraph of plain text.
    case paragraph(String)
    /// A bulleted list.
    case bullets([String])
    /// A numbered list.
    case numbered([String])
    /// A table.
    case table(ReportTable)
    /// Headline numbers, shown large in HTML and as a list in Markdown.
    case keyFigures([KeyFigure])
    /// An SVG drawing.
    case figure(ReportFigure)
    /// A short note in smaller type.
    case note(String)
    /// A table with linked cells.
    case linkedTable(LinkedTable)
    /// A list of texts with addresses (references, sources); numbered or bulleted.
    case links([ReportLink], numbered: Bool)
}

/// A table of a report: header, rows, and which columns hold numbers (right-aligned). The
/// one table type of ttpkit (``Output/Table``), rendered by each writer with its escaping.
public typealias ReportTable = Table

/// A headline number with its label: "31%" "of techniques detected".
public struct KeyFigure: Sendable, Hashable {
    /// The number, formatted.
    public var value: String
    /// What it counts.
    public var label: String
    /// A tone for colouring in HTML.
    public var tone: Tone = .neutral

    /// Colours for key figures.
    public enum Tone: String, Sendable, Hashable {
        case neutral, good, warning, bad
    }
}

/// An SVG figure with its caption; `fileName` is where writers that cannot embed it (Markdown)
/// expect it beside the document.
public struct ReportFigure: Sendable, Hashable {
    /// The SVG document.
    public var svg: String
    /// The caption.
    public var caption: String
    /// The file name to link from Markdown (`report-heatmap.svg`), or nil to leave it out.
    public var fileName: String?
    /// Printed on a page of its own, in landscape (a full matrix).
    public var ownPage = false
}

/// The output formats of reports, chosen by the output file's extension.
public enum ReportFormat: String, Sendable, CaseIterable {
    case markdown = "md"
    case html

    /// `.md`/`.markdown` or `.html`/`.htm` (any case); nil otherwise.
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "md", "markdown": self = .markdown
        case "html", "htm": self = .html
        default: return nil
        }
    }

    /// Writes a document in this format.
    public func render(_ document: ReportDocument) -> String {
        switch self {
        case .markdown: return MarkdownWriter.render(document)
        case .html: return HTMLWriter.render(document)
        }
    }
}
