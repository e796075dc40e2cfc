import Output
import Foundation
import ZIPFoundation

/// One worksheet being built: cells by row, hyperlinks, notes, column widths, frozen rows.
struct XLSXSheet {
    enum Value {
        case text(String)
        case number(Double)
    }

    var name: String
    var rows: [Int: [(col: Int, value: Value, style: Int)]] = [:]
    /// (cell reference, URL)
    var links: [(String, String)] = []
    /// (cell reference, text)
    var notes: [(String, String)] = []
    var columnWidths: [Double] = []
    var frozenRows = 0

    init(name: String) { self.name = name }

    mutating func set(row: Int, col: Int, _ value: Value, style: Int) {
        rows[row, default: []].append((col, value, style))
    }

    /// `(5, 0)` → `A5`.
    static func ref(row: Int, col: Int) -> String { XLSXRenderer.column(col) + String(row) }

    /// The worksheet XML; hyperlinks use relationship IDs `rId1…`, the notes' drawing the next one.
    var xml: String {
        var x = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"## + "\n"
        x += ##"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheetViews><sheetView workbookViewId="0">"##
        if frozenRows > 0 {
            x += ##"<pane ySplit="\##(frozenRows)" topLeftCell="A\##(frozenRows + 1)" activePane="bottomLeft" state="frozen"/>"##
        }
        x += ##"</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>"##
        if !columnWidths.isEmpty {
            x += "<cols>" + columnWidths.enumerated().map { i, w in
                ##"<col min="\##(i + 1)" max="\##(i + 1)" width="\##(formatScore(w))" customWidth="1"/>"##
            }.joined() + "</cols>"
        }
        x += "<sheetData>"
        for r in rows.keys.sorted() {
            guard let cells = rows[r] else { continue }
            x += "<row r=\"\(r)\">"
            for c in cells.sorted(by: { $0.col < $1.col }) {
                let ref = Self.ref(row: r, col: c.col)
                switch c.value {
                case .text(let t):
                    x += "<c r=\"\(ref)\" s=\"\(c.style)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Escape.xml(t))</t></is></c>"
                case .number(let v):
                    x += "<c r=\"\(ref)\" s=\"\(c.style)\"><v>\(v.isFinite ? formatScore(v) : "0")</v></c>"
                }
            }
            x += "</row>"
        }
        x += "</sheetData>"
        if !links.isEmpty {
            x += "<hyperlinks>" + links.enumerated().map { i, l in "<hyperlink ref=\"\(l.0)\" r:id=\"rId\(i + 1)\"/>" }.joined() + "</hyperlinks>"
        }
        if !notes.isEmpty { x += "<legacyDrawing r:id=\"rId\(links.count + 2)\"/>" }
        return x + "</worksheet>"
    }

    /// The sheet's relationships (hyperlinks, then comments and their drawing), or nil.
    func relationships(index: Int) -> String? {
        guard !links.isEmpty || !notes.isEmpty else { return nil }
        var x = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"##
        for (i, l) in links.enumerated() {
            x += ##"<Relationship Id="rId\##(i + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="\##(Escape.xml(l.1))" TargetMode="External"/>"##
        }
        if !notes.isEmpty {
            x += ##"<Relationship Id="rId\##(links.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments" Target="../comments\##(index).xml"/>"##
            x += ##"<Relationship Id="rId\##(links.count + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/vmlDrawing" Target="../drawings/vmlDrawing\##(index).vml"/>"##
        }
        return x + "</Relationships>"
    }

    /// The notes part.
    var comments: String {
        var x = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><authors><author>ttpkit</author></authors><commentList>"##
        for (ref, text) in notes {
            x += "<comment ref=\"\(ref)\" authorId=\"0\"><text><t xml:space=\"preserve\">\(Escape.xml(text))</t></text></comment>"
        }
        return x + "</commentList></comments>"
    }

    /// The legacy drawing Excel needs to show the notes.
    var vmlDrawing: String {
        var x = ##"<xml xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel"><o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout><v:shapetype id="_x0000_t202" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>"##
        for (i, note) in notes.enumerated() {
            let (col, row) = Self.position(note.0)
            x += ##"<v:shape id="_x0000_s\##(1025 + i)" type="#_x0000_t202" style="position:absolute;margin-left:80pt;margin-top:2pt;width:220pt;height:80pt;z-index:\##(i + 1);visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto"><v:fill color2="#ffffe1"/><v:shadow on="t" color="black" obscured="t"/><v:path o:connecttype="none"/><v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox><x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill><x:Row>\##(row - 1)</x:Row><x:Column>\##(col)</x:Column></x:ClientData></v:shape>"##
        }
        return x + "</xml>"
    }

    /// `B5` → (1, 5).
    static func position(_ ref: String) -> (Int, Int) {
        var col = 0
        var digits = ""
        for ch in ref {
            if let a = ch.asciiValue, a >= 65, a <= 90 { col = col * 26 + Int(a - 64) } else { digits.append(ch) }
        }
        return (max(col - 1, 0), Int(digits) ?? 1)
    }
}

/// The workbook's cell styles: one per (fill colour, font, indent), created on demand. Text on
/// a fill is black or white by contrast ratio; links are underlined.
struct XLSXStyles {
    enum Font: Int, CaseIterable {
        case plain, bold, disabled, title, plainWhite, link, linkWhite

        /// This font readable on `fill`: white variants on dark fills.
        func on(_ fill: RGBColor?) -> Font {
            guard fill?.contrastingText == "#ffffff" else { return self }
            switch self {
            case .plain: return .plainWhite
            case .link: return .linkWhite
            default: return self
            }
        }

