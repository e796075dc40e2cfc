import HTTPTypes
import Hummingbird
import STIX

/// An error answer of the JSON API and the web routes: a status and
/// `{"error": {"status": 400, "message": "…"}}`; the message is the one line the CLI prints
/// after `ttpkit: error:` for the same input.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let message: String
    /// `WWW-Authenticate` challenges of a 401 (default: bearer).
    public let challenges: [String]
    /// Extra header fields (`Retry-After` of a 503).
    public let headers: HTTPFields

    public init(status: HTTPResponse.Status, message: String, challenges: [String] = [], headers: HTTPFields = [:]) {
        self.status = status
        self.message = message
        self.challenges = challenges
        self.headers = headers
    }

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    /// 503 with `Retry-After: seconds`.
    static func unavailable(_ message: String, retryAfter seconds: Int) -> APIError {
        APIError(status: .serviceUnavailable, message: message, headers: [.retryAfter: String(seconds)])
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = JSONValue.object(JSONObject([
            ("error", .object(JSONObject([("status", .number(Double(status.code))), ("message", .string(message))]))),
        ])).serialized(pretty: false)
        var fields = headers
        fields[.contentType] = "application/json"
        if status == .unauthorized {
            for challenge in challenges.isEmpty ? ["Bearer realm=\"ttpkit\""] : challenges {
                fields.append(HTTPField(name: .wwwAuthenticate, value: challenge))
            }
        }
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
