import Foundation
import HTTPTypes
import Hummingbird
import STIX

/// The TAXII 2.1 endpoints (OASIS TAXII 2.1, sections 4 and 5): discovery at `/taxii2/`, one
/// API root at `/api/v21/` (the path of MITRE's server), read-only collections.
struct TAXIIRoutes: Sendable {
    let data: ServerData
    /// With ``AccessPolicy/protectsTAXII``, every TAXII request needs a token that reads, as
    /// HTTP basic password (any user name) or bearer token.
    let access: AccessPolicy
    /// Whether `X-Forwarded-Host`/`-Proto` name the server in discovery (a trusted proxy sets them).
    let trustedProxy: Bool
    /// The largest request body the server takes (the API root's `max_content_length`).
    let maxContentLength: Int

    static let apiRootPath = "/api/v21/"

    func register(on router: Router<BasicRequestContext>) {
        router.get("/taxii2") { request, _ in try self.discovery(request) }
        let root = router.group("api/v21")
        root.get("/") { request, _ in try self.apiRoot(request) }
        root.get("collections") { request, _ in try self.collections(request) }
        collectionRoute("collections/:collection", on: root, allowSTIX: false) { _, collection, _ in Self.taxii(collection.json) }
        collectionRoute("collections/:collection/objects", on: root, allowSTIX: true) { request, collection, _ in
            try self.objects(request, collection, objectID: nil)
        }
        collectionRoute("collections/:collection/objects/:object", on: root, allowSTIX: true) { request, collection, context in
            try self.objects(request, collection, objectID: context.parameters.require("object"))
        }
        collectionRoute("collections/:collection/objects/:object/versions", on: root, allowSTIX: false) { request, collection, context in
            try self.versions(request, collection, objectID: context.parameters.require("object"))
        }
        collectionRoute("collections/:collection/manifest", on: root, allowSTIX: false) { request, collection, _ in
            try self.manifest(request, collection)
        }
        // Read-only: adding or deleting objects is refused (403), once the client is known
        // (401 without credentials) and the collection is known to exist.
        for (method, path) in [(HTTPRequest.Method.post, "collections/:collection/objects"), (.delete, "collections/:collection/objects/:object")] {
            root.on(RouterPath(path), method: method) { request, context -> Response in
                try self.checkCredentials(request)
                _ = try self.collection(context)
                throw TAXIIError.readOnly
            }
        }
    }

    /// A `GET` on one collection: credentials and the Accept header are checked first, then the
    /// collection is looked up (404 when unknown) and handed to `respond`.
    private func collectionRoute(
        _ path: RouterPath, on root: RouterGroup<BasicRequestContext>, allowSTIX: Bool,
        _ respond: @escaping @Sendable (Request, TAXIICollection, BasicRequestContext) throws -> Response
    ) {
        root.get(path) { request, context in
            try self.check(request, allowSTIX: allowSTIX)
            return try respond(request, self.collection(context), context)
        }
    }

    // MARK: Resources

    private func discovery(_ request: Request) throws -> Response {
        try check(request, allowSTIX: false)
        let root = Self.baseURL(request, trustedProxy: trustedProxy) + Self.apiRootPath
        return Self.taxii(.object(JSONObject([
            ("title", "ttpkit TAXII 2.1 server"),
            ("description", "MITRE ATT&CK releases served by ttpkit."),
            ("default", .string(root)),
            ("api_roots", .array([.string(root)])),
        ])))
    }

    private func apiRoot(_ request: Request) throws -> Response {
        try check(request, allowSTIX: false)
        return Self.taxii(.object(JSONObject([
            ("title", "MITRE ATT&CK"),
            ("description", "One collection per domain (newest release, MITRE's ids) and one per release."),
            ("versions", .array([.string(TAXIIMedia.taxii)])),
            ("max_content_length", .number(Double(maxContentLength))),
        ])))
    }

    private func collections(_ request: Request) throws -> Response {
        try check(request, allowSTIX: false)
        return Self.taxii(.object(JSONObject([("collections", .array(data.collections.map(\.json)))])))
    }

    private func objects(_ request: Request, _ collection: TAXIICollection, objectID: String?) throws -> Response {
        var query = try TAXIIQuery(request)
        let set = collection.objects
        if let objectID {
            guard set.positions[objectID] != nil else { throw TAXIIError.notFound("no object \(objectID) in collection \(collection.id)") }
            query.ids = [objectID]
        }
        let selection = query.select(in: set)
        let (page, more, next) = try Self.page(selection, query)
        var head = "{\"more\":\(more)"
        if let next { head += ",\"next\":\"\(next)\"" }
        head += ",\"objects\":["
        var buffers = [ByteBuffer(string: head)]
        buffers += set.slices(page)
        buffers.append(ByteBuffer(string: "]}"))
        var headers: HTTPFields = [.contentType: TAXIIMedia.taxii]
        Self.dateHeaders(&headers, set, page)
        return Response(status: .ok, headers: headers, body: ResponseBody(contentsOf: buffers))
    }

