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
                let kb = try self.knowledgeBase(request)
                let match = request.uri.queryParameters["match"].map(String.init)
                return Self.json(.array(kb.objects(kind, matching: match).map(ObjectJSON.listEntry)))
            }
        }
        api.get("groups/:name") { request, context in
            let release = try self.release(request)
            let kb = release.knowledgeBase
            let resolution = try Self.resolve(try Self.pathParameter(context, "name"), .group, kb)
            let q = request.uri.queryParameters
            let viaCampaigns = !(try Self.flag(q["no_campaigns"], name: "no_campaigns"))
            let viaSoftware = try Self.flag(q["via_software"], name: "via_software")
            let key = "\(release.domain.rawValue) \(release.version) group \(resolution.object.index) \(viaCampaigns) \(viaSoftware) \(resolution.note ?? "")"
            return Self.json(bytes: try await data.answers.answer(key) {
                let profile = GroupProfile(group: resolution.object, in: kb, viaCampaigns: viaCampaigns, viaSoftware: viaSoftware)
                return ByteBuffer(string: profile.json(kb: kb, note: resolution.note).serialized(pretty: false))
            })
        }
        api.get("techniques") { request, _ in
            let kb = try self.knowledgeBase(request)
            var list = kb.objects(.technique, matching: request.uri.queryParameters["match"].map(String.init))
            if let tactic = request.uri.queryParameters["tactic"] {
                let t = try kb.tactic(shortname: String(tactic)) ?? Self.resolve(String(tactic), .tactic, kb).object
                let ids = Set(kb.techniques(inTactic: t.shortname).map(\.index))
                list = list.filter { ids.contains($0.index) }
            }
            return Self.json(.array(list.map(ObjectJSON.techniqueEntry)))
        }
        api.get("techniques/:id") { request, context in
            let release = try self.release(request)
            let kb = release.knowledgeBase
            let resolution = try Self.resolve(try Self.pathParameter(context, "id"), .technique, kb)
            let key = "\(release.domain.rawValue) \(release.version) technique \(resolution.object.index) \(resolution.note ?? "")"
            return Self.json(bytes: try await data.answers.answer(key) {
                ByteBuffer(string: TechniqueProfile(technique: resolution.object, in: kb).json(kb: kb, note: resolution.note).serialized(pretty: false))
            })
        }
        api.get("similar") { request, _ in Self.json(try Self.similar(request, kb: try self.knowledgeBase(request))) }
        api.get("search") { request, _ in
            let kb = try self.knowledgeBase(request)
            let q = request.uri.queryParameters
            guard let text = q["q"].map(String.init), !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, text.unicodeScalars.count <= 200 else {
                throw APIError.badRequest("q: expected the text to search for (1–200 characters)")
            }
            var kinds: Set<ObjectKind>?
            if let type = q["type"] {
                guard let kind = ObjectKind(rawValue: String(type)) else {
                    throw APIError.badRequest("unknown type '\(type)'; expected one of \(ObjectKind.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                kinds = [kind]
            }
            let limit = try Self.integer(q["limit"], name: "limit", default: 50, range: 1...1000)
            return Self.json(.array(kb.search(text, kinds: kinds).prefix(limit).map(ObjectJSON.searchHit)))
        }
    }

    /// `GET /api/similar?techniques=T1059,T1027&software=S0154&top=10`: who does this look like
    /// (the JSON of `ttpkit similar --format json`).
    static func similar(_ request: Request, kb: KnowledgeBase) throws -> JSONValue {
        let q = request.uri.queryParameters
        let top = try integer(q["top"], name: "top", default: 10, range: 1...100)
        let (matches, observed) = try similarMatches(techniques: q["techniques"].map(String.init) ?? "",
                                                     software: q["software"].map(String.init) ?? "", top: top, kb: kb)
        return .array(matches.enumerated().map {
            $0.element.json(rank: $0.offset + 1, observedTechniques: observed.techniques.count, observedSoftware: observed.software.count)
        })
    }

    /// Groups ranked by similarity to techniques and software given as comma-separated IDs or names.
    static func similarMatches(techniques: String, software: String, top: Int, kb: KnowledgeBase) throws
        -> ([SimilarityMatch], SimilarityCorpus.Evidence)
    {
        var observed = SimilarityCorpus.Evidence()
        for id in techniques.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\n" }).prefix(500) {
            let trimmed = id.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { observed.techniques.insert(try resolve(trimmed, .technique, kb).object.index) }
        }
        for name in software.split(separator: ",").prefix(100) {
            let trimmed = name.trimmingCharacters(in: .whitespaces)
            if !trimmed.isEmpty { observed.software.insert(try resolve(trimmed, .software, kb).object.index) }
        }
        // Nothing observed (both parameters empty or absent) resembles no group: an empty answer,
        // not an error, since the request itself is well formed.
        guard !observed.techniques.isEmpty || !observed.software.isEmpty else { return ([], observed) }
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb), candidates: .groups)
        return (index.rank(observed, top: top, expected: 5).filter { $0.score > 0 }, observed)
    }

    // MARK: Helpers

    /// The knowledge base a request names with `domain` and `version`.
    func knowledgeBase(_ request: Request) throws -> KnowledgeBase {
        try release(request).knowledgeBase
    }

    /// The knowledge base a request names and the groups it asks about (``AnalysisRoutes/groupNames(_:atLeast:expected:)``).
    func groups(_ request: Request, atLeast minimum: Int, expected: String) throws -> (KnowledgeBase, [String]) {
        (try knowledgeBase(request), try AnalysisRoutes.groupNames(request.uri.queryParameters, atLeast: minimum, expected: expected))
    }

    /// The loaded release a request names with `domain` and `version`.
    func release(_ request: Request) throws -> LoadedRelease {
        let q = request.uri.queryParameters
        let domain: AttackDomain
        if let text = q["domain"] {
            guard let d = AttackDomain(rawValue: String(text)) ?? AttackDomain.allCases.first(where: { $0.shortName == text }) else {
                throw APIError.badRequest("unknown domain '\(text)'; expected enterprise, mobile or ics")
            }
            domain = d
        } else {
            domain = data.newest(.enterprise)?.domain ?? data.releases.first?.domain ?? .enterprise
        }
        let version = q["version"].map(String.init)
        guard let release = data.release(domain, version: version) else {
            let loaded = data.releases.filter { $0.domain == domain }.map(\.version)
            throw APIError.notFound("no \(domain.displayName) ATT&CK \(version ?? "") is loaded (loaded: \(loaded.isEmpty ? "none" : loaded.joined(separator: ", ")))")
        }
        return release
    }

    static func resolve(_ text: String, _ kind: ObjectKind, _ kb: KnowledgeBase) throws -> Resolution {
        do {
            return try kb.resolve(text, kind: kind)
        } catch {
            throw APIError.notFound(error.description)
        }
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

    static func flag(_ text: Substring?, name: String) throws -> Bool {
        switch text {
        case nil, "false": return false
        case "true": return true
        default: throw APIError.badRequest("\(name): expected true or false")
        }
    }

    static func integer(_ text: Substring?, name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
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
