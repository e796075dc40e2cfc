import ATTACK
import Foundation
import Navigator
import STIX
import Testing
@testable import Coverage

/// The coverage file round trip and its errors, on the coverage fixture release.
@Suite("Coverage file")
struct CoverageFileTests {
    let kb: KnowledgeBase

    init() throws {
        kb = try FixtureKnowledgeBase.make()
    }

    static let rules = [
        DetectionRule(format: .sigma, path: "r/ps.yml", line: 1, title: "PowerShell", status: "test", level: "high", techniqueIDs: ["T1059.001"]),
        DetectionRule(format: .sigma, path: "r/old.yml", line: 3, title: "Old PowerShell", techniqueIDs: ["T1086"]),
        DetectionRule(format: .elastic, path: "r/x.toml", line: 5, title: "Tactic only", tactics: ["execution"]),
    ]

    func record() -> CoverageRecord {
        let inventory = TelemetryInventory(path: "t.yaml", sources: [TelemetrySource(kind: .logSource(name: "sysmon", channel: "3"), line: 4)])
        let analysis = CoverageAnalysis(rules: Self.rules, telemetry: inventory, knowledgeBase: kb)
        let scan = RuleScan(rules: Self.rules, issues: [RuleIssue(path: "r/bad.yml", line: 7, reason: "invalid YAML")])
        return CoverageRecord(
            analysis: analysis, domain: .enterprise, generated: "2026-01-02T00:00:00Z",
            inputs: CoverageRecord.Inputs(rules: ["r"], telemetry: "t.yaml"),
            quality: RuleQuality(scan: scan, analysis: analysis), issues: scan.issues)
    }

    func serialized(_ record: CoverageRecord) -> Data {
        Data(CoverageFile.jsonValue(record, knowledgeBase: kb).serialized(pretty: true).utf8)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let json = try JSONValue.parse(serialized(record()))
        #expect(json["format"]?.stringValue == "ttpkit-coverage")
        #expect(json["attack_version"]?.stringValue == "18.1")
        #expect(json["totals"]?["techniques"]?.doubleValue == 4)
        #expect(json["totals"]?["detected"]?.doubleValue == 1)
        #expect(json["totals"]?["logged"]?.doubleValue == 1, "T1027 through sysmon EventCode=3")
        #expect(json["totals"]?["detected_percent"]?.doubleValue == 25)
        #expect(json["by_tactic"]?[0]?["id"]?.stringValue == "TA0002")
        #expect(json["by_tactic"]?[0]?["name"]?.stringValue == "Execution")
        #expect(json["rule_quality"]?["revoked_id_rules"]?.doubleValue == 1)
        #expect(json["rule_quality"]?["tactic_only"]?.doubleValue == 1)
        #expect(json["rule_quality"]?["failures"]?.doubleValue == 1)
        let ps = try #require(json["techniques"]?.arrayValue?.first { $0["id"]?.stringValue == "T1059.001" })
        #expect(ps["state"]?.stringValue == "detected")
        #expect(ps["parent"]?.stringValue == "T1059")
        #expect(ps["rules"]?.arrayValue?.count == 2)
        #expect(ps["rules"]?[1]?["applied_as"]?.stringValue == "revoked-id")
        #expect(ps["rules"]?[1]?["via"]?.stringValue == "T1086")
        let t1059 = try #require(json["techniques"]?.arrayValue?.first { $0["id"]?.stringValue == "T1059" })
        #expect(t1059["subtechniques"]?["detected"]?.doubleValue == 1)
        #expect(json["issues"]?[0]?["line"]?.doubleValue == 7)
        #expect(json["findings"]?.arrayValue?.contains { $0["kind"]?.stringValue == "revoked" } == true)
    }

    @Test func readsBackWhatItWrote() throws {
        let original = record()
        let restored = try CoverageFile.parse(serialized(original), source: "c.json", knowledgeBase: kb)
        #expect(restored.origin == .coverageFile)
        #expect(restored.notes.isEmpty)
        #expect(restored.analysis.techniques.map(\.techniqueID) == original.analysis.techniques.map(\.techniqueID))
        #expect(restored.analysis.techniques.map(\.state) == original.analysis.techniques.map(\.state))
        #expect(restored.analysis.techniques.map(\.score) == original.analysis.techniques.map(\.score))
        #expect(restored.analysis.technique("T1059.001")?.rules.map(\.rule.title) == ["PowerShell", "Old PowerShell"])
        #expect(restored.analysis.technique("T1059.001")?.rules.last?.appliedAs == .revokedID("T1086"))
        #expect(restored.analysis.technique("T1027")?.telemetry.first?.kind == .logSource(name: "sysmon", channel: "3"))
        #expect(restored.quality == original.quality)
        #expect(restored.issues == original.issues)
        #expect(restored.analysis.findings.map(\.description) == original.analysis.findings.map(\.description))
        #expect(restored.inputs == original.inputs)
        let again = try CoverageFile.parse(Data(CoverageFile.jsonValue(restored, knowledgeBase: kb).serialized().utf8), source: "c2.json", knowledgeBase: kb)
        #expect(again.analysis.techniques == restored.analysis.techniques)
    }

