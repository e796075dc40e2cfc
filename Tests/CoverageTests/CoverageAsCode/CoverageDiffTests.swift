import ATTACK
import Foundation
import Navigator
import STIX
import TestSupport
import Testing
@testable import Coverage

struct CoverageDiffTests {
    static func entry(_ id: String, _ state: CoverageState, _ tactic: String = "execution") -> CoverageSnapshot.Entry {
        CoverageSnapshot.Entry(techniqueID: id, name: "N\(id)", tactics: [tactic], state: state)
    }

    @Test func everyKindOfChangeIsClassified() throws {
        let old = CoverageSnapshot(source: "old.json", domain: .enterprise, entries: [
            Self.entry("T1003", .blind, "defense-evasion"), Self.entry("T1027", .detected, "defense-evasion"),
            Self.entry("T1059", .logged), Self.entry("T1059.001", .blind), Self.entry("T1086", .logged), Self.entry("T1000", .detected),
        ])
        let new = CoverageSnapshot(source: "new.json", domain: .enterprise, entries: [
            Self.entry("T1003", .detected, "defense-evasion"), Self.entry("T1027", .logged, "defense-evasion"),
            Self.entry("T1059", .blind), Self.entry("T1059.001", .logged), Self.entry("T1600", .blind),
        ])
        let diff = try CoverageDiff(old: old, new: new)
        #expect(diff.changes.map { "\($0.techniqueID) \($0.kind.rawValue)" } == [
            "T1000 lost", "T1003 gained", "T1027 lost", "T1059 worsened", "T1059.001 improved", "T1086 removed", "T1600 added",
        ])
        #expect(diff.gained.map(\.techniqueID) == ["T1003"])
        #expect((diff.detectedBefore, diff.detectedAfter) == (2, 1))
        let tactics = diff.byTactic(["execution", "defense-evasion"])
        #expect(tactics[0].count(.lost) == 1 && tactics[0].count(.improved) == 1 && tactics[0].detectedBefore == 1)
        #expect(tactics[1].count(.gained) == 1 && tactics[1].count(.lost) == 1 && tactics[1].detectedAfter == 1)
        let json = diff.jsonValue(tactics: ["execution"])
        #expect(json["summary"]?["gained"] == 1)
        #expect(json["changes"]?[0]?["change"] == "lost")
        #expect(json["changes"]?[0]?["new"] == .null)
    }

    @Test func differentDomainsCannotBeCompared() {
        let old = CoverageSnapshot(source: "old.json", domain: .mobile, entries: [])
        let new = CoverageSnapshot(source: "new.json", domain: .enterprise, entries: [])
        #expect(throws: CoverageInputError.self) { try CoverageDiff(old: old, new: new) }
    }

    @Test func theDiffLayerColoursGainedGreenAndLostRed() throws {
        let kb = try FixtureKnowledgeBase.make()
        let old = CoverageSnapshot(source: "old", domain: .enterprise, entries: [Self.entry("T1003", .blind), Self.entry("T1027", .detected)])
        let new = CoverageSnapshot(source: "new", domain: .enterprise, entries: [Self.entry("T1003", .detected), Self.entry("T1027", .blind), Self.entry("T9999", .detected)])
        let layer = try CoverageDiff(old: old, new: new).layer(knowledgeBase: kb)
        let colours = Dictionary(layer.layer.techniques.map { ($0.techniqueID, $0.color ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(colours == ["T1003": "#31a354", "T1027": "#e34a33"])
        #expect(layer.notes.contains { $0.hasPrefix("T9999 (gained) is not in") })
    }

    @Test func coverageFilesRoundTripAndLayersAreRead() throws {
        let (snapshot, kb) = try GateTests.snapshot()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try snapshot.write(to: folder.path + "/c.json")
        let read = try CoverageSnapshot.read(path: folder.path + "/c.json")
        #expect(read.entries.map(\.state) == snapshot.entries.map(\.state))
        #expect(read.entry("T1059.001")?.rules == [RuleLocation(path: "rules/ps.yml", line: 1, title: "PS")])
        #expect(read.domain == .enterprise && read.release == "18.1")

        let analysis = CoverageAnalysis(importing: read, knowledgeBase: kb)
        let layer = try analysis.layer(knowledgeBase: kb).layer
        try LayerFile.write([layer], to: URL(fileURLWithPath: folder.path + "/layer.json"))
        let fromLayer = try CoverageSnapshot.read(path: folder.path + "/layer.json")
        #expect(fromLayer.entries.map(\.state) == snapshot.entries.map(\.state))
        #expect(try CoverageDiff(old: read, new: fromLayer).changes.isEmpty)

        try folder.write("bad.json", "{\"techniques\": [{\"id\": \"T1003\", \"state\": \"green\"}]}")
        let error = #expect(throws: CoverageInputError.self) { try CoverageSnapshot.read(path: folder.path + "/bad.json") }
        #expect(error?.reason.contains("no state detected, logged or blind") == true)
        try folder.write("broken.json", "{\n  \"techniques\": [\n")
        #expect((try? CoverageSnapshot.read(path: folder.path + "/broken.json")) == nil)
    }

    @Test func baselinesFromLayersAndTheirDomain() throws {
        let (snapshot, _) = try GateTests.snapshot()
        let sigmaLayer = #"{"name":"sigma","domain":"enterprise-attack","versions":{"layer":"4.4"},"techniques":[{"techniqueID":"T1003","score":2},{"techniqueID":"T1027","score":0},{"techniqueID":"T1059.001","score":1}]}"#
        let baseline = try Baseline.parse(Data(sigmaLayer.utf8), source: "sigma.json")
        #expect(baseline.covered == ["T1003", "T1059.001"])
        let comparison = try BaselineComparison(ours: snapshot, baseline: baseline)
        #expect(comparison.onlyBaseline == ["T1003"])
        #expect(comparison.onlyOurs == [])
        #expect(comparison.both == ["T1059.001"])
        let mobile = try Baseline.parse(Data(sigmaLayer.replacingOccurrences(of: "enterprise-attack", with: "mobile-attack").utf8), source: "m.json")
        let error = #expect(throws: CoverageInputError.self) { try BaselineComparison(ours: snapshot, baseline: mobile) }
        #expect(error?.description == "m.json: baseline is mobile-attack, the coverage is enterprise-attack; use a baseline of the same domain")
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func sigmaRulesFolderBaselineAndFullDiffSpeed() async throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let rules = SharedData.corpora.appendingPathComponent("sigma/rules/windows/process_creation").path
        let baseline = try await Baseline.load(rules, knowledgeBase: kb)
        #expect(baseline.covered.count > 100)
        let scan = await RuleScanner().scan([rules])
        let half = Array(scan.rules.prefix(scan.rules.count / 2))
        let ours = CoverageSnapshot(CoverageAnalysis(rules: half, knowledgeBase: kb), domain: kb.domain)
        let comparison = try BaselineComparison(ours: ours, baseline: baseline)
        #expect(comparison.onlyOurs.isEmpty)
        #expect(!comparison.onlyBaseline.isEmpty)
        #expect(comparison.both.count + comparison.onlyBaseline.count == baseline.covered.count)

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let full = CoverageSnapshot(CoverageAnalysis(rules: scan.rules, knowledgeBase: kb), domain: kb.domain)
        try ours.write(to: folder.path + "/old.json")
        try full.write(to: folder.path + "/new.json")
        let figures = try CoverageDiffBenchmarks.run(old: folder.path + "/old.json", new: folder.path + "/new.json", runs: 3)
        #expect(figures.techniques == kb.objects(.technique).count)
        #expect(figures.changes == comparison.onlyBaseline.count)
        #expect(figures.medianMilliseconds < 1000)   // debug build; the release target is 50 ms
    }
}
