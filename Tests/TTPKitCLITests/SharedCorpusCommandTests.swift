import Foundation
import STIX
import TestSupport
import Testing

/// The coverage commands on the shared corpora and Enterprise 18.1, as a user runs them.
@Suite("Coverage commands on the shared corpora", .enabled(if: SharedData.isAvailable, SharedData.skipMessage), .serialized)
struct SharedCorpusCommandTests {
    let bundle = SharedData.bundle("enterprise-attack-18.1.json").path
    let sigma = SharedData.corpora.appendingPathComponent("sigma/rules").path

    func ttpkit(_ args: [String]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle], environment: [
            "TTPKIT_MISP_GALAXY": SharedData.corpora.appendingPathComponent("misp-galaxy/clusters/threat-actor.json").path,
        ])
    }

    @Test func sigmaCoverageGapsAndReport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-corpus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let coverage = dir.appendingPathComponent("coverage.json").path
        let r = try ttpkit(["coverage", "--rules", sigma, "-o", coverage])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("read 3,141 rules from 3,141 files (sigma 3,141); 0 failures"))
        #expect(r.stderr.contains("IDs not in ATT&CK 18.1 in 224 rules"))
        let json = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: coverage)))
        #expect(json["totals"]?["detected"]?.doubleValue == 378, "the techniques sigma analyze attack finds (tools/coverage/sigma-check.sh)")

        let gaps = try ttpkit(["gaps", "--coverage", coverage, "--sector", "Financial", "--format", "json"])
        #expect(gaps.status == 0, "\(gaps.stderr)")
        #expect(gaps.stderr.contains("from the MISP threat-actor galaxy"))
        let g = try JSONValue.parse(Array(gaps.stdout.utf8))
        #expect(g["groups"]?.arrayValue?.contains { $0["name"]?.stringValue == "FIN7" } == true)
        let gapCount = try #require(g["gap_count"]?.doubleValue)
        #expect(gapCount > 10 && g["gaps"]?.arrayValue?.count == Int(gapCount), "JSON holds every gap; --top limits the table only")

        let report = dir.appendingPathComponent("report.html").path
        let rep = try ttpkit(["report", "coverage", "--coverage", coverage, "--groups", "APT29,FIN7", "-o", report])
        #expect(rep.status == 0, "\(rep.stderr)")
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("APT29 (G0016)") && html.contains("<svg"))
    }
}
