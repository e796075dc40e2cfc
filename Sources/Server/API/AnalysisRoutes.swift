import Answers
import ATTACK
import Coverage
import DataStore
import Foundation
import Hummingbird
import Intel
import Navigator
import Reports
import STIX

/// The analyses of the JSON API, each answered by the library call the CLI makes for
/// `--format json`: `GET /api/compare` (`ttpkit compare`), `POST /api/extract` (`ttpkit
/// extract`), `/api/gaps` (`ttpkit gaps`) and `/api/report` (`ttpkit report coverage -o
/// report.json`). Gaps and the report read coverage from a stored snapshot (`GET ...?coverage=ID`)
/// or from the request body (`POST`, a coverage file or coverage layer).
struct AnalysisRoutes: Sendable {
    let data: ServerData
    let store: (any CoverageHistoryStore)?
    let bodyLimit: Int
    /// Where extraction and training run (never on the threads answering requests).
    let compute: RequestCompute

    /// The largest report text `POST /api/extract` reads (2 MiB, or the server's limit if lower).
    var extractLimit: Int { min(bodyLimit, 2 << 20) }

    func register(on router: Router<BasicRequestContext>) {
        let api = router.group("api")
        let base = APIRoutes(data: data)
        api.get("compare") { request, _ in
            let (kb, names) = try base.groups(request, atLeast: 2, expected: "at least two groups to compare, separated by commas")
            let viaSoftware = try APIRoutes.flag((try Query(request))["via_software"], name: "via_software")
            return APIRoutes.json(try APIRoutes.answering { () throws(QuestionError) in
                try Questions.compare(names, viaSoftware: viaSoftware, in: kb)
            }.json)
        }
        api.post("extract") { request, _ in try await self.extract(request, release: try base.release(request)) }
        api.get("gaps") { request, _ in APIRoutes.json(try await self.gaps(request)) }
        api.post("gaps") { request, _ in APIRoutes.json(try await self.gaps(request)) }
        api.get("report") { request, _ in APIRoutes.json(try await self.report(request)) }
        api.post("report") { request, _ in APIRoutes.json(try await self.report(request)) }
    }

    // MARK: Extract

    private func extract(_ request: Request, release: LoadedRelease) async throws -> Response {
        let q = (try Query(request))
        let minConfidence = try Self.fraction(q["min_confidence"], name: "min_confidence", default: 0.5)
        let learned = !(try APIRoutes.flag(q["no_learned"], name: "no_learned"))
        let html = try APIRoutes.flag(q["html"], name: "html")
        let all = try APIRoutes.flag(q["all"], name: "all")
        var request = request
        let bytes = Array(buffer: try await request.collectBody(upTo: extractLimit))
        let kb = release.knowledgeBase
        let report = try await compute.run(for: request) { ReportText(bytes, isHTML: html ? true : nil) }
        guard !report.isBlank else { throw APIError.badRequest("report: the report is empty (no text to search)") }
        var model: ExtractionModel?
        if learned {
            model = try await data.models.answer("\(release.domain.rawValue) \(release.version)") {
                // Shared by every request for this release: not cancelled when one client leaves.
                try await compute.run(for: nil) {
                    ExtractionModel.load(knowledgeBase: kb, training: data.trainingReports, cache: TechniqueModelCache(directory: CacheDirectory.resolve().url))
                }
            }
        }
        // Extraction, classification and the (possibly large) answer's encoding run on the
        // compute threads.
        let trained = model
        return APIRoutes.json(bytes: try await compute.run(for: request) {
            let answer = ExtractionAnswer(report: report, knowledgeBase: kb, model: trained, options: .init(minConfidence: minConfidence, all: all))
            return ByteBuffer(string: Questions.extraction(answer, in: kb).json.serialized(pretty: false))
        })
    }

    // MARK: Gaps and the report

    /// The coverage, groups and study a gaps or report request asks for.
    struct Study {
        let result: CoverageResult
        let selection: GroupSelection
        let threats: ThreatCoverage
        let kb: KnowledgeBase

        /// Chooses the groups and studies the coverage for them, as `ttpkit gaps` does.
        init(result: CoverageResult, kb: KnowledgeBase, criterion: GroupSelection.Criterion, galaxy: ThreatActorGalaxy? = nil,
             recommendations: Int = 5, includePreCompromise: Bool = false) throws {
            do throws(CoverageInputError) {
                selection = try GroupSelection.choose(criterion, galaxy: galaxy, knowledgeBase: kb)
            } catch {
                throw APIError.notFound(error.description)
            }
            self.result = result
            self.kb = kb
            threats = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb,
                                     recommendationLimit: recommendations, includePreCompromise: includePreCompromise)
        }

