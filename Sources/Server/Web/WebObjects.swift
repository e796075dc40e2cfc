import ATTACK
import Coverage
import Foundation
import Hummingbird
import Navigator
import Output

/// The pages of ATT&CK objects other than groups and techniques (a software's page, linked from
/// the search results), and the site icon.
extension WebRoutes {
    func registerObjects(on router: Router<BasicRequestContext>) {
        router.get("/favicon.ico") { _, _ in
            var headers = Self.securityHeaders
            headers[.contentType] = "image/x-icon"
            headers[.cacheControl] = "public, max-age=86400"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: Favicon.ico)))
        }
        router.get("/ui/software/:id") { request, context in
            let state = try await self.state(request)
            let kb = state.release.knowledgeBase
            let software = try APIRoutes.resolve(try APIRoutes.pathParameter(context, "id"), .software, kb).object
            var body = WebPage.header(data: data, state: state)
            body += SoftwarePage.html(software, kb: kb, state: state)
            body += WebPage.panel
            return Self.html(WebPage.shell(title: "ttpkit · \(software.name) (\(software.attackID))", body: body, state: state))
        }
    }
}

/// A software's page: what it is, the groups that use it (each opening its matrix) and the
/// techniques it is used for (each opening the technique's panel), with procedures.
enum SoftwarePage {
    static func html(_ s: AttackObject, kb: KnowledgeBase, state: WebState) -> String {
        var out = "<section class=\"object\" aria-labelledby=\"object-title\"><h2 id=\"object-title\"><span class=\"tid\">\(esc(s.attackID))</span> \(esc(s.name))</h2>"
        var facts = [s.stix.type == "tool" ? "Tool" : "Malware"]
        if !s.aliases.filter({ $0 != s.name }).isEmpty { facts.append("also known as " + s.aliases.filter { $0 != s.name }.joined(separator: ", ")) }
        if !s.platforms.isEmpty { facts.append("platforms: " + s.platforms.joined(separator: ", ")) }
        out += "<p class=\"meta\">\(esc(facts.joined(separator: " · ")))</p>"
        if let url = s.url.flatMap(Escape.safeURL) { out += "<p><a href=\"\(esc(url))\" rel=\"noopener noreferrer\">ATT&amp;CK page</a></p>" }
        out += "<p>\(esc(ProcedureText.comment(s.description, maxLength: 1200)))</p>"
        let groups = kb.groupsUsing(s)
        out += "<h3>Groups using it (\(groups.count))</h3>"
        out += groups.isEmpty ? "<p class=\"none\">None recorded.</p>" : "<ul class=\"columns\" id=\"software-groups\">" + groups.map { g in
            "<li><a href=\"\(esc(state.link(groups: [g.object.attackID])))\">\(esc(g.object.attackID)) \(esc(g.object.name))</a></li>"
        }.joined() + "</ul>"
        let techniques = kb.techniquesUsed(by: s)
        out += "<h3>Techniques (\(techniques.count))</h3>"
        out += techniques.isEmpty ? "<p class=\"none\">None recorded.</p>" : "<ul class=\"procedures\" id=\"software-techniques\">" + techniques.map { t in
            let procedure = t.paths.map(\.relationship.description).first { !$0.isEmpty }.map { ": " + esc(ProcedureText.plain($0)) } ?? ""
            return "<li><button type=\"button\" class=\"link\" data-id=\"\(esc(t.object.attackID))\">\(esc(t.object.attackID)) \(esc(t.object.name))</button>\(procedure)</li>"
        }.joined() + "</ul>"
        return out + "</section>"
    }
}

/// The site icon: a 16 × 16 ICO (32-bit BMP) drawn at start-up — a dark tile with a small
/// matrix in the Detected / Logged / Blind palette — so browsers find `/favicon.ico` without a
/// request elsewhere.
enum Favicon {
    static let ico: [UInt8] = {
        func rgb(_ hex: String) -> (UInt8, UInt8, UInt8) {
            let v = UInt32(hex.dropFirst(), radix: 16) ?? 0
            return (UInt8(v >> 16 & 0xff), UInt8(v >> 8 & 0xff), UInt8(v & 0xff))
        }
        let background = rgb("#24292f")
        let d = rgb(CoverageState.detected.color), l = rgb(CoverageState.logged.color), b = rgb(CoverageState.blind.color)
        let columns = [[d, d, l], [d, l, b], [l, b, b]]
        var pixels = [[(UInt8, UInt8, UInt8)]](repeating: [(UInt8, UInt8, UInt8)](repeating: background, count: 16), count: 16)
        for (c, cells) in columns.enumerated() {
            for (r, color) in cells.enumerated() {
                for y in (2 + r * 4)..<(5 + r * 4) { for x in (1 + c * 5)..<(5 + c * 5) { pixels[y][x] = color } }
            }
        }
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xff), UInt8(v >> 8 & 0xff)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xffff) + u16(v >> 16 & 0xffff) }
        let imageSize = 40 + 16 * 16 * 4 + 16 * 4
        var out = u16(0) + u16(1) + u16(1)
        out += [16, 16, 0, 0] + u16(1) + u16(32) + u32(imageSize) + u32(22)
        out += u32(40) + u32(16) + u32(32) + u16(1) + u16(32) + u32(0) + u32(16 * 16 * 4 + 16 * 4) + u32(0) + u32(0) + u32(0) + u32(0)
        for row in pixels.reversed() { for p in row { out += [p.2, p.1, p.0, 255] } }
        out += [UInt8](repeating: 0, count: 16 * 4)
        return out
    }()
}
