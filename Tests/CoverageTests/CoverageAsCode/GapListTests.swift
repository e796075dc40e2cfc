import ATTACK
import Foundation
import TestSupport
import Testing
@testable import Coverage

/// The one gap list over the fixture release with its pre-compromise part: T1059.001 Logged
/// (sysmon 1), T1218 Detected, the rest Blind. APT Test uses T1027, T1059.001 (campaign) and
/// T1583.001; Other Group T1059.001 and T1583.001. Ranked: T1059.001, T1583.001, T1027.
struct GapListTests {
    static func fixture() throws -> (CoverageResult, KnowledgeBase, GroupSelection) {
        let kb = try FixtureBundle.sample(preCompromise: true).knowledgeBase()
        let rules = [
            DetectionRule(format: .sigma, path: "rules/win/proxy.yml", line: 1, title: "Proxy", techniqueIDs: ["T1218"]),
            DetectionRule(format: .sigma, path: "rules/win/newer.yml", line: 3, title: "Newer", techniqueIDs: ["T1999"]),
        ]
        let telemetry = TelemetryInventory.parse(text: "- name: sysmon\n  channel: 1\n", path: "telemetry.yaml")
        let result = CoverageResult(rules: rules, telemetry: telemetry, knowledgeBase: kb)
        let selection = try GroupSelection.choose(.named(["APT Test", "Other Group"]), galaxy: nil, knowledgeBase: kb)
        return (result, kb, selection)
    }

    static let waivers = FixtureBundle.sampleWaivers

