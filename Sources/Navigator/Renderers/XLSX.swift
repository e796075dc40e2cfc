import Output
import Foundation
import ZIPFoundation

/// Writes layers as an Excel workbook, one sheet per layer, laid out as
/// mitreattack-python's `ToExcel` does: a row of tactic names, then technique names down each
/// tactic column (sub-techniques of expanded parents indented below them), each cell filled
/// with its score or explicit colour. The OOXML parts are written by hand and zipped; Excel,
/// LibreOffice and openpyxl open the result.
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

    public static func render(_ layers: [Layer], matrix: MatrixIndex, options: RenderOptions = RenderOptions()) throws(Failure) -> Data {
        var styles = StyleTable()
        var sheets: [(name: String, xml: String)] = []
        var usedNames = Set<String>()
        for layer in layers {
            let view = MatrixView(layer: layer, matrix: matrix, options: options)
            var name = sheetName(layer.name)
            var k = 2
            while !usedNames.insert(name.lowercased()).inserted {
                name = String(sheetName(layer.name).prefix(27)) + " (\(k))"
                k += 1
            }
            sheets.append((name, sheet(view, styles: &styles)))
        }
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(count: sheets.count)),
            ("_rels/.rels", rootRels),
            ("xl/workbook.xml", workbook(sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", workbookRels(count: sheets.count)),
            ("xl/styles.xml", styles.xml),
        ]
        for (i, s) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", s.xml)) }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                    provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
            }
            guard let data = archive.data else { throw Failure(message: "the archive produced no data") }
            return data
        } catch let f as Failure {
            throw f
        } catch {
            throw Failure(message: "\(error)")
        }
    }

    static func sheet(_ view: MatrixView, styles: inout StyleTable) -> String {
        var rows: [[String]] = []  // cell XML per row
        let header = view.columns.enumerated().map { i, c in
            inline(ref: column(i) + "1", text: c.tactic.name, style: StyleTable.header)
        }
        rows.append(header)
        for (ci, col) in view.columns.enumerated() {
            var r = 1
            for c in col.cells {
                for cell in [c] + (c.isExpanded ? c.subtechniques : []) {
                    r += 1
                    while rows.count < r { rows.append([]) }
                    let text = cell.isSubtechnique ? "    " + cell.technique.name : cell.technique.name
                    let style = styles.style(fill: cell.fill?.opaqueOverWhite, disabled: !cell.isEnabled)
                    rows[r - 1].append(inline(ref: column(ci) + String(r), text: text, style: style))
                }
            }
        }
        var xml = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"## + "\n"
        xml += ##"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>"##
        if !view.columns.isEmpty { xml += ##"<col min="1" max="\##(view.columns.count)" width="34" customWidth="1"/>"## }
        xml += "</cols><sheetData>"
        for (i, cells) in rows.enumerated() where !cells.isEmpty {
            xml += "<row r=\"\(i + 1)\">" + cells.joined() + "</row>"
        }
        xml += "</sheetData></worksheet>"
        return xml
    }

    static func inline(ref: String, text: String, style: Int) -> String {
        "<c r=\"\(ref)\" s=\"\(style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Escape.xml(text))</t></is></c>"
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

    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31)).trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        return cleaned.isEmpty ? "Layer" : cleaned
    }

    static func contentTypes(count: Int) -> String {
        var x = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"##
        for i in 1...max(count, 1) where i <= count {
            x += ##"<Override PartName="/xl/worksheets/sheet\##(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"##
        }
        return x + "</Types>"
    }

    static let rootRels = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"##

    static func workbook(_ names: [String]) -> String {
        var x = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"##
        for (i, n) in names.enumerated() { x += ##"<sheet name="\##(Escape.xml(n))" sheetId="\##(i + 1)" r:id="rId\##(i + 1)"/>"## }
        return x + "</sheets></workbook>"
    }

    static func workbookRels(count: Int) -> String {
        var x = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"##
        for i in 0..<count {
            x += ##"<Relationship Id="rId\##(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\##(i + 1).xml"/>"##
        }
        x += ##"<Relationship Id="rId\##(count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"##
        return x + "</Relationships>"
    }
}

/// The workbook's cell styles: one per (fill colour, disabled) pair, created on demand.
struct StyleTable {
    static let header = 1
    private var fills: [String] = []
    private var xfs: [(fill: Int, font: Int)] = [(0, 0), (2, 1)]  // 0 default, 1 header (bold, grey)
    private var index: [String: Int] = [:]

    mutating func style(fill: RGBColor?, disabled: Bool) -> Int {
        let key = (fill?.hex ?? "none") + (disabled ? "/d" : "")
        if let i = index[key] { return i }
        var fillID = 0
        if let fill {
            let argb = fill.argbOpaque
            if let f = fills.firstIndex(of: argb) { fillID = f + 3 } else {
                fills.append(argb)
                fillID = fills.count + 2
            }
        }
        xfs.append((fillID, disabled ? 2 : 0))
        index[key] = xfs.count - 1
        return xfs.count - 1
    }

    var xml: String {
        var x = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"##
        x += ##"<fonts count="3"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font><font><strike/><sz val="11"/><color rgb="FF999999"/><name val="Calibri"/></font></fonts>"##
        x += "<fills count=\"\(fills.count + 3)\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        x += ##"<fill><patternFill patternType="solid"><fgColor rgb="FFDDDDDD"/><bgColor indexed="64"/></patternFill></fill>"##
        for f in fills { x += ##"<fill><patternFill patternType="solid"><fgColor rgb="\##(f)"/><bgColor indexed="64"/></patternFill></fill>"## }
        x += "</fills>"
        x += ##"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FFCCCCCC"/></left><right style="thin"><color rgb="FFCCCCCC"/></right><top style="thin"><color rgb="FFCCCCCC"/></top><bottom style="thin"><color rgb="FFCCCCCC"/></bottom><diagonal/></border></borders>"##
        x += ##"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"##
        x += "<cellXfs count=\"\(xfs.count)\">"
        for (i, xf) in xfs.enumerated() {
            let border = i == 0 ? 0 : 1
            x += "<xf numFmtId=\"0\" fontId=\"\(xf.font)\" fillId=\"\(xf.fill)\" borderId=\"\(border)\" xfId=\"0\"\(xf.fill > 0 ? " applyFill=\"1\"" : "")\(xf.font > 0 ? " applyFont=\"1\"" : "") applyBorder=\"\(border)\"/>"
        }
        x += "</cellXfs>"
        x += ##"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"##
        return x
    }
}