        /// The executive report of the study (`ttpkit report coverage`).
        func report(top: Int = 10, title: String = "Detection coverage report") -> ReportDocument {
            CoverageReport.document(CoverageReport.Input(
                result: result, knowledgeBase: kb, selection: selection, study: threats, top: top, title: title))
        }
    }

    private func gaps(_ request: Request) async throws -> JSONValue {
        let s = try await study(request)
        return Questions.gaps(s.threats, result: s.result, selection: s.selection, in: s.kb).json
    }

    private func report(_ request: Request) async throws -> JSONValue {
        let q = (try Query(request))
        let top = try APIRoutes.integer(q["top"], name: "top", default: 10, range: 1...1000)
        let title = q["title"].map { String($0.prefix(200)) } ?? "Detection coverage report"
        return JSONWriter.value(try await study(request).report(top: top, title: title))
    }

    private func study(_ request: Request) async throws -> Study {
        let q = (try Query(request))
        let criterion = try Self.criterion(q)
        let recommendations = try APIRoutes.integer(q["recommendations"], name: "recommendations", default: 5, range: 0...100)
        let includePreCompromise = try APIRoutes.flag(q["include_pre_compromise"], name: "include_pre_compromise")
        let (result, kb) = try await coverage(request)
        return try Study(result: result, kb: kb, criterion: criterion, galaxy: data.galaxy, recommendations: recommendations,
                         includePreCompromise: includePreCompromise)
    }

    /// The coverage a request names: the body of a POST, else the stored snapshot `coverage=ID`,
    /// aligned to the release it was made against (else the newest of its domain).
    func coverage(_ request: Request) async throws -> (CoverageResult, KnowledgeBase) {
        let q = (try Query(request))
        let bytes: Data
        let source: String
        if request.method == .post {
            var request = request
            bytes = Data(buffer: try await request.collectBody(upTo: bodyLimit))
            source = "coverage.json"
        } else {
            guard let text = q["coverage"], let id = Int64(text), id > 0 else {
                throw APIError.badRequest("coverage: expected a stored snapshot id (or POST the coverage file)")
            }
            guard let store else { throw APIError.notFound("this server keeps no coverage history") }
            guard let stored = try await store.snapshot(id: id) else { throw APIError.notFound("no coverage snapshot \(id)") }
            bytes = Data(stored.document.utf8)
            source = "snapshot \(id)"
        }
        let read: CoverageResult
        do throws(CoverageInputError) { read = try CoverageDocument.parse(bytes, source: source, knowledgeBase: nil) } catch {
            throw APIError.badRequest(error.description)
        }
        let domain = read.domain ?? .enterprise
        let release: LoadedRelease
        do throws(ReleaseChoice.Failure) { release = try data.release(forDocument: domain, version: read.release).release } catch {
            throw APIError.badRequest("\(source): \(error.description)")
        }
        do {
            return (try read.aligned(to: release.knowledgeBase), release.knowledgeBase)
        } catch {
            throw APIError.badRequest(error.description)
        }
    }

    // MARK: Parameters

    /// `groups=APT29,FIN7` (names, aliases or IDs), or `groups=*` for every group of the release.
    static func criterion(_ q: Query) throws -> GroupSelection.Criterion {
        if q["groups"]?.trimmingCharacters(in: .whitespaces) == "*" { return .all }
        return .named(try groupNames(q, atLeast: 1, expected: "group names, aliases or IDs separated by commas, or * for every group"))
    }

    /// The names in `groups` (separated by commas; at most 50, trimmed, empty ones dropped);
    /// fewer than `minimum` is a bad request saying what was `expected`.
    static func groupNames(_ q: Query, atLeast minimum: Int, expected: String) throws -> [String] {
        let names = Array(ObservedInput.commaSeparated(q["groups"] ?? "").prefix(50))
        guard names.count >= minimum else { throw APIError.badRequest("groups: expected \(expected)") }
        return names
    }

    static func fraction(_ text: String?, name: String, default value: Double) throws -> Double {
        guard let text else { return value }
        guard let x = Double(text), x >= 0, x <= 1 else { throw APIError.badRequest("\(name): expected a number from 0 to 1") }
        return x
    }
}