        var xml: String {
            switch self {
            case .plain: return ##"<font><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/></font>"##
            case .bold: return ##"<font><b/><sz val="11"/><name val="Calibri"/></font>"##
            case .disabled: return ##"<font><strike/><sz val="11"/><color rgb="FF595959"/><name val="Calibri"/></font>"##
            case .title: return ##"<font><b/><sz val="14"/><name val="Calibri"/></font>"##
            case .plainWhite: return ##"<font><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/></font>"##
            case .link: return ##"<font><u/><sz val="11"/><color rgb="FF000000"/><name val="Calibri"/></font>"##
            case .linkWhite: return ##"<font><u/><sz val="11"/><color rgb="FFFFFFFF"/><name val="Calibri"/></font>"##
            }
        }
    }

    static let header = 1
    private var fills: [String] = []
    private var xfs: [(fill: Int, font: Int, indent: Bool)] = [(0, 0, false), (2, Font.bold.rawValue, false)]
    private var index: [String: Int] = [:]

    mutating func style(fill: RGBColor? = nil, font: Font, indent: Bool = false) -> Int {
        let key = "\(fill?.hex ?? "none")/\(font.rawValue)/\(indent)"
        if let i = index[key] { return i }
        var fillID = 0
        if let fill {
            let argb = fill.argbOpaque
            if let f = fills.firstIndex(of: argb) { fillID = f + 3 } else {
                fills.append(argb)
                fillID = fills.count + 2
            }
        }
        xfs.append((fillID, font.rawValue, indent))
        index[key] = xfs.count - 1
        return xfs.count - 1
    }

    var xml: String {
        var x = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"##
        x += "<fonts count=\"\(Font.allCases.count)\">" + Font.allCases.map(\.xml).joined() + "</fonts>"
        x += "<fills count=\"\(fills.count + 3)\"><fill><patternFill patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
        x += ##"<fill><patternFill patternType="solid"><fgColor rgb="FFDDDDDD"/><bgColor indexed="64"/></patternFill></fill>"##
        for f in fills { x += ##"<fill><patternFill patternType="solid"><fgColor rgb="\##(f)"/><bgColor indexed="64"/></patternFill></fill>"## }
        x += "</fills>"
        x += ##"<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"><color rgb="FFCCCCCC"/></left><right style="thin"><color rgb="FFCCCCCC"/></right><top style="thin"><color rgb="FFCCCCCC"/></top><bottom style="thin"><color rgb="FFCCCCCC"/></bottom><diagonal/></border></borders>"##
        x += ##"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"##
        x += "<cellXfs count=\"\(xfs.count)\">"
        for (i, xf) in xfs.enumerated() {
            let border = i == 0 ? 0 : 1
            x += "<xf numFmtId=\"0\" fontId=\"\(xf.font)\" fillId=\"\(xf.fill)\" borderId=\"\(border)\" xfId=\"0\"\(xf.fill > 0 ? " applyFill=\"1\"" : "")\(xf.font > 0 ? " applyFont=\"1\"" : "") applyBorder=\"\(border)\""
            x += xf.indent ? " applyAlignment=\"1\"><alignment indent=\"2\"/></xf>" : "/>"
        }
        x += "</cellXfs>"
        x += ##"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"##
        return x
    }
}

/// The package around the sheets: content types, relationships, workbook, document
/// properties (title, description), zipped.
enum XLSXPackage {
    static func zip(sheets: [XLSXSheet], styles: XLSXStyles, title: String, description: String) throws(XLSXRenderer.Failure) -> Data {
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes(sheets)),
            ("_rels/.rels", rootRels),
            ("docProps/core.xml", core(title: title, description: description)),
            ("xl/workbook.xml", workbook(sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", workbookRels(count: sheets.count)),
            ("xl/styles.xml", styles.xml),
        ]
        for (i, s) in sheets.enumerated() {
            parts.append(("xl/worksheets/sheet\(i + 1).xml", s.xml))
            if let rels = s.relationships(index: i + 1) { parts.append(("xl/worksheets/_rels/sheet\(i + 1).xml.rels", rels)) }
            if !s.notes.isEmpty {
                parts.append(("xl/comments\(i + 1).xml", s.comments))
                parts.append(("xl/drawings/vmlDrawing\(i + 1).vml", s.vmlDrawing))
            }
        }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for (path, text) in parts {
                let data = Data(text.utf8)
                try archive.addEntry(
                    with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate,
                    provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
            }
            guard let data = archive.data else { throw XLSXRenderer.Failure(message: "the archive produced no data") }
            return data
        } catch let f as XLSXRenderer.Failure {
            throw f
        } catch {
            throw XLSXRenderer.Failure(message: "\(error)")
        }
    }

    static func contentTypes(_ sheets: [XLSXSheet]) -> String {
        var x = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"##
        for (i, s) in sheets.enumerated() {
            x += ##"<Override PartName="/xl/worksheets/sheet\##(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"##
            if !s.notes.isEmpty {
                x += ##"<Override PartName="/xl/comments\##(i + 1).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"/>"##
            }
        }
        return x + "</Types>"
    }

    static let rootRels = ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"##

    static func core(title: String, description: String) -> String {
        ##"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\##(Escape.xml(title))</dc:title><dc:description>\##(Escape.xml(description))</dc:description><dc:creator>ttpkit</dc:creator></cp:coreProperties>"##
    }

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
