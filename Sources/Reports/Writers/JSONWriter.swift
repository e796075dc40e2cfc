import ATTACK
import Output
import STIX

/// Writes a ``ReportDocument`` as JSON: the title, subtitle lines and each block with its
/// `type` (`heading`, `paragraph`, `bullets`, `numbered`, `table`, `key_figures`, `figure`,
/// `note`, `links`). Text stays plain (no escaping for a markup); figures carry their SVG text.
/// `ttpkit report coverage -o report.json` and the server's `/api/report` write it.
///
/// ```swift
/// let json = JSONWriter.value(ReportDocument(title: "Coverage", blocks: [.paragraph("31% detected")]))
/// json.serialized(pretty: false)   // {"title":"Coverage","subtitle":[],"blocks":[{"type":"paragraph","text":"31% detected"}]}
/// ```
public enum JSONWriter {
    /// The document as a JSON value.
    public static func value(_ document: ReportDocument) -> JSONValue {
        var o = JSONObject([
            ("title", .string(document.title)),
            ("subtitle", strings(document.subtitle)),
            ("blocks", .array(document.blocks.map(value))),
        ])
        if let provenance = document.provenance { o["provenance"] = provenance.json() }
        return .object(o)
    }

    /// The document as pretty-printed JSON text with a final newline.
    public static func render(_ document: ReportDocument) -> String {
        value(document).serialized(pretty: true) + "\n"
    }

    static func value(_ block: ReportBlock) -> JSONValue {
        switch block {
        case let .heading(text, level):
            return object("heading", [("text", .string(text)), ("level", .number(Double(min(6, max(2, level)))))])
        case .paragraph(let text):
            return object("paragraph", [("text", .string(text))])
        case .bullets(let items):
            return object("bullets", [("items", strings(items))])
        case .numbered(let items):
            return object("numbered", [("items", strings(items))])
        case .table(let table):
            return object("table", tableMembers(table))
        case .keyFigures(let figures):
            return object("key_figures", [("figures", .array(figures.map { f in
                .object(JSONObject([("value", .string(f.value)), ("label", .string(f.label)), ("tone", .string(f.tone.rawValue))]))
            }))])
        case .figure(let figure):
            return object("figure", [("caption", .string(figure.caption)), ("svg", .string(figure.svg))])
        case .note(let text):
            return object("note", [("text", .string(text))])
        case .linkedTable(let linked):
            let links: JSONValue = .array(linked.table.rows.indices.map { r in
                .array(linked.table.columns.indices.map { c in linked.link(row: r, column: c).map(JSONValue.string) ?? .null })
            })
            return object("table", tableMembers(linked.table) + [("links", links)])
        case let .links(items, numbered):
            return object("links", [("numbered", .bool(numbered)), ("items", .array(items.map { l in
                .object(JSONObject([("text", .string(l.text)), ("url", l.safeURL.map(JSONValue.string) ?? .null)]))
            }))])
        }
    }

    static func tableMembers(_ table: ReportTable) -> [(String, JSONValue)] {
        [("columns", strings(table.columns)), ("rows", .array(table.rows.map(strings))),
         ("numeric_columns", .array(table.numericColumns.sorted().map { .number(Double($0)) }))]
    }

    static func object(_ type: String, _ members: [(String, JSONValue)]) -> JSONValue {
        .object(JSONObject([("type", .string(type))] + members))
    }

    static func strings(_ items: [String]) -> JSONValue { ObjectJSON.strings(items) }
}
