import Crypto
import Foundation

/// The shell of every self-contained HTML page ttpkit writes (heatmaps, reports, changelogs):
/// doctype, charset, viewport, title, one inline stylesheet, the body, and at most one inline
/// script, under a strict Content-Security-Policy. The policy allows nothing by default and
/// admits the page's own stylesheet and script by their SHA-256 hashes only, so markup that
/// slipped into a field could neither run script nor load anything; the page makes no requests.
///
/// ```swift
/// let page = HTMLPage(title: "APT29", style: "body{margin:0}", body: "<h1>APT29</h1>")
/// page.render().contains("Content-Security-Policy")   // true
/// ```
public struct HTMLPage: Sendable {
    /// The page title, as plain text (escaped when rendered).
    public var title: String
    /// The stylesheet (CSS).
    public var style: String
    /// The body's HTML; every untrusted part must already be escaped with ``Escape``.
    public var body: String
    /// JavaScript run at the end of the body; nil for none.
    public var script: String?
    /// Classes of the `<body>` element.
    public var bodyClasses: [String]
    public var language: String

    public init(title: String, style: String, body: String, script: String? = nil, bodyClasses: [String] = [], language: String = "en") {
        self.title = title
        self.style = style
        self.body = body
        self.script = script
        self.bodyClasses = bodyClasses
        self.language = language
    }

    /// Base CSS shared by pages: readable type, contrast, tables that fit, print layout.
    public static let baseStyle = """
        body{font-family:-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;background:#fff}\
        table{border-collapse:collapse}img,svg{max-width:100%;height:auto}\
        @media print{body{margin:0}table,figure{break-inside:avoid}}
        """

    /// The policy: `default-src 'none'`, the stylesheet and script by hash, no base URI, no forms.
    public var contentSecurityPolicy: String {
        var policy = "default-src 'none'; style-src \(Self.hashSource(style))"
        if let script { policy += "; script-src \(Self.hashSource(script))" }
        return policy + "; base-uri 'none'; form-action 'none'"
    }

    /// The whole document.
    public func render() -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"\(Escape.htmlAttribute(language))\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        out += "<meta name=\"referrer\" content=\"no-referrer\">\n"
        out += "<title>\(Escape.html(title))</title>\n<style>\(style)</style>\n</head>\n"
        out += bodyClasses.isEmpty ? "<body>\n" : "<body class=\"\(Escape.htmlAttribute(bodyClasses.joined(separator: " ")))\">\n"
        out += body
        if !body.hasSuffix("\n") { out += "\n" }
        if let script { out += "<script>\(script)</script>\n" }
        return out + "</body>\n</html>\n"
    }

    /// `'sha256-…'` of an inline element's exact text.
    public static func hashSource(_ text: String) -> String {
        "'sha256-\(Data(Crypto.SHA256.hash(data: Array(text.utf8))).base64EncodedString())'"
    }
}
