import ATTACK
import Foundation
import Navigator
import STIX
import Testing
@testable import Coverage

/// The coverage file round trip and its errors, on the coverage fixture release.
@Suite("Coverage document")
struct CoverageDocumentTests {
    let kb: KnowledgeBase

    init() throws {
        kb = try FixtureKnowledgeBase.make()
    }

    static let rules = [
        DetectionRule(format: .sigma, path: "r/ps.yml", line: 1, title: "PowerShell", status: "test", level: "high", techniqueIDs: ["T1059.001"]),
        DetectionRule(format: .sigma, path: "r/old.yml", line: 3, title: "Old PowerShell", techniqueIDs: ["T1086"]),
        DetectionRule(format: .elastic, path: "r/x.toml", line: 5, title: "Tactic only", tactics: ["execution"]),
    ]

    func record() -> CoverageResult {
        let inventory = TelemetryInventory(path: "t.yaml", sources: [TelemetrySource(kind: .logSource(name: "sysmon", channel: "3"), line: 4)])
        var result = CoverageResult(rules: Self.rules, telemetry: inventory, knowledgeBase: kb)
        let scan = RuleScan(rules: Self.rules, issues: [RuleIssue(path: "r/bad.yml", line: 7, reason: "invalid YAML")])
        result.generated = "2026-01-02T00:00:00Z"
        result.inputs = CoverageResult.Inputs(rules: ["r"], telemetry: "t.yaml")
        result.quality = RuleQuality(scan: scan, result: result)
        result.issues = scan.issues
        return result
    }

    func serialized(_ result: CoverageResult) -> Data {
        Data(CoverageDocument.text(result, knowledgeBase: kb).utf8)
    }

    func parse(_ text: String, source: String = "c.json") throws -> CoverageResult {
        try CoverageDocument.parse(Data(text.utf8), source: source, knowledgeBase: kb)
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let json = try JSONValue.parse(serialized(record()))
        #expect(json["format"]?.stringValue == "ttpkit-coverage")
        #expect(json["format_version"]?.doubleValue == 2)
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
        let restored = try CoverageDocument.parse(serialized(original), source: "c.json", knowledgeBase: kb)
        #expect(restored.origin == .coverageFile)
        #expect(restored.notes.isEmpty)
        #expect(restored.techniques.map(\.techniqueID) == original.techniques.map(\.techniqueID))
        #expect(restored.techniques.map(\.state) == original.techniques.map(\.state))
        #expect(restored.techniques.map(\.score) == original.techniques.map(\.score))
        #expect(restored.technique("T1059.001")?.rules.map(\.rule.title) == ["PowerShell", "Old PowerShell"])
        #expect(restored.technique("T1059.001")?.rules.last?.appliedAs == .revokedID("T1086"))
        #expect(restored.technique("T1027")?.telemetry.first?.kind == .logSource(name: "sysmon", channel: "3"))
        #expect(restored.quality == original.quality)
        #expect(restored.issues == original.issues)
        #expect(restored.findings.map(\.description) == original.findings.map(\.description))
        #expect(restored.inputs == original.inputs)
        let again = try CoverageDocument.parse(serialized(restored), source: "c2.json", knowledgeBase: kb)
        #expect(again.techniques == restored.techniques)
    }

    @Test func atomicTestsAndDeTTECTScoresSurviveARoundTrip() throws {
        var original = record()
        original.attach(AtomicIndex(tests: ["T1027": [AtomicTest(techniqueID: "T1027", name: "Pack it", guid: "g-1", platforms: ["windows"])]]))
        var techniques = original.techniques
        techniques[0].dettect = DeTTECTScores(detection: 2, visibility: 3)
        original = CoverageResult(source: "x", domain: .enterprise, release: "18.1", techniques: techniques, hasAtomicTests: true)
        let restored = try CoverageDocument.parse(serialized(original), source: "c.json", knowledgeBase: kb)
        #expect(restored.hasAtomicTests)
        #expect(restored.technique("T1027")?.atomicTests.map(\.name) == ["Pack it"])
        #expect(restored.techniques[0].dettect == DeTTECTScores(detection: 2, visibility: 3))
    }

