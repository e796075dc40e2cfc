import ATTACK
import Foundation
import Navigator
import STIX
import TestSupport
import Testing
@testable import Coverage

struct CoverageDiffTests {
    static func entry(_ id: String, _ state: CoverageState, _ tactic: String = "execution") -> TechniqueCoverage {
        TechniqueCoverage(techniqueID: id, name: "N\(id)", tactics: [tactic], state: state, score: CoverageOptions.Scores().score(state))
    }

    static func result(_ source: String, _ domain: AttackDomain = .enterprise, _ entries: [TechniqueCoverage]) -> CoverageResult {
        CoverageResult(source: source, domain: domain, techniques: entries)
    }

    @Test func everyKindOfChangeIsClassified() throws {
        let old = Self.result("old.json", .enterprise, [
            Self.entry("T1003", .blind, "defense-evasion"), Self.entry("T1027", .detected, "defense-evasion"),
            Self.entry("T1059", .logged), Self.entry("T1059.001", .blind), Self.entry("T1086", .logged), Self.entry("T1000", .detected),
        ])
        let new = Self.result("new.json", .enterprise, [
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
        let old = Self.result("old.json", .mobile, [])
        let new = Self.result("new.json", .enterprise, [])
        #expect(throws: CoverageInputError.self) { try CoverageDiff(old: old, new: new) }
    }

    @Test func theDiffLayerColoursGainedGreenAndLostRed() throws {
        let kb = try FixtureKnowledgeBase.make()
        let old = Self.result("old", .enterprise, [Self.entry("T1003", .blind), Self.entry("T1027", .detected)])
        let new = Self.result("new", .enterprise, [Self.entry("T1003", .detected), Self.entry("T1027", .blind), Self.entry("T9999", .detected)])
        let layer = try CoverageDiff(old: old, new: new).layer(knowledgeBase: kb)
        let colours = Dictionary(layer.layer.techniques.map { ($0.techniqueID, $0.color ?? "") }, uniquingKeysWith: { a, _ in a })
        #expect(colours == ["T1003": "#31a354", "T1027": "#e34a33"])
        #expect(layer.notes.contains { $0.hasPrefix("T9999 (gained) is not in") })
    }

    @Test func coverageFilesRoundTripAndLayersAreRead() throws {
        let (result, kb) = try GateTests.snapshot()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try CoverageDocument.write(result, knowledgeBase: kb, to: folder.path + "/c.json")
        let read = try CoverageDocument.read(path: folder.path + "/c.json", knowledgeBase: kb)
        #expect(read.techniques.map(\.state) == result.techniques.map(\.state))
        #expect(read.technique("T1059.001")?.ruleLocations == [RuleLocation(path: "rules/ps.yml", line: 1, title: "PS")])
        #expect(read.domain == .enterprise && read.release == "18.1")

        let layer = try read.layer(knowledgeBase: kb).layer
        try LayerFile.write([layer], to: URL(fileURLWithPath: folder.path + "/layer.json"))
        let fromLayer = try CoverageDocument.read(path: folder.path + "/layer.json", knowledgeBase: kb)
        #expect(fromLayer.techniques.map(\.state) == result.techniques.map(\.state))
        #expect(try CoverageDiff(old: read, new: fromLayer).changes.isEmpty)

        try folder.write("bad.json", "{\"techniques\": [{\"id\": \"T1003\", \"state\": \"green\"}]}")
        let error = #expect(throws: CoverageInputError.self) { try CoverageDocument.read(path: folder.path + "/bad.json", knowledgeBase: kb) }
        #expect(error?.reason == "techniques[0].state: expected detected, logged or blind, found 'green'")
        try folder.write("broken.json", "{\n  \"techniques\": [\n")
        #expect((try? CoverageDocument.read(path: folder.path + "/broken.json", knowledgeBase: kb)) == nil)
    }

    @Test func baselinesFromLayersAndTheirDomain() async throws {
        let (result, kb) = try GateTests.snapshot()
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let sigmaLayer = #"{"name":"sigma","domain":"enterprise-attack","versions":{"layer":"4.4"},"techniques":[{"techniqueID":"T1003","score":2},{"techniqueID":"T1027","score":0},{"techniqueID":"T1059.001","score":1}]}"#
        try folder.write("sigma.json", sigmaLayer)
        let baseline = try await Baseline.load(folder.path + "/sigma.json", knowledgeBase: kb)
        #expect(baseline.detectedIDs == ["T1003", "T1059.001"])
        let comparison = try BaselineComparison(ours: result, baseline: baseline)
        #expect(comparison.onlyBaseline == ["T1003"])
        #expect(comparison.onlyOurs == [])
        #expect(comparison.both == ["T1059.001"])
        let mobile = CoverageResult(source: "m.json", domain: .mobile, techniques: [])
        let error = #expect(throws: CoverageInputError.self) { try BaselineComparison(ours: result, baseline: mobile) }
        #expect(error?.description == "m.json: baseline is mobile-attack, the coverage is enterprise-attack; use a baseline of the same domain")
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func sigmaRulesFolderBaselineAndFullDiff() async throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let rules = SharedData.corpora.appendingPathComponent("sigma/rules/windows/process_creation").path
        let baseline = try await Baseline.load(rules, knowledgeBase: kb)
        #expect(baseline.detectedIDs.count > 100)
        let scan = await RuleScanner().scan([rules])
        let half = Array(scan.rules.prefix(scan.rules.count / 2))
        let ours = CoverageResult(rules: half, knowledgeBase: kb)
        let comparison = try BaselineComparison(ours: ours, baseline: baseline)
        #expect(comparison.onlyOurs.isEmpty)
        #expect(!comparison.onlyBaseline.isEmpty)
        #expect(comparison.both.count + comparison.onlyBaseline.count == baseline.detectedIDs.count)

        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let full = CoverageResult(rules: scan.rules, knowledgeBase: kb)
        try CoverageDocument.write(ours, knowledgeBase: kb, to: folder.path + "/old.json")
        try CoverageDocument.write(full, knowledgeBase: kb, to: folder.path + "/new.json")
        let diff = try CoverageDiff(old: CoverageDocument.read(path: folder.path + "/old.json", knowledgeBase: nil),
                                    new: CoverageDocument.read(path: folder.path + "/new.json", knowledgeBase: nil))
        #expect(diff.techniques == kb.objects(.technique).count)
        #expect(diff.changes.count == comparison.onlyBaseline.count)
    }
}
