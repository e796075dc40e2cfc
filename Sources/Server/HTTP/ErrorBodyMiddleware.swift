import Hummingbird

/// Gives the framework's own errors (no such route, 405, 413 while reading a body) the JSON
/// error body of the API, so that every answer under `/api/` has a documented shape. TAXII
/// errors pass through with their own body. A history database that cannot be reached is
/// 503 with `Retry-After`; a snapshot it refuses to store, 400.
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
        } catch let error as HistoryStoreError {
            switch error.kind {
            case .invalid: throw APIError.badRequest(error.description)
            case .unavailable:
                context.logger.warning("coverage history unavailable", metadata: ["error": .string(error.description)])
                throw APIError.unavailable(error.description, retryAfter: RequestCompute.retryAfter)
            case .failed:
                context.logger.error("coverage history error", metadata: ["error": .string(error.description)])
                throw APIError(status: .internalServerError, message: "internal error")
            }
        } catch is CancellationError {
            throw APIError.unavailable("the request was cancelled (the client went away or the server is stopping)", retryAfter: RequestCompute.retryAfter)
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
