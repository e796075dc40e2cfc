import Foundation

/// The output formats of `ttpkit layer render`, chosen by file extension.
public enum RenderFormat: String, Sendable, CaseIterable {
    case svg, html, xlsx, csv, markdown, json

    /// `out.svg` → `.svg`, `out.md` → `.markdown`; nil for an unknown extension.
    public init?(fileExtension ext: String) {
        switch ext.lowercased() {
        case "svg": self = .svg
        case "html", "htm": self = .html
        case "xlsx": self = .xlsx
        case "csv": self = .csv
        case "md", "markdown": self = .markdown
        case "json": self = .json
        default: return nil
        }
    }
}

/// One entry point for every renderer: the bytes of `layers` in `format`. SVG, HTML, CSV
/// and Markdown draw the first layer; XLSX writes one sheet per layer; JSON writes them all.
///
/// ```swift
/// let data = try LayerRenderer.render(doc.layers, as: .html, matrix: MatrixIndex(kb))
/// try OutputFile.write(data, to: "out.html")
/// ```
public enum LayerRenderer {
    public static func render(_ layers: [Layer], as format: RenderFormat, matrix: MatrixIndex, options: RenderOptions = RenderOptions()) throws(XLSXRenderer.Failure) -> Data {
        guard let first = layers.first else { return Data() }
        switch format {
        case .svg: return Data(SVGRenderer.render(first, matrix: matrix, options: options).utf8)
        case .html: return Data(HTMLRenderer.render(first, matrix: matrix, options: options).utf8)
        case .csv: return Data(CSVRenderer.render(first, matrix: matrix, options: options).utf8)
        case .markdown: return Data(MarkdownRenderer.render(first, matrix: matrix, options: options).utf8)
        case .xlsx: return try XLSXRenderer.render(layers, matrix: matrix, options: options)
        case .json: return Data(LayerFile.serialize(layers).utf8)
        }
    }
}