    @Test func readsBothVersionOneShapes() throws {
        // What `dettect import` and `migrate` wrote before format version 2.
        let short = try parse("""
            {"format": "ttpkit-coverage", "format_version": 1, "attack_version": "18.1", "domain": "enterprise-attack",
             "totals": {"techniques": 2, "detected": 1, "logged": 1, "blind": 0},
             "techniques": [{"id": "T1027", "name": "Obfuscated", "state": "detected", "score": 100, "tactics": ["defense-evasion"],
                             "rules": [{"title": "EDR", "path": "t.yaml", "line": 9}], "telemetry_count": 2,
                             "dettect": {"detection": 3, "visibility": 2}},
                            {"id": "T1059", "state": "logged", "rules": [], "telemetry_count": 0}]}
            """)
        #expect(short.technique("T1027")?.state == .detected)
        #expect(short.technique("T1027")?.rules.first?.rule.title == "EDR")
        #expect(short.technique("T1027")?.dettect == DeTTECTScores(detection: 3, visibility: 2))
        #expect(short.technique("T1059")?.state == .logged)
        #expect(short.technique("T1059")?.score == 50, "no score: the default of its state")
        // The lenient shape: `type`, technique_id, rules as paths, a bare list.
        let lenient = try parse(#"{"type": "ttpkit-coverage", "techniques": [{"technique_id": "t1027", "state": "Detected", "rules": ["r.yml"]}]}"#)
        #expect(lenient.technique("T1027")?.rules.map(\.rule.path) == ["r.yml"])
        let list = try parse(#"[{"techniqueID": "T1027", "state": "logged"}]"#)
        #expect(list.technique("T1027")?.state == .logged)
    }

    @Test func readsACoverageLayer() throws {
        let layer = try record().layer(knowledgeBase: kb).layer
        let restored = try CoverageDocument.parse(Data(LayerFile.serialize([layer]).utf8), source: "l.json", knowledgeBase: kb)
        #expect(restored.origin == .layer)
        #expect(restored.quality == nil)
        #expect(restored.technique("T1059.001")?.state == .detected)
        #expect(restored.technique("T1027")?.state == .logged)
        #expect(restored.technique("T1003")?.state == .blind)
    }

    @Test func readsAForeignLayerByScores() throws {
        let text = #"{"name":"x","domain":"enterprise-attack","versions":{"layer":"4.5","attack":"18.1"},"techniques":[{"techniqueID":"T1027","score":3},{"techniqueID":"T1003","score":0}]}"#
        let restored = try parse(text, source: "foreign.json")
        #expect(restored.technique("T1027")?.state == .detected)
        #expect(restored.technique("T1003")?.state == .blind)
        #expect(restored.technique("T1059")?.state == .blind)
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
        techniques.append(["id": "T1086", "name": "PowerShell (revoked)", "state": "logged", "score": 50])
        root["techniques"] = .array(techniques)
        json = .object(root)
        let restored = try CoverageDocument.parse(Data(json.serialized().utf8), source: "old.json", knowledgeBase: kb)
        #expect(restored.notes.count == 4)
        #expect(restored.notes.contains("old.json was computed on ATT&CK 17.1; lined up with the loaded ATT&CK 18.1"))
        #expect(restored.notes.contains { $0.contains("1 technique of ATT&CK 18.1 not in old.json count") })
        #expect(restored.notes.contains { $0.contains("T1500 (unknown)") })
        #expect(restored.notes.contains { $0.contains("T1086 → T1059.001") })
        #expect(restored.alignment.map(\.kind) == [.unknown, .remapped, .merged])
        #expect(restored.technique("T1059.001")?.state == .detected, "the better state of the two entries")
        #expect(restored.technique("T1003")?.state == .blind)
        #expect(restored.technique("T1500") == nil)
    }

    @Test func badFilesSayWhereAndWhat() throws {
        func error(_ text: String) -> CoverageInputError? {
            do {
                _ = try CoverageDocument.parse(Data(text.utf8), source: "bad.json", knowledgeBase: kb)
                return nil
            } catch {
                return error
            }
        }
        #expect(error("{\n  \"format\": ")?.description.hasPrefix("bad.json:2: not JSON (column") == true)
        #expect(error("{\"name\": \"x\"}")?.description.contains("not a coverage file") == true)
        let badState = #"{"format":"ttpkit-coverage","domain":"enterprise-attack","techniques":[{"id":"T1027","state":"covered","score":1}]}"#
        #expect(error(badState)?.description == "bad.json: techniques[0].state: expected detected, logged or blind, found 'covered'")
        let mobile = #"{"format":"ttpkit-coverage","domain":"mobile-attack","techniques":[]}"#
        #expect(error(mobile)?.description.contains("holds mobile-attack coverage but the loaded ATT&CK data is enterprise-attack") == true)
        let newer = #"{"format":"ttpkit-coverage","format_version":9,"domain":"enterprise-attack","techniques":[]}"#
        #expect(error(newer)?.description.hasPrefix("bad.json: format_version: written by a newer ttpkit (format version 9)") == true)
        #expect(throws: CoverageInputError.self) { try CoverageDocument.read(path: "/nonexistent/c.json", knowledgeBase: kb) }
    }

    @Test func hugeNegativeAndNonFiniteNumbersAreClearErrors() throws {
        func reason(_ text: String) -> String? {
            do {
                _ = try CoverageDocument.parse(Data(text.utf8), source: "bad.json", knowledgeBase: kb)
                return nil
            } catch {
                return error.reason
            }
        }
        let head = #"{"format":"ttpkit-coverage","domain":"enterprise-attack","#
        #expect(reason(head + #""format_version":1e300,"techniques":[]}"#)?.hasPrefix("format_version: expected a whole number 1 or 2") == true)
        #expect(reason(head + #""format_version":-3,"techniques":[]}"#)?.hasPrefix("format_version: expected a whole number") == true)
        #expect(reason(head + #""format_version":1.5,"techniques":[]}"#)?.hasPrefix("format_version: expected a whole number") == true)
        // The JSON reader refuses a number that overflows to infinity where it stands.
        #expect(reason(head + #""techniques":[{"id":"T1027","state":"detected","score":1e999}]}"#)?
            .contains("expected a number between -1.7e308 and 1.7e308, found 1e999") == true)
        #expect(reason(head + #""techniques":[{"id":"T1027","state":"detected","rules":[{"title":"x","line":1e300}]}]}"#)?
            .hasPrefix("techniques[0].rules[0].line: expected a whole number from 0 to 2147483647") == true)
        #expect(reason(head + #""techniques":[],"rule_quality":{"rules":-1}}"#)?.hasPrefix("rule_quality.rules: expected a whole number") == true)
        #expect(reason(head + #""techniques":[{"id":"T1027","state":"detected","dettect":{"detection":9}}]}"#)?
            .hasPrefix("techniques[0].dettect.detection: expected a whole number from -1 to 5") == true)
        #expect(throws: CoverageInputError.self) { try CoverageOptions.Scores(parsing: "1e999,1,0") }
        #expect(throws: CoverageInputError.self) { try CoverageOptions.Scores(parsing: "nan,1,0") }
        #expect(throws: CoverageInputError.self) { try CoverageOptions.Scores(parsing: "100,50") }
        #expect(try CoverageOptions.Scores(parsing: "3, 1, 0") == CoverageOptions.Scores(detected: 3, logged: 1, blind: 0))
    }
}