    @Test func readsACoverageLayer() throws {
        let layer = try record().analysis.layer(knowledgeBase: kb).layer
        let restored = try CoverageFile.parse(Data(LayerFile.serialize([layer]).utf8), source: "l.json", knowledgeBase: kb)
        #expect(restored.origin == .layer)
        #expect(restored.quality == nil)
        #expect(restored.analysis.technique("T1059.001")?.state == .detected)
        #expect(restored.analysis.technique("T1027")?.state == .logged)
        #expect(restored.analysis.technique("T1003")?.state == .blind)
    }

    @Test func readsAForeignLayerByScores() throws {
        let text = #"{"name":"x","domain":"enterprise-attack","versions":{"layer":"4.5","attack":"18.1"},"techniques":[{"techniqueID":"T1027","score":3},{"techniqueID":"T1003","score":0}]}"#
        let restored = try CoverageFile.parse(Data(text.utf8), source: "foreign.json", knowledgeBase: kb)
        #expect(restored.analysis.technique("T1027")?.state == .detected)
        #expect(restored.analysis.technique("T1003")?.state == .blind)
        #expect(restored.analysis.technique("T1059")?.state == .blind)
        #expect(restored.notes.contains { $0.contains("not a ttpkit coverage layer") })
        #expect(restored.notes.contains { $0.contains("2 techniques of ATT&CK 18.1 not in foreign.json count as Blind") })
    }

    @Test func linesUpWithAnotherRelease() throws {
        var json = try JSONValue.parse(serialized(record()))
        guard case .object(var root) = json, case .array(var techniques)? = root["techniques"] else {
            Issue.record("unexpected shape")
            return
        }
        root["attack_version"] = "17.1"
        techniques.removeAll { $0["id"]?.stringValue == "T1003" }
        techniques.append(["id": "T1500", "name": "Gone", "state": "detected", "score": 100])
        root["techniques"] = .array(techniques)
        json = .object(root)
        let restored = try CoverageFile.parse(Data(json.serialized().utf8), source: "old.json", knowledgeBase: kb)
        #expect(restored.notes.count == 3)
        #expect(restored.notes[0] == "old.json was computed on ATT&CK 17.1; comparing with the loaded ATT&CK 18.1")
        #expect(restored.notes[1].contains("1 technique of ATT&CK 18.1 not in old.json count"))
        #expect(restored.notes[2].contains("T1500"))
        #expect(restored.analysis.technique("T1003")?.state == .blind)
        #expect(restored.analysis.technique("T1500") == nil)
    }

    @Test func badFilesSayWhereAndWhat() throws {
        func error(_ text: String) -> CoverageFileError? {
            do {
                _ = try CoverageFile.parse(Data(text.utf8), source: "bad.json", knowledgeBase: kb)
                return nil
            } catch {
                return error
            }
        }
        #expect(error("{\n  \"format\": ")?.description.hasPrefix("bad.json: line 2, column") == true)
        #expect(error("{\"name\": \"x\"}")?.description.contains("not a coverage file") == true)
        let badState = #"{"format":"ttpkit-coverage","domain":"enterprise-attack","techniques":[{"id":"T1027","state":"covered","score":1}]}"#
        #expect(error(badState)?.description == "bad.json: techniques[0].state: expected detected, logged or blind, found 'covered'")
        let mobile = #"{"format":"ttpkit-coverage","domain":"mobile-attack","techniques":[]}"#
        #expect(error(mobile)?.description.contains("holds mobile-attack coverage but the loaded data is enterprise-attack") == true)
        let newer = #"{"format":"ttpkit-coverage","format_version":9,"domain":"enterprise-attack","techniques":[]}"#
        #expect(error(newer)?.location == "format_version")
        #expect(throws: CoverageFileError.self) { try CoverageFile.read(path: "/nonexistent/c.json", knowledgeBase: kb) }
    }
}
