import HTTPTypes
import Hummingbird
import STIX

/// An error answer of the JSON API and the web routes: a status and
/// `{"error": {"status": 400, "message": "…"}}`; the message is the one line the CLI prints
/// after `ttpkit: error:` for the same input.
public struct APIError: Error, HTTPResponseError, Sendable {
    public let status: HTTPResponse.Status
    public let message: String

    public init(status: HTTPResponse.Status, message: String) {
        self.status = status
        self.message = message
    }

    static func badRequest(_ message: String) -> APIError { APIError(status: .badRequest, message: message) }
    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = JSONValue.object(JSONObject([
            ("error", .object(JSONObject([("status", .number(Double(status.code))), ("message", .string(message))]))),
        ])).serialized(pretty: false)
        var headers: HTTPFields = [.contentType: "application/json"]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Bearer realm=\"ttpkit\"" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}