    static func day(_ text: String) throws -> CalendarDay { try #require(CalendarDay(text)) }

    @Test func preCompromiseGapsAreListedApartUnlessIncluded() throws {
        let (result, kb, selection) = try Self.fixture()
        let study = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb)
        #expect(study.gaps.map(\.techniqueID) == ["T1059.001", "T1027"])
        #expect(study.gaps.map(\.state) == [.logged, .blind])
        #expect(study.preCompromiseGaps.map(\.techniqueID) == ["T1583.001"])
        #expect(study.preCompromise["T1583.001"] == "Resource Development")
        #expect(!study.recommendations.flatMap(\.newlyVisible).contains("T1583.001"))
        let included = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb, includePreCompromise: true)
        #expect(included.gaps.map(\.techniqueID) == ["T1059.001", "T1583.001", "T1027"])
        #expect(included.preCompromiseGaps.isEmpty)
    }

    @Test func theGapsGateCountsTheSameListAndSaysWhatIsApart() throws {
        let (result, kb, selection) = try Self.fixture()
        let targets = TechniqueTargets.groups(selection, knowledgeBase: kb)
        let gate = try GateEvaluator.evaluate(result, gates: GateConfiguration(requiredTechniques: targets), knowledgeBase: kb)
        let condition = try #require(gate.conditions.first)
        #expect(condition.findings.map(\.techniqueID) == ["T1059.001", "T1027"])
        #expect(condition.message == "2 of 3 techniques of groups APT Test (G0001), Other Group (G0002) not detected; 1 pre-compromise listed apart")
        #expect(gate.gapStudy?.preCompromiseGaps.map(\.techniqueID) == ["T1583.001"])
        let included = try GateEvaluator.evaluate(
            result, gates: GateConfiguration(requiredTechniques: targets, includePreCompromise: true), knowledgeBase: kb)
        #expect(included.conditions.first?.findings.map(\.techniqueID) == ["T1059.001", "T1583.001", "T1027"])
    }

    @Test func activeExpiredAndUnusedWaivers() throws {
        let (result, kb, selection) = try Self.fixture()
        let file = try WaiverFile.parse(text: Self.waivers, path: "waivers.yaml", knowledgeBase: kb)
        #expect(file.waivers.map(\.techniqueID) == ["T1027", "T1059.001", "T1218"])
        #expect(file.waivers.map(\.line) == [2, 6, 10])
        let study = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb,
                                   waivers: file, asOf: try Self.day("2026-03-01"))
        #expect(study.gaps.map(\.techniqueID) == ["T1059.001"], "the expired waiver no longer waives")
        #expect(study.waived.map(\.gap.techniqueID) == ["T1027"])
        #expect(study.waived.first?.waiver.reason == "noisy on build servers")
        #expect(study.preCompromiseGaps.map(\.techniqueID) == ["T1583.001"])
        #expect(study.waivers.expired.map(\.techniqueID) == ["T1059.001"])
        #expect(study.waivers.unused.map(\.why) == ["T1218 is detected"])
        #expect(study.waivers.warnings.map(\.description) == [
            "waivers.yaml:6: warning: waiver for T1059.001 expired (expires: 2026-01-31, owner: edr-team): T1059.001 counts as a gap again",
            "waivers.yaml:10: warning: waiver for T1218 is unused: T1218 is detected",
        ])
        #expect(study.quickWins.map(\.techniqueID) == ["T1059.001"])
        let earlier = ThreatCoverage(coverage: result, profiles: selection.profiles(kb), knowledgeBase: kb,
                                     waivers: file, asOf: try Self.day("2026-01-31"))
        #expect(earlier.gaps.isEmpty, "a waiver holds on its expiry day")
        #expect(earlier.quickWins.isEmpty, "a waived gap is no quick win")
    }

    @Test func theGateFailsOnAnExpiredWaiverAtItsLineAndPassesWhenEveryGapIsWaived() throws {
        let (result, kb, selection) = try Self.fixture()
        let file = try WaiverFile.parse(text: Self.waivers, path: "waivers.yaml", knowledgeBase: kb)
        var gates = GateConfiguration(requiredTechniques: .groups(selection, knowledgeBase: kb), waivers: file, asOf: try Self.day("2026-03-01"))
        let failed = try GateEvaluator.evaluate(result, gates: gates, knowledgeBase: kb)
        let finding = try #require(failed.conditions.first?.findings.first)
        #expect(failed.conditions.first?.findings.count == 1)
        #expect(finding.location == RuleLocation(path: "waivers.yaml", line: 6, title: "T1059.001"))
        #expect(finding.message.hasSuffix("its waiver at waivers.yaml:6 expired (expires: 2026-01-31)"))
        gates.asOf = try Self.day("2026-01-15")
        let passed = try GateEvaluator.evaluate(result, gates: gates, knowledgeBase: kb)
        #expect(passed.passed)
        #expect(passed.conditions.first?.message
                == "no gap among the 3 techniques of groups APT Test (G0001), Other Group (G0002) (2 waived, 1 pre-compromise listed apart)")
        let json = passed.jsonValue
        #expect(json["waived"]?.arrayValue?.map { $0["id"]?.stringValue ?? "" } == ["T1059.001", "T1027"])
        #expect(json["pre_compromise"]?[0]?["reason"] == "Resource Development")
        #expect(json["waivers"]?["unused"]?[0]?["technique"] == "T1218")
    }

    @Test func junitListsWaivedAndPreCompromiseGapsAndWaiverWarnings() throws {
        let (result, kb, selection) = try Self.fixture()
        let file = try WaiverFile.parse(text: Self.waivers, path: "waivers.yaml", knowledgeBase: kb)
        let gates = GateConfiguration(requiredTechniques: .groups(selection, knowledgeBase: kb), waivers: file, asOf: try Self.day("2026-03-01"))
        let xml = JUnitReport.render(try GateEvaluator.evaluate(result, gates: gates, knowledgeBase: kb))
        #expect(xml.contains("waived: T1027 Obfuscated Files or Information (blind): noisy on build servers (owner: soc, expires: 2026-06-30, waivers.yaml:2)"))
        #expect(xml.contains("pre-compromise, watch with threat intelligence: T1583.001 Domains (Resource Development)"))
        #expect(xml.contains("<system-err>waivers.yaml:6: warning: waiver for T1059.001 expired"))
    }
}
