import Hummingbird

/// Gives the framework's own errors (no such route, 405, 413 while reading a body) the JSON
/// error body of the API, so that every answer under `/api/` has a documented shape. TAXII
/// errors pass through with their own body.
struct ErrorBodyMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            throw APIError(status: error.status, message: error.body ?? Self.reason(error.status))
        } catch let error as TAXIIError {
            throw error
        } catch let error as APIError {
            throw error
        } catch let error as any HTTPResponseError {
            throw APIError(status: error.status, message: Self.reason(error.status))
        } catch {
            context.logger.error("unexpected error", metadata: ["error": .string(String(describing: error))])
            throw APIError(status: .internalServerError, message: "internal error")
        }
    }

    private static func reason(_ status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "no such resource"
        case .methodNotAllowed: "this method is not allowed here"
        case .contentTooLarge: "the request body is larger than this server takes"
        default: status.reasonPhrase.lowercased()
        }
    }
}
