import Answers
import ATTACK
import Coverage
import Foundation
import Hummingbird
import Navigator
import STIX

/// Navigator layers from the JSON API, made by the library calls of `ttpkit layer ...`:
/// `GET /api/layers/groups?groups=APT29[,FIN7]` (one group's layer, or the overlap heatmap of
/// several), `/api/layers/coverage` (a coverage snapshot or POSTed coverage file as a layer), and
/// `POST /api/layers/render?format=svg|xlsx|html` (a layer file drawn as `ttpkit layer render`
/// does).
struct LayerRoutes: Sendable {
    let data: ServerData
    let analysis: AnalysisRoutes

    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("api/layers")
        let base = APIRoutes(data: data)
        api.get("groups") { request, _ in
            let (kb, names) = try base.groups(request, atLeast: 1, expected: "one or more group names or IDs, separated by commas")
            let q = (try Query(request))
            let options = GeneratorOptions(
                viaSoftware: try APIRoutes.flag(q["via_software"], name: "via_software"),
                viaCampaigns: !(try APIRoutes.flag(q["no_campaigns"], name: "no_campaigns")))
            return Self.layer(try APIRoutes.generated { () throws(GeneratorError) in
                try LayerGenerator(kb: kb).groups(names, options: options).layer
            })
        }
        api.get("coverage") { request, _ in try await self.coverage(request) }
        api.post("coverage") { request, _ in try await self.coverage(request) }
        api.post("render") { request, _ in try await self.render(request) }
    }

    private func coverage(_ request: Request) async throws -> Response {
        let (result, kb) = try await analysis.coverage(request)
        do throws(GeneratorError) {
            return Self.layer(try result.layer(knowledgeBase: kb).layer)
        } catch {
            throw APIError.badRequest(error.description)
        }
    }

    private func render(_ request: Request) async throws -> Response {
        let formats: [RenderFormat] = [.svg, .xlsx, .html]
        guard let text = (try Query(request))["format"], let format = RenderFormat(fileExtension: String(text)), formats.contains(format) else {
            throw APIError.badRequest("format: expected svg, xlsx or html")
        }
        var request = request
        let body = try await request.collectBody(upTo: analysis.bodyLimit)
        let document: LayerDocument
        do throws(LayerError) { document = try LayerFile.parse(Data(buffer: body), source: "layer.json") } catch {
            throw APIError.badRequest(error.description)
        }
        guard let first = document.layers.first else { throw APIError.badRequest("layer.json: expected at least one layer") }
        guard let release = try? data.release(forDocument: first.domain, version: first.versions?.attack).release else {
            throw APIError.badRequest("layer.json: no \(first.domain.displayName) ATT&CK release is loaded on this server")
        }
        let bytes: Data
        do { bytes = try LayerRenderer.render(document.layers, as: format, matrix: MatrixIndex(release.knowledgeBase)) } catch {
            throw APIError.badRequest("cannot render layer.json: \(error)")
        }
        switch format {
        case .svg: return WebRoutes.download(bytes, type: "image/svg+xml", name: "layer.svg")
        case .html: return WebRoutes.download(bytes, type: "text/html; charset=utf-8", name: "layer.html")
        default: return WebRoutes.download(bytes, type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name: "layer.xlsx")
        }
    }

    static func layer(_ layer: Layer) -> Response {
        APIRoutes.json(LayerFile.jsonValue([layer]))
    }
}