    private func manifest(_ request: Request, _ collection: TAXIICollection) throws -> Response {
        let query = try TAXIIQuery(request)
        let set = collection.objects
        let (page, more, next) = try Self.page(query.select(in: set), query)
        return Self.envelope("objects", page.map { i in
            let e = set.entries[i]
            return .object(JSONObject([
                ("id", .string(e.id)), ("date_added", .string(e.version)),
                ("version", .string(e.version)), ("media_type", .string(TAXIIMedia.stix)),
            ]))
        }, more: more, next: next, of: page, in: set)
    }

    private func versions(_ request: Request, _ collection: TAXIICollection, objectID: String) throws -> Response {
        var query = try TAXIIQuery(request)
        let set = collection.objects
        guard set.positions[objectID] != nil else { throw TAXIIError.notFound("no object \(objectID) in collection \(collection.id)") }
        query.ids = [objectID]
        query.version = .all
        let (page, more, next) = try Self.page(query.select(in: set), query)
        return Self.envelope("versions", page.map { .string(set.entries[$0].version) }, more: more, next: next, of: page, in: set)
    }

    // MARK: Helpers

    private func collection(_ context: BasicRequestContext) throws -> TAXIICollection {
        let id = try context.parameters.require("collection")
        guard let collection = data.collectionsByID[id] else { throw TAXIIError.notFound("no collection \(id) on this API root") }
        return collection
    }

    /// Checks credentials (when configured) and the Accept header.
    private func check(_ request: Request, allowSTIX: Bool) throws {
        try checkCredentials(request)
        let accept = request.headers[.accept]
        guard TAXIIMedia.accepts(accept, allowSTIX: allowSTIX) else { throw TAXIIError.notAcceptable(accept ?? "") }
    }

    /// Refuses a request without a token that reads, when TAXII needs one.
    private func checkCredentials(_ request: Request) throws {
        if access.protectsTAXII, !access.presentsReadToken(request) { throw TAXIIError.unauthorized }
    }

    /// The page of a selection that `next` and `limit` ask for, whether more follow, and the next token.
    private static func page(_ selection: TAXIISelection, _ query: TAXIIQuery) throws -> (ArraySlice<Int>, Bool, Int?) {
        let offset = query.next ?? 0
        guard offset <= selection.count else { throw TAXIIError.badRequest("next: not a token this server gave for this query") }
        let limit = query.limit ?? TAXIIQuery.maximumLimit
        let page = selection.page(offset: offset, limit: limit)
        let end = offset + page.count
        return (page, end < selection.count, end < selection.count ? end : nil)
    }

    /// A TAXII envelope (`more`, `next` when more follow, then the page's items under `key`) with
    /// the date headers of the page.
    private static func envelope(
        _ key: String, _ items: [JSONValue], more: Bool, next: Int?, of page: ArraySlice<Int>, in set: TAXIIObjectSet
    ) -> Response {
        var envelope = JSONObject([("more", .bool(more))])
        if let next { envelope["next"] = .string(String(next)) }
        envelope[key] = .array(items)
        var headers: HTTPFields = [.contentType: TAXIIMedia.taxii]
        dateHeaders(&headers, set, page)
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: JSONValue.object(envelope).serialized(pretty: false))))
    }

    private static func dateHeaders(_ headers: inout HTTPFields, _ set: TAXIIObjectSet, _ page: ArraySlice<Int>) {
        guard let first = page.first, let last = page.last else { return }
        headers[.taxiiDateAddedFirst] = set.entries[first].version
        headers[.taxiiDateAddedLast] = set.entries[last].version
    }

    private static func taxii(_ value: JSONValue) -> Response {
        Response(status: .ok, headers: [.contentType: TAXIIMedia.taxii],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: value.serialized(pretty: false))))
    }

    /// `http://host:port` as the client addressed the server (`Host`); behind a `trustedProxy`,
    /// `X-Forwarded-Proto`/`-Host` win (otherwise anyone could name another server in the
    /// discovery answer). Empty, so that URLs stay relative, when the host is not plain.
    static func baseURL(_ request: Request, trustedProxy: Bool) -> String {
        let forwardedHost = trustedProxy ? request.headers[.xForwardedHost].flatMap { $0.split(separator: ",").first.map(String.init) } : nil
        guard let host = (forwardedHost ?? request.head.authority)?.trimmingCharacters(in: .whitespaces),
              !host.isEmpty, host.count <= 255,
              host.unicodeScalars.allSatisfy(Self.isHostCharacter)
        else { return "" }
        let proto = trustedProxy && request.headers[.xForwardedProto]?.lowercased() == "https" ? "https" : "http"
        return "\(proto)://\(host)"
    }

    private static func isHostCharacter(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "a"..."z", "A"..."Z", "0"..."9", ".", "-", ":", "[", "]": true
        default: false
        }
    }
}

// The names are constant, valid header tokens.
extension HTTPField.Name {
    static let taxiiDateAddedFirst = HTTPField.Name("X-TAXII-Date-Added-First")!
    static let taxiiDateAddedLast = HTTPField.Name("X-TAXII-Date-Added-Last")!
    static let xForwardedHost = HTTPField.Name("X-Forwarded-Host")!
    static let xForwardedProto = HTTPField.Name("X-Forwarded-Proto")!
}
