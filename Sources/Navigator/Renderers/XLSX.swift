import Output
import Foundation
import ZIPFoundation

/// Writes layers as an Excel workbook: one matrix sheet per layer, laid out as the Navigator's
/// Excel export (tactic columns, techniques down each column, sub-techniques of expanded parents
/// indented under them, cells filled with their colour) and carrying more: the layer's title and
/// description above the matrix, "T1059.001 PowerShell" (ID and name) in each cell with a
/// hyperlink to its ATT&CK page, the numeric score in a column beside the name when the layer
/// is scored, the comment as a cell note, and a "Legend" sheet naming every colour and mark.
/// Sheet names keep every group of a long name ("APT29, APT28 +2 more"). The OOXML parts are
/// written by hand and zipped; Excel, LibreOffice and openpyxl open the result.
///
/// ```swift
/// let data = try XLSXRenderer.render([layer], matrix: MatrixIndex(kb))
/// try OutputFile.write(data, to: "apt29.xlsx")
/// ```
public enum XLSXRenderer {
    /// Why the workbook could not be built.
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let message: String
        public var description: String { "cannot build the XLSX workbook: \(message)" }
    }

    /// The first row of the matrix under the title and description.
    static let headerRow = 4

    public static func render(_ layers: [Layer], matrix: MatrixIndex, options: RenderOptions = RenderOptions()) throws(Failure) -> Data {
        var styles = XLSXStyles()
        var sheets: [XLSXSheet] = []
        var usedNames = Set<String>()
        var views: [MatrixView] = []
        for layer in layers {
            let view = MatrixView(layer: layer, matrix: matrix, options: options)
            views.append(view)
            var name = sheetName(layer.name)
            var k = 2
            while !usedNames.insert(name.lowercased()).inserted {
                name = String(sheetName(layer.name, limit: 26)) + " (\(k))"
                k += 1
            }
            sheets.append(sheet(view, name: name, styles: &styles))
        }
        var legendName = "Legend"
        while usedNames.contains(legendName.lowercased()) { legendName += "_" }
        sheets.append(legendSheet(views, name: legendName, styles: &styles))
        return try XLSXPackage.zip(sheets: sheets, styles: styles, title: layers.first?.name ?? "", description: layers.first?.description ?? "")
    }

    static func sheet(_ view: MatrixView, name: String, styles: inout XLSXStyles) -> XLSXSheet {
        var sheet = XLSXSheet(name: name)
        let scored = view.layer.techniques.contains { $0.score != nil }
        let span = scored ? 2 : 1
        sheet.set(row: 1, col: 0, .text(view.title), style: styles.style(font: .title))
        var about = view.layer.domain.displayName + (view.layer.versions?.attack.map { " · ATT&CK v\($0)" } ?? "")
        if let d = view.layer.description, !d.isEmpty { about += " · " + d }
        sheet.set(row: 2, col: 0, .text(about), style: 0)
        for (i, c) in view.columns.enumerated() {
            sheet.set(row: headerRow, col: i * span, .text(c.tactic.name), style: XLSXStyles.header)
            if scored { sheet.set(row: headerRow, col: i * span + 1, .text("Score"), style: XLSXStyles.header) }
        }
        for (ci, col) in view.columns.enumerated() {
            var r = headerRow
            for c in col.cells {
                for cell in [c] + c.drawnSubtechniques {
                    r += 1
                    let label = "\(cell.technique.attackID) \(cell.technique.name)"
                    let fill = cell.isEnabled ? cell.fill?.opaqueOverWhite : nil
                    let font: Font = !cell.isEnabled ? .disabled : (cell.technique.url == nil ? Font.plain : Font.link).on(fill)
                    let style = styles.style(fill: fill, font: font, indent: cell.isSubtechnique)
                    sheet.set(row: r, col: ci * span, .text(label), style: style)
                    if scored, let s = cell.aggregateScore ?? cell.score {
                        sheet.set(row: r, col: ci * span + 1, .number(s), style: styles.style(fill: fill, font: Font.plain.on(fill)))
                    }
                    if let url = cell.technique.url.flatMap(Escape.safeURL) { sheet.links.append((XLSXSheet.ref(row: r, col: ci * span), url)) }
                    var note = cell.entry?.comment ?? ""
                    if !cell.isEnabled { note = "Disabled in the layer." + (note.isEmpty ? "" : "\n" + note) }
                    if !note.isEmpty { sheet.notes.append((XLSXSheet.ref(row: r, col: ci * span), note)) }
                }
            }
        }
        sheet.columnWidths = (0..<(view.columns.count * span)).map { scored && $0 % 2 == 1 ? 7 : 34 }
        sheet.frozenRows = headerRow
        return sheet
    }

    typealias Font = XLSXStyles.Font

    /// The legend sheet: per layer its title, description, colours with their meaning, the
    /// gradient's ends, and the marks every matrix sheet uses.
    static func legendSheet(_ views: [MatrixView], name: String, styles: inout XLSXStyles) -> XLSXSheet {
        var sheet = XLSXSheet(name: name)
        var r = 1
        sheet.set(row: r, col: 0, .text("Legend"), style: styles.style(font: .title))
        for view in views {
            r += 2
            sheet.set(row: r, col: 0, .text(view.title), style: XLSXStyles.header)
            sheet.set(row: r, col: 1, .text(view.layer.description ?? ""), style: 0)
            let legend = view.legend
            for item in legend.items {
                r += 1
                sheet.set(row: r, col: 0, .text(item.key ?? ""), style: styles.style(fill: item.color, font: Font.plain.on(item.color)))
                sheet.set(row: r, col: 1, .text(item.label), style: 0)
            }
            if let g = legend.gradient {
                for (value, color) in [(g.minValue, g.colors.first), (g.maxValue, g.colors.last)] {
                    guard let c = color.flatMap(RGBColor.init(parsing:))?.opaqueOverWhite else { continue }
                    r += 1
                    sheet.set(row: r, col: 0, .number(value), style: styles.style(fill: c, font: Font.plain.on(c)))
                    sheet.set(row: r, col: 1, .text("score \(formatScore(value)) (colours between are interpolated)"), style: 0)
                }
            }
        }
        r += 2
        sheet.set(row: r, col: 0, .text("Marks"), style: XLSXStyles.header)
        for text in [
            "Each technique cell: ATT&CK ID and name, linked to its page on attack.mitre.org.",
            "Score column: the technique's score in the layer (the aggregate of the technique and its sub-techniques when the layer asks for it).",
            "A note (red corner) holds the layer's comment on the technique.",
            "Indented: a sub-technique, under its parent.",
            "Grey, struck through: disabled in the layer.",
        ] {
            r += 1
            sheet.set(row: r, col: 1, .text(text), style: 0)
        }
        sheet.columnWidths = [24, 90]
        return sheet
    }

    /// `0` → `A`, `26` → `AA`.
    static func column(_ i: Int) -> String {
        var n = i + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// A sheet name from a layer name: Excel's forbidden characters replaced and at most
    /// `limit` characters; a list that does not fit keeps its leading items and says how many
    /// more there are: `Overlap: APT29, APT28, Lazarus Group, FIN7` → `APT29, APT28 +2 more`.
    static func sheetName(_ name: String, limit: Int = 31) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        guard cleaned.count > limit else { return cleaned.isEmpty ? "Layer" : cleaned }
        var body = Substring(name)
        if let colon = name.firstIndex(of: ":"), name[name.index(after: colon)...].contains(",") { body = name[name.index(after: colon)...] }
        let items = body.split(separator: ",").map { $0.map { "[]:*?/\\".contains($0) ? "_" : $0 } }
            .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if items.count > 1 {
            for keep in stride(from: items.count - 1, through: 1, by: -1) {
                let text = items.prefix(keep).joined(separator: ", ") + " +\(items.count - keep) more"
                if text.count <= limit { return text }
            }
            let more = " +\(items.count - 1) more"
            return String(items[0].prefix(max(1, limit - more.count))) + more
        }
        return String(cleaned.prefix(limit)).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
    }
}
