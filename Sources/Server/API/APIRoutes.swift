import Answers
import ATTACK
import Foundation
import Hummingbird
import Intel
import Navigator
import STIX

/// The JSON API under `/api/`: the CLI's questions with the same JSON shapes as its
/// `--format json` (built by the same library functions). Every route takes `domain`
/// (enterprise, mobile, ics; default enterprise, else the first loaded) and `version`
/// (default: the newest loaded release of the domain); errors are ``APIError`` bodies.
struct APIRoutes: Sendable {
    let data: ServerData

    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("api")
        api.get("openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"],
                     body: ResponseBody(byteBuffer: ByteBuffer(string: OpenAPIDocument.text)))
        }
        api.get("releases") { _, _ in
            Self.json(.array(data.releases.map { r in
                .object(JSONObject([
                    ("domain", .string(r.domain.rawValue)), ("version", .string(r.version)),
                    ("title", .string(r.knowledgeBase.title)),
                    ("newest", .bool(data.newest(r.domain)?.version == r.version)),
                ]))
            }))
        }
        for (path, kind) in [("groups", ObjectKind.group), ("software", .software), ("campaigns", .campaign), ("mitigations", .mitigation)] {
            api.get(RouterPath(stringLiteral: path)) { request, _ in
                let q = try Query(request)
                return Self.json(Questions.objects(kind, matching: q["match"], including: try Self.inclusion(q), in: try self.knowledgeBase(request)).json)
            }
        }
        api.get("groups/:name") { request, context in
            let release = try self.release(request)
            let kb = release.knowledgeBase
            let q = try Query(request)
            let inclusion = try Self.inclusion(q)
            let name = try Self.pathParameter(context, "name")
            let resolution = try Self.answering { () throws(QuestionError) in try Questions.resolve(name, .group, kb, including: inclusion) }
            let viaCampaigns = !(try Self.flag(q["no_campaigns"], name: "no_campaigns"))
            let viaSoftware = try Self.flag(q["via_software"], name: "via_software")
            let key = "\(release.domain.rawValue) \(release.version) group \(resolution.object.index) \(viaCampaigns) \(viaSoftware) \(inclusion) \(resolution.note ?? "")"
            return Self.json(bytes: try await data.answers.answer(key) {
                let answer = Questions.group(resolution, viaCampaigns: viaCampaigns, viaSoftware: viaSoftware, including: inclusion, in: kb)
                return ByteBuffer(string: answer.json.serialized(pretty: false))
            })
        }
        api.get("techniques") { request, _ in
            let kb = try self.knowledgeBase(request)
            let q = try Query(request)
            let filter = TechniqueFilter(
                match: q["match"], tactic: q["tactic"], platform: q["platform"],
                subtechniques: !(try Self.flag(q["no_subtechniques"], name: "no_subtechniques")),
                createdAfter: q["created_after"], modifiedAfter: q["modified_after"])
            let inclusion = try Self.inclusion(q)
            return Self.json(try Self.answering { () throws(QuestionError) in try Questions.techniques(filter, including: inclusion, in: kb) }.json)
        }
        api.get("techniques/:id") { request, context in
            let release = try self.release(request)
            let kb = release.knowledgeBase
            let inclusion = try Self.inclusion(try Query(request))
            let id = try Self.pathParameter(context, "id")
            let resolution = try Self.answering { () throws(QuestionError) in try Questions.resolve(id, .technique, kb, including: inclusion) }
            let key = "\(release.domain.rawValue) \(release.version) technique \(resolution.object.index) \(inclusion) \(resolution.note ?? "")"
            return Self.json(bytes: try await data.answers.answer(key) {
                ByteBuffer(string: Questions.technique(resolution, including: inclusion, in: kb).json.serialized(pretty: false))
            })
        }
        api.get("similar") { request, _ in Self.json(try Self.similar(request, kb: try self.knowledgeBase(request)).json) }
        api.get("search") { request, _ in
            let kb = try self.knowledgeBase(request)
            let q = try Query(request)
            let limit = try Self.integer(q["limit"], name: "limit", default: 50, range: 1...1000)
            let inclusion = try Self.inclusion(q)
            return Self.json(try Self.answering { () throws(QuestionError) in
                try Questions.search(q["q"] ?? "", type: q["type"], limit: limit, including: inclusion, in: kb)
            }.json)
        }
    }

    /// `GET /api/similar?techniques=T1059,T1027&software=S0154&top=10`: who does this look like
    /// (the JSON of `ttpkit similar --format json`).
    static func similar(_ request: Request, kb: KnowledgeBase) throws -> Answer<SimilarMatches> {
        let q = try Query(request)
        let top = try integer(q["top"], name: "top", default: 10, range: 1...100)
        let expected = try integer(q["expected"], name: "expected", default: 5, range: 0...50)
        let campaigns = try flag(q["campaigns"], name: "campaigns")
        let observed = ObservedInput(techniques: Array(ObservedInput.items(q["techniques"] ?? "").prefix(500)),
                                     software: Array(ObservedInput.names(q["software"] ?? "").prefix(100)))
        return try answering { () throws(QuestionError) in
            try Questions.similar(observed, top: top, expected: expected, campaigns: campaigns, in: kb)
        }
    }

    /// `include_revoked` / `include_deprecated`, as `--include-revoked` / `--include-deprecated`.
    static func inclusion(_ q: Query) throws -> Inclusion {
        Inclusion(revoked: try flag(q["include_revoked"], name: "include_revoked"),
                  deprecated: try flag(q["include_deprecated"], name: "include_deprecated"))
    }

    /// The answer of a library question; one that cannot be answered as asked is 404 (a name,
    /// ID or release that does not exist) or 400 (a malformed request).
    static func answering<T>(_ ask: () throws(QuestionError) -> T) throws(APIError) -> T {
        do throws(QuestionError) {
            return try ask()
        } catch {
            switch error {
            case .notFound(let m): throw APIError.notFound(m)
            case .invalid(let m): throw APIError.badRequest(m)
            }
        }
    }

    // MARK: Helpers

    /// The knowledge base a request names with `domain` and `version`.
    func knowledgeBase(_ request: Request) throws -> KnowledgeBase {
        try release(request).knowledgeBase
    }

    /// The knowledge base a request names and the groups it asks about (``AnalysisRoutes/groupNames(_:atLeast:expected:)``).
    func groups(_ request: Request, atLeast minimum: Int, expected: String) throws -> (KnowledgeBase, [String]) {
        (try knowledgeBase(request), try AnalysisRoutes.groupNames((try Query(request)), atLeast: minimum, expected: expected))
    }

    /// The loaded release a request names with `domain` and `version`.
    func release(_ request: Request) throws -> LoadedRelease {
        try Self.release(try Query(request), in: data)
    }

    /// The loaded release `domain` and `version` name (``ReleaseChoice``); an unknown domain is
    /// 400, a release that is not loaded 404.
    static func release(_ q: Query, in data: ServerData) throws -> LoadedRelease {
        var domain: AttackDomain?
        if let text = q["domain"], !text.isEmpty {
            guard let d = AttackDomain(parsing: text) else {
                throw APIError.badRequest("unknown domain '\(text)'; expected enterprise, mobile or ics")
            }
            domain = d
        }
        let version = q["version"].flatMap { $0.isEmpty ? nil : $0 }
        do throws(ReleaseChoice.Failure) {
            return try data.release(domain, version: version)
        } catch {
            throw APIError.notFound(error.description)
        }
    }

    static func resolve(_ text: String, _ kind: ObjectKind, _ kb: KnowledgeBase) throws -> Resolution {
        try answering { () throws(QuestionError) in try Questions.resolve(text, kind, kb) }
    }

    /// What a layer or comparison generator makes; a subject it cannot find or use (``GeneratorError``)
    /// is not found.
    static func generated<T>(_ make: () throws(GeneratorError) -> T) throws -> T {
        do throws(GeneratorError) {
            return try make()
        } catch {
            throw APIError.notFound(error.description)
        }
    }

    /// A path parameter, percent-decoded (`/api/groups/cozy%20bear`).
    static func pathParameter(_ context: BasicRequestContext, _ name: String) throws -> String {
        let raw = try context.parameters.require(name)
        return raw.removingPercentEncoding ?? raw
    }

    static func flag(_ text: String?, name: String) throws -> Bool {
        switch text {
        case nil, "false": return false
        case "true": return true
        default: throw APIError.badRequest("\(name): expected true or false")
        }
    }

    static func integer(_ text: String?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return value }
        guard let n = Int(text), range.contains(n) else {
            throw APIError.badRequest("\(name): expected a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return n
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        json(bytes: ByteBuffer(string: value.serialized(pretty: false)), status: status)
    }

    /// A JSON answer already encoded.
    static func json(bytes: ByteBuffer, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: bytes))
    }
}
