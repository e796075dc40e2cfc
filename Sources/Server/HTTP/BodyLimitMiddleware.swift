import Hummingbird

/// Refuses a request whose declared body is larger than the limit with 413 before any of it
/// is read. Bodies without a length (chunked) are bounded where they are read
/// (``ServerOptions/bodyLimit`` passed to `collect(upTo:)`).
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let text = request.headers[.contentLength] {
            guard let length = Int(text.trimmingCharacters(in: .whitespaces)), length >= 0 else {
                throw APIError.badRequest("Content-Length: expected a whole number")
            }
            if length > limit {
                throw APIError(status: .contentTooLarge, message: "the request body is \(length) bytes; this server takes at most \(limit)")
            }
        }
        return try await next(request, context)
    }
}
