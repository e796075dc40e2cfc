import Answers
import ATTACK
import Coverage
import Foundation
import Hummingbird
import STIX

/// Coverage history: `POST /api/coverage` stores a coverage file (or coverage layer) with
/// repository/branch/commit labels; `GET /api/coverage/history` gives per-tactic
/// Detected/Logged/Blind over time; `GET /api/coverage/diff?from=&to=` compares two stored
/// snapshots with the JSON of `ttpkit coverage diff --format json`. Who may push and read is
/// decided before these routes run (``AccessMiddleware``).
struct CoverageRoutes: Sendable {
    let data: ServerData
    let store: any CoverageHistoryStore
    let bodyLimit: Int

    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("api/coverage")
        api.post("/") { request, context in try await self.push(request, context) }
        api.get("history") { request, _ in
            let q = (try Query(request))
            let limit = try APIRoutes.integer(q["limit"], name: "limit", default: 100, range: 1...10_000)
            let domain = try q["domain"].map { text -> AttackDomain in
                guard let d = AttackDomain(parsing: text) else { throw APIError.badRequest("unknown domain '\(text)'; expected enterprise, mobile or ics") }
                return d
            }
            let snapshots = try await self.store.history(
                repository: try Self.label(q["repository"], "repository", required: false),
                branch: try Self.label(q["branch"], "branch", required: false), limit: limit)
                .filter { domain == nil || $0.domain == domain?.rawValue }
            return APIRoutes.json(.object(JSONObject([("snapshots", .array(snapshots.map(Self.json)))])))
        }
        api.get("snapshots/:id") { _, context in
            let stored = try await self.stored(try context.parameters.require("id"))
            var j = Self.json(stored.summary).objectValue ?? JSONObject()
            j["document"] = (try? JSONValue.parse(Array(stored.document.utf8))) ?? .string(stored.document)
            return APIRoutes.json(.object(j))
        }
        api.get("diff") { request, _ in
            let q = (try Query(request))
            guard let from = q["from"], let to = q["to"] else { throw APIError.badRequest("from and to: expected two snapshot ids") }
            let (diff, tactics) = try await self.diff(from: String(from), to: String(to))
            return APIRoutes.json(diff.jsonValue(tactics: tactics))
        }
    }

    /// The diff between two stored snapshots (`ttpkit coverage diff`), and the tactic order of
    /// the newer one's release (else as the snapshots list them).
    func diff(from: String, to: String) async throws -> (CoverageDiff, tactics: [String]) {
        let old = try await stored(from)
        let new = try await stored(to)
        do throws(CoverageInputError) {
            let oldResult = try CoverageDocument.parse(Data(old.document.utf8), source: "snapshot \(old.summary.id)", knowledgeBase: nil)
            let newResult = try CoverageDocument.parse(Data(new.document.utf8), source: "snapshot \(new.summary.id)", knowledgeBase: nil)
            let diff = try CoverageDiff(old: oldResult, new: newResult)
            return (diff, release(for: newResult)?.knowledgeBase.orderedTactics().map(\.shortname) ?? diff.tacticsSeen)
        } catch {
            throw APIError.badRequest(error.description)
        }
    }

    private func push(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let q = (try Query(request))
        let labels = SnapshotLabels(
            repository: try Self.label(q["repository"], "repository", required: true) ?? "",
            branch: try Self.label(q["branch"], "branch", required: true) ?? "",
            commit: try Self.label(q["commit"], "commit", required: true) ?? "")
        var request = request
        let body = try await request.collectBody(upTo: bodyLimit)
        let bytes = Data(buffer: body)
        let name = (q["name"] ?? "coverage.json").filter { $0.isLetter || $0.isNumber || "._-".contains($0) }
        guard let document = String(data: bytes, encoding: .utf8), !bytes.contains(0) else {
            throw APIError.badRequest("\(name): expected UTF-8 text without NUL characters")
        }
        let source = name.isEmpty ? "coverage.json" : name
        let read: CoverageResult
        do throws(CoverageInputError) { read = try CoverageDocument.parse(bytes, source: source, knowledgeBase: nil) } catch {
            throw APIError.badRequest(error.description)
        }
        guard let release = release(for: read) else {
            throw APIError.badRequest("\(source): no \(read.domain?.displayName ?? "Enterprise") ATT&CK release is loaded on this server")
        }
        let kb = release.knowledgeBase
        let aligned: CoverageResult
        do { aligned = try read.aligned(to: kb) } catch { throw APIError.badRequest(error.description) }
        let tactics = aligned.summaryByTactic(kb).map {
            TacticCounts(tactic: $0.tactic, detected: $0.detected, logged: $0.logged, blind: $0.blind)
        }
        let new = NewSnapshot(
            labels: labels, receivedAt: ISO8601DateFormatter().string(from: Date()), domain: kb.domain.rawValue,
            attackVersion: read.release ?? release.version, tactics: tactics, document: document)
        let id = try await store.store(new)
        context.logger.info("stored coverage snapshot", metadata: [
            "id": .stringConvertible(id), "repository": .string(labels.repository), "branch": .string(labels.branch),
        ])
        var j = JSONObject([("id", .number(Double(id)))])
        j["tactics"] = .array(tactics.map(Self.json))
        return APIRoutes.json(.object(j), status: .created)
    }

    /// The release a result was made against, else the newest of its domain.
    func release(for result: CoverageResult) -> LoadedRelease? {
        let domain = result.domain ?? .enterprise
        return try? data.release(forDocument: domain, version: result.release).release
    }

    private func stored(_ text: String) async throws -> StoredSnapshot {
        guard let id = Int64(text), id > 0 else { throw APIError.badRequest("\(text): expected a snapshot id") }
        guard let stored = try await store.snapshot(id: id) else { throw APIError.notFound("no coverage snapshot \(id)") }
        return stored
    }

    /// A repository, branch or commit label from the query (``SnapshotLabels/problem(_:)`` says
    /// which are valid: the same on both stores).
    static func label(_ value: String?, _ name: String, required: Bool) throws -> String? {
        guard let value, !value.isEmpty else {
            if required { throw APIError.badRequest("\(name): expected a label (1–\(SnapshotLabels.maxScalars) characters)") }
            return nil
        }
        if let problem = SnapshotLabels.problem(String(value)) { throw APIError.badRequest("\(name): \(problem)") }
        return String(value)
    }

    static func json(_ t: TacticCounts) -> JSONValue {
        .object(JSONObject([
            ("tactic", .string(t.tactic)), ("detected", .number(Double(t.detected))),
            ("logged", .number(Double(t.logged))), ("blind", .number(Double(t.blind))),
        ]))
    }

    static func json(_ s: SnapshotSummary) -> JSONValue {
        .object(JSONObject([
            ("id", .number(Double(s.id))), ("repository", .string(s.labels.repository)), ("branch", .string(s.labels.branch)),
            ("commit", .string(s.labels.commit)), ("received_at", .string(s.receivedAt)), ("domain", .string(s.domain)),
            ("attack_version", .string(s.attackVersion)), ("tactics", .array(s.tactics.map(json))),
        ]))
    }
}
