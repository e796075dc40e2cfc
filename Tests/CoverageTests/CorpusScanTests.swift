import Foundation
import Testing
import TestSupport
@testable import Coverage

/// Scans the real rule corpora in `../shared/corpora`. The expected counts were measured
/// independently with PyYAML and tomllib (a rule "has techniques" when a tag matches
/// `attack.tNNNN[.NNN]`, an Elastic threat names a technique or sub-technique, or Splunk's
/// `tags.mitre_attack_id` is non-empty).
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct CorpusScanTests {
    static func corpus(_ path: String) -> String { SharedData.corpora.appendingPathComponent(path).path }

    @Test func sigmaRules() async {
        let scan = await RuleScanner().scan([Self.corpus("sigma/rules")])
        let report = scan.report
        #expect(scan.issues == [])
        #expect(report.rulesPerFormat == [.sigma: 3141])
        #expect(report.withTechniques == 2795)
        #expect(report.tacticOnly == 345)
        #expect(report.untagged == 1)
        #expect(report.failures == 0)
        #expect(scan.skipped.map { $0.path.hasSuffix("README.md") } == [true])
        #expect(Set(scan.rules.flatMap(\.techniqueIDs)).count == 390)
    }

    /// SigmaHQ through the rule cache: the warm scan parses no file and equals the cold one.
    @Test func sigmaRulesFromTheRuleCache() async throws {
        let cacheFolder = try TemporaryFolder()
        defer { cacheFolder.remove() }
        var scanner = RuleScanner()
        scanner.cache = RuleScanCache(cacheFolder: URL(fileURLWithPath: cacheFolder.path), settleSeconds: -5)
        let cold = await scanner.scanCounting([Self.corpus("sigma/rules")])
        let warm = await scanner.scanCounting([Self.corpus("sigma/rules")])
        #expect(cold.parsed == 3142)
        #expect(warm.parsed == 0)
        #expect(warm.scan == cold.scan)
        #expect(warm.scan.rules.count == 3141)
    }

    @Test func sigmaDeprecatedRules() async {
        let scan = await RuleScanner().scan([Self.corpus("sigma/deprecated")])
        let report = scan.report
        #expect(scan.issues == [])
        #expect(report.rulesPerFormat == [.sigma: 172])
        #expect(report.withTechniques == 161)
        #expect(report.tacticOnly == 8)
        #expect(report.untagged == 3)
        #expect(report.deprecatedRules == 172)
        // README.md, deprecated.json, and deprecated.csv (an index with no technique column).
        #expect(scan.skipped.count == 3)
    }

    @Test func elasticWindowsRules() async {
        let scan = await RuleScanner().scan([Self.corpus("elastic/rules/windows")])
        let report = scan.report
        #expect(scan.issues == [])
        #expect(report.rulesPerFormat == [.elastic: 487])
        #expect(report.withTechniques == 485)
        #expect(report.tacticOnly == 2)
        #expect(report.untagged == 0)
        #expect(scan.rules.allSatisfy { $0.maturity == "production" && !$0.tacticIDs.isEmpty })
    }

    @Test func splunkEndpointDetections() async {
        let scan = await RuleScanner().scan([Self.corpus("splunk/detections/endpoint")])
        let report = scan.report
        #expect(scan.issues == [])
        #expect(report.rulesPerFormat == [.splunk: 1175])
        #expect(report.withTechniques == 1168)
        #expect(report.untagged == 7)
        #expect(scan.rules.count(where: { $0.status == "production" }) == 1132)
    }
}
