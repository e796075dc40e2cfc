import HTTPTypes
import Hummingbird

/// Adds `X-Content-Type-Options: nosniff` to every answer, errors included, so that no
/// browser reads a JSON answer (which may quote a request's text) as HTML or script.
struct NoSniffMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        response.headers[.xContentTypeOptions] = "nosniff"
        return response
    }
}
