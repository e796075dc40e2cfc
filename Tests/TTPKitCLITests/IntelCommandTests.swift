import Foundation
import STIX
import TestSupport
import Testing

@Suite("Intel commands: similar, diff, migrate, extract")
struct IntelCommandTests {
    let bundle: URL

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
    }

    func ttpkit(_ args: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path], environment: environment, stdin: stdin)
    }

    @Test func similarRanksAndWarnsThatItIsALead() throws {
        let r = try ttpkit(["similar", "--techniques", "T1027,T1059.001", "--software", "EvilTool"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("lead, not attribution"))
        #expect(r.stdout.contains("G0001"))
        let j = try ttpkit(["similar", "--techniques", "T1027", "--format", "json"])
        let first = try JSONValue.parse(Array(j.stdout.utf8))["matches"]?[0]
        #expect(first?["id"]?.stringValue == "G0001")
        #expect(first?["shared"]?[0]?["id"]?.stringValue == "T1027")
        #expect(first?["score"]?.doubleValue != nil)
        #expect(!j.stderr.contains("lead, not attribution"))
        // The evidence behind the score: T1027 shared exactly, its weight the whole score.
        #expect(first?["evidence"]?[0]?["id"]?.stringValue == "T1027")
        #expect(first?["evidence"]?[0]?["match"]?.stringValue == "exact")
        #expect(first?["evidence"]?[0]?["weight"]?.doubleValue == first?["score"]?.doubleValue)
        #expect(first?["why"]?.stringValue == "T1027 100%")
        #expect(r.stdout.contains("why") && r.stdout.contains("%"))
    }

    @Test func similarReadsLayersAndRejectsUnknownIDs() throws {
        let layer = try CommandRunner.temporaryFile("seen.json", #"{"name":"seen","domain":"enterprise-attack","techniques":[{"techniqueID":"T1027","tactic":"defense-evasion","score":1}]}"#)
        let r = try ttpkit(["similar", "--techniques", layer.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let bad = try ttpkit(["similar", "--techniques", "T4242"])
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("ttpkit: error: nothing observed"))
        #expect(bad.stderr.contains("skipped T4242"))
    }

    @Test func unscoredRowsOfAScoredLayerAreContextNotObservations() throws {
        let layer = try CommandRunner.temporaryFile("seen.json", #"{"name":"seen","domain":"enterprise-attack","techniques":[{"techniqueID":"T1059","tactic":"execution","showSubtechniques":true},{"techniqueID":"T1059.001","tactic":"execution","score":1}]}"#)
        let r = try ttpkit(["similar", "--techniques", layer.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let first = try JSONValue.parse(Array(r.stdout.utf8))["matches"]?[0]
        #expect(first?["explanation"]?.stringValue?.contains("of 1 techniques exact") == true, "\(r.stdout)")
    }

    @Test func diffOfTwoBundlesAndUnknownVersion() throws {
        let r = try ttpkit(["diff", bundle.path, bundle.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try JSONValue.parse(Array(r.stdout.utf8))["counts"]?["techniques"]?["additions"]?.doubleValue == 0)
        let unknown = try ttpkit(["diff", "12.3", "18.1"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown ATT&CK version 12.3"))
        #expect(unknown.stderr.split(separator: "\n").count == 1)
    }

    @Test func diffWritesHTMLAtomically() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("diff-\(UUID().uuidString).html")
        let r = try ttpkit(["diff", bundle.path, bundle.path, "--format", "html", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix("<!DOCTYPE html>"))
    }

    @Test func migrateRemapsAndReportsOnStderr() throws {
        let layer = try CommandRunner.temporaryFile("old.json", #"{"name":"old","domain":"enterprise-attack","versions":{"attack":"14","layer":"4.5","navigator":"4.9.1"},"techniques":[{"techniqueID":"T1086","tactic":"execution","score":2},{"techniqueID":"T1999","tactic":"execution","score":1}]}"#)
        let out = layer.deletingLastPathComponent().appendingPathComponent("new.json")
        let r = try ttpkit(["migrate", layer.path, "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("remapped: T1086 → T1059.001"))
        #expect(r.stderr.contains("deprecated: T1999"))
        let migrated = try JSONValue.parse(Array(try Data(contentsOf: out)))
        #expect(migrated["techniques"]?.arrayValue?.count == 1)
        let j = try ttpkit(["migrate", layer.path, "-o", out.path, "--format", "json"])
        #expect(try JSONValue.parse(Array(j.stdout.utf8))["changes"]?.arrayValue?.isEmpty == false)
    }

    @Test func extractFromStdinAndEmptyReport() throws {
        let r = try ttpkit(["extract", "-", "--format", "json"], stdin: "APT Test used T1086 and EvilTool.")
        #expect(r.status == 0, "\(r.stderr)")
        let ids = (try JSONValue.parse(Array(r.stdout.utf8))["findings"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue }
        #expect(Set(ids).isSuperset(of: ["G0001", "T1059.001", "S0001"]))
        #expect(ids.first == "T1059.001")   // techniques first, strongest first; then the others in mention order
        #expect(Array(ids.drop { $0.hasPrefix("T") }) == ["G0001", "S0001"])
        let empty = try CommandRunner.temporaryFile("empty.txt", "  \n")
        let layerOut = empty.deletingLastPathComponent().appendingPathComponent("layer.json")
        let e = try ttpkit(["extract", empty.path, "--format", "layer", "-o", layerOut.path])
        #expect(e.status == 2)
        #expect(e.stderr.contains("the report is empty"))
        #expect(!FileManager.default.fileExists(atPath: layerOut.path))
    }

    /// Annotated reports join the training text ($TTPKIT_TRAINING_REPORTS here, else the data
    /// folder's corpora); --release-only leaves them out.
    @Test func extractLearnsFromAnnotatedReportsUnlessReleaseOnly() throws {
        let tram = try CommandRunner.temporaryFile("reports.json", """
            {"labels": ["T1059.001"], "reports": [{"name": "r", "text": "Intro. The actor launched PowerShell to stage tools.",
             "techniques": {"T1059.001": [{"start": 7, "end": 52}]}}]}
            """)
        let report = "The crew launched PowerShell to stage its tools."
        let with = try ttpkit(["extract", "-", "--format", "json", "--retrain"], stdin: report, environment: ["TTPKIT_TRAINING_REPORTS": tram.path])
        #expect(with.status == 0, "\(with.stderr)")
        #expect(with.stderr.contains("and 1 annotated passages (and 0 longer sentences holding them; 0 other sentences as background) from reports.json"))
        let without = try ttpkit(["extract", "-", "--format", "json", "--release-only", "--retrain"], stdin: report,
                                 environment: ["TTPKIT_TRAINING_REPORTS": tram.path])
        #expect(without.status == 0)
        #expect(without.stderr.contains("trained the technique classifier sha256:"))
        #expect(!without.stderr.contains("annotated passages"))
        let both = try ttpkit(["extract", "-", "--release-only", "--extra-training", tram.path], stdin: report)
        #expect(both.status == 2)
        // Read with the size cap and file checks of every other input: a folder is one line, exit 2.
        let folder = tram.deletingLastPathComponent().path
        let notAFile = try ttpkit(["extract", "-", "--extra-training", folder], stdin: report)
        #expect(notAFile.status == 2)
        #expect(notAFile.stderr.hasPrefix("ttpkit: error: \(folder)") && notAFile.stderr.filter { $0 == "\n" }.count == 1)
    }

    /// The extract layer is built like every other layer (one entry per tactic, the ATT&CK
    /// page linked, the release named), from the findings' scores.
    @Test func extractWritesALayerOfTheFindings() throws {
        let report = try CommandRunner.temporaryFile("report.txt", "The actors ran T1059.001 on every host.")
        let out = report.deletingLastPathComponent().appendingPathComponent("extract-layer.json")
        let r = try ttpkit(["extract", report.path, "--no-learned", "--format", "layer", "-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        let layer = try JSONValue.parse(Array(try Data(contentsOf: out)))
        #expect(layer["name"]?.stringValue == "Techniques in report.txt")
        #expect(layer["versions"]?["attack"]?.stringValue == "18.1")
        let entry = try #require(layer["techniques"]?.arrayValue?.first { $0["techniqueID"]?.stringValue == "T1059.001" })
        #expect(entry["score"]?.doubleValue == 1 && entry["tactic"]?.stringValue == "execution")
        #expect(entry["links"]?[0]?["url"]?.stringValue?.hasPrefix("https://attack.mitre.org/") == true)
    }

    @Test func everyIntelCommandHasExamples() throws {
        for command in ["similar", "diff", "migrate", "extract"] {
            let r = try InProcess.run([command, "--help"])
            #expect(r.stdout.contains("Examples:"), "\(command)")
        }
    }
}

extension IntelCommandTests {
    @Test func iocsFromMISPAndANonEvent() throws {
        let event = try CommandRunner.temporaryFile("event.json", #"{"Event": {"Attribute": [{"type": "ip-dst", "value": "203.0.113.9", "Tag": [{"name": "misp-galaxy:mitre-attack-pattern=\"PowerShell - T1059.001\""}]}]}}"#)
        let r = try ttpkit(["iocs", event.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try JSONValue.parse(Array(r.stdout.utf8))[0]?["attack"]?[0]?["id"]?.stringValue == "T1059.001")
        let table = try ttpkit(["iocs", event.path])
        #expect(table.stdout.contains("203[.]0[.]113[.]9"))
        let notEvent = try CommandRunner.temporaryFile("galaxy.json", #"{"values": []}"#)
        let bad = try ttpkit(["iocs", notEvent.path])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("not a MISP event export"))
    }
}

@Suite("Migrating coverage files")
struct CoverageMigrationCommandTests {
    @Test func revokedIDsMoveDeprecatedAndUnknownAreLeftOut() throws {
        let bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        let coverage = try CommandRunner.temporaryFile("coverage-old.json", """
            {"format": "ttpkit-coverage", "attack_version": "14.0", "domain": "enterprise-attack", "techniques": [
              {"id": "T1086", "state": "detected", "rules": ["rules/ps.yml"]},
              {"id": "T1059.001", "state": "logged"},
              {"id": "T1999", "state": "detected"},
              {"id": "T9999", "state": "detected"}
            ]}
            """)
        let out = coverage.deletingLastPathComponent().appendingPathComponent("coverage-new.json").path
        let r = try InProcess.run(["migrate", coverage.path, "--data", bundle.path, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("remapped: T1086 → T1059.001"))
        #expect(r.stderr.contains("deprecated: T1999"))
        #expect(r.stderr.contains("unknown: T9999"))
        let j = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(j["attack_version"]?.stringValue == "18.1")
        let entries = j["techniques"]?.arrayValue ?? []
        let ps = entries.first { $0["id"]?.stringValue == "T1059.001" }
        #expect(ps?["state"]?.stringValue == "detected", "the better state of the merged entries wins")
        #expect(!entries.contains { $0["id"]?.stringValue == "T1999" || $0["id"]?.stringValue == "T9999" || $0["id"]?.stringValue == "T1086" })
    }

    @Test func nothingIsLostRuleQualityTelemetryTestsScoresFindingsAndIssuesSurvive() throws {
        let bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
        let coverage = try CommandRunner.temporaryFile("coverage-full.json", """
            {"format": "ttpkit-coverage", "format_version": 1, "attack_version": "17.1", "domain": "enterprise-attack",
             "generated": "2026-01-01T00:00:00Z", "inputs": {"rules": ["rules/"], "telemetry": "t.yaml", "atomics": "atomics/"},
             "rule_quality": {"rules": 7, "rules_per_format": {"sigma": 7}, "tactic_only": 2, "cannot_fire": 1, "failures": 3},
             "techniques": [
              {"id": "T1086", "state": "detected", "score": 80,
               "rules": [{"title": "PS", "path": "rules/ps.yml", "line": 4, "level": "high", "applied_as": "direct"}],
               "telemetry": [{"log_source": "sysmon", "channel": "1", "line": 2}],
               "atomic_tests": [{"name": "Mimikatz", "guid": "g-1", "platforms": ["windows"]}]},
              {"id": "T1027", "state": "logged", "telemetry": [{"data_component": "Process Creation", "line": 5}],
               "atomic_tests": [], "dettect": {"detection": 0, "visibility": 2}}],
             "findings": [{"path": "rules/x.yml", "line": 9, "title": "X", "kind": "tactic-only", "technique": null, "message": "tactic tags only"}],
             "issues": [{"path": "rules/bad.yml", "line": 1, "severity": "error", "reason": "invalid YAML"}]}
            """)
        let out = coverage.deletingLastPathComponent().appendingPathComponent("coverage-migrated.json").path
        let r = try InProcess.run(["migrate", coverage.path, "--data", bundle.path, "-o", out])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONValue.parse(Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(j["format_version"]?.doubleValue == 2)
        #expect(j["rule_quality"]?["rules"]?.doubleValue == 7 && j["rule_quality"]?["cannot_fire"]?.doubleValue == 1)
        #expect(j["findings"]?[0]?["message"]?.stringValue == "tactic tags only")
        #expect(j["issues"]?[0]?["reason"]?.stringValue == "invalid YAML")
        #expect(j["inputs"]?["telemetry"]?.stringValue == "t.yaml" && j["generated"]?.stringValue == "2026-01-01T00:00:00Z")
        let entries = j["techniques"]?.arrayValue ?? []
        let ps = try #require(entries.first { $0["id"]?.stringValue == "T1059.001" })
        #expect(ps["state"]?.stringValue == "detected" && ps["score"]?.doubleValue == 80)
        #expect(ps["rules"]?[0]?["level"]?.stringValue == "high")
        #expect(ps["telemetry"]?[0]?["log_source"]?.stringValue == "sysmon")
        #expect(ps["atomic_tests"]?[0]?["guid"]?.stringValue == "g-1")
        let obf = try #require(entries.first { $0["id"]?.stringValue == "T1027" })
        #expect(obf["dettect"]?["visibility"]?.doubleValue == 2)
        #expect(obf["telemetry"]?[0]?["data_component"]?.stringValue == "Process Creation")
    }
}
