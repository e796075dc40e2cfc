import HTTPTypes
import Hummingbird
import STIX

/// A TAXII 2.1 error answer: an HTTP status and the spec's error message body
/// (`title`, `description`, `http_status`), sent as `application/taxii+json;version=2.1`.
struct TAXIIError: Error, HTTPResponseError, Sendable {
    let status: HTTPResponse.Status
    let title: String
    let detail: String

    static func badRequest(_ detail: String) -> TAXIIError { TAXIIError(status: .badRequest, title: "Bad request", detail: detail) }
    static func notFound(_ detail: String) -> TAXIIError { TAXIIError(status: .notFound, title: "Not found", detail: detail) }
    static func notAcceptable(_ accept: String) -> TAXIIError {
        TAXIIError(status: .notAcceptable, title: "Not acceptable",
                   detail: "this server answers \(TAXIIMedia.taxii); the request accepts only \(accept)")
    }
    static let unauthorized = TAXIIError(status: .unauthorized, title: "Unauthorized", detail: "this server needs credentials (HTTP basic)")
    static let readOnly = TAXIIError(status: .forbidden, title: "Forbidden", detail: "collections on this server are read-only")

    func response(from request: Request, context: some RequestContext) throws -> Response {
        let body = JSONValue.object(JSONObject([
            ("title", .string(title)),
            ("description", .string(detail)),
            ("http_status", .string(String(status.code))),
        ])).serialized(pretty: false)
        var headers: HTTPFields = [.contentType: TAXIIMedia.taxii]
        if status == .unauthorized { headers[.wwwAuthenticate] = "Basic realm=\"ttpkit TAXII\"" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: body)))
    }
}

/// The TAXII 2.1 media types and the Accept check.
enum TAXIIMedia {
    static let taxii = "application/taxii+json;version=2.1"
    static let stix = "application/stix+json;version=2.1"

    /// Whether an `Accept` header admits TAXII 2.1 JSON: absent, `*/*`, `application/*`,
    /// `application/taxii+json` without a version or with version 2.1 (and, for the objects
    /// endpoints, the STIX 2.1 type).
    static func accepts(_ accept: String?, allowSTIX: Bool) -> Bool {
        guard let accept, !accept.trimmingCharacters(in: .whitespaces).isEmpty else { return true }
        for range in accept.lowercased().split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let type = parts.first else { continue }
            let version = parts.dropFirst().first { $0.hasPrefix("version=") }.map { String($0.dropFirst(8)) }
            let quality = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            guard quality > 0 else { continue }
            switch type {
            case "*/*", "application/*": return true
            case "application/taxii+json": if version == nil || version == "2.1" { return true }
            case "application/stix+json": if allowSTIX && (version == nil || version == "2.1") { return true }
            default: continue
            }
        }
        return false
    }
}
