import Foundation
import Hummingbird
import HummingbirdTesting
import Server
import STIX
import TestSupport
import Testing

/// The case on real data: SigmaHQ's process_creation rules against Enterprise 18.1,
/// APT29 and FIN7. `gaps --top 10`, the report's top-10 blind spots and `/api/gaps` list the
/// same techniques in the same order, and so does the gaps gate; pre-compromise techniques
/// (T1583.001 Domains, T1583.006, T1608.001) are out of them unless included, in every one.
@Suite("one gap list on SigmaHQ and Enterprise 18.1", .enabled(if: SharedData.isAvailable, SharedData.skipMessage), .serialized)
struct SharedGapListTests {
    static let bundle = SharedData.bundle("enterprise-attack-18.1.json")
    static let preCompromise: Set = ["T1583.001", "T1583.006", "T1608.001"]

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", Self.bundle.path])
    }

    /// `gaps --top 10 --format csv`: the technique IDs of its rows.
    func gaps(_ coverage: String, _ extra: [String]) throws -> [String] {
        let r = try ttpkit(["gaps", "--coverage", coverage, "--groups", "APT29,FIN7", "--top", "10", "--format", "csv"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return r.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").dropFirst().first.map(String.init) ?? "" }
    }

    /// `report coverage -o report.json`: the techniques of its top-10 blind spots.
    func report(_ coverage: String, _ folder: URL, _ extra: [String]) throws -> [String] {
        let path = folder.appendingPathComponent("report-\(extra.count).json").path
        let r = try ttpkit(["report", "coverage", "--coverage", coverage, "--groups", "APT29,FIN7", "-o", path] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        return try GapListCommandTests.blindSpots(path)
    }

    /// `coverage gate --fail-on-gaps --format json`: its findings, in order.
    func gate(_ coverage: String, _ extra: [String]) throws -> [String] {
        let r = try ttpkit(["coverage", "gate", coverage, "--fail-on-gaps", "--groups", "APT29,FIN7", "--format", "json"] + extra)
        #expect(r.status == 1, "\(r.stderr)")
        let json = try JSONValue.parse(Array(r.stdout.utf8))
        return json["gates"]?[0]?["findings"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? []
    }

    @Test func gapsTheReportTheAPIAndTheGateAgree() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-gaplist-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let coverage = folder.appendingPathComponent("c.json").path
        let rules = SharedData.corpora.appendingPathComponent("sigma/rules/windows/process_creation").path
        let made = try ttpkit(["coverage", "--rules", rules, "--format", "json", "-o", coverage])
        #expect(made.status == 0, "\(made.stderr)")

        let data = try await ServerData.load(files: [Self.bundle])
        let app = Application(router: TTPKitServer.router(data: data, options: ServerOptions()))
        let body = try String(contentsOfFile: coverage, encoding: .utf8)
        let api: [String: [String]] = try await app.test(.router) { client in
            var found: [String: [String]] = [:]
            for (key, query) in [("", ""), ("included", "&include_pre_compromise=true")] {
                found[key] = try await client.execute(uri: "/api/gaps?groups=APT29,FIN7" + query, method: .post, body: ByteBuffer(string: body)) { response in
                    #expect(response.status == .ok)
                    let json = try JSONValue.parse(Array(String(buffer: response.body).utf8))
                    if key.isEmpty {
                        let apart = Set(json["pre_compromise"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
                        #expect(Self.preCompromise.isSubset(of: apart), "\(apart)")
                    }
                    return json["gaps"]?.arrayValue?.prefix(10).compactMap { $0["id"]?.stringValue } ?? []
                }
            }
            return found
        }

        let top = try gaps(coverage, [])
        #expect(top.count == 10)
        #expect(Self.preCompromise.isDisjoint(with: top), "\(top)")
        #expect(try report(coverage, folder, []) == top)
        #expect(api[""] == top)
        #expect(Array(try gate(coverage, []).prefix(10)) == top)

        let included = try gaps(coverage, ["--include-pre-compromise"])
        #expect(included.contains("T1583.001"), "\(included)")
        #expect(try report(coverage, folder, ["--include-pre-compromise"]) == included)
        #expect(api["included"] == included)
        #expect(Array(try gate(coverage, ["--include-pre-compromise"]).prefix(10)) == included)
    }
}
