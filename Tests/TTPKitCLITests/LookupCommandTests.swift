import Foundation
import STIX
import TestSupport
import Testing

@Suite("Lookup commands on a fixture bundle")
struct LookupCommandTests {
    let bundle: URL

    init() throws {
        bundle = try CommandRunner.temporaryFile("enterprise-attack-18.1.json", FixtureBundle.sample().json())
    }

    func ttpkit(_ args: String...) throws -> CommandRunner.Result {
        try InProcess.run(args + ["--data", bundle.path])
    }

    @Test func groupJSONHasTheDocumentedShape() throws {
        let r = try ttpkit("group", "apt test", "--format", "json")
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(j["id"]?.stringValue == "G0001")
        #expect(j["name"]?.stringValue == "APT Test")
        let techniques = j["techniques"]?.arrayValue ?? []
        #expect(techniques.compactMap { $0["id"]?.stringValue } == ["T1027", "T1059.001"])
        #expect(techniques.first?["tactics"]?.stringArray == ["defense-evasion"])
        #expect(techniques.last?["via"]?.stringArray == ["campaign C0001"])
        let procedure = techniques.first?["procedures"]?[0]
        #expect(procedure?["citations"]?[0]?["url"]?.stringValue == "https://example.com/a")
        #expect(j["software"]?[0]?["id"]?.stringValue == "S0001")
        #expect(j["campaigns"]?[0]?["id"]?.stringValue == "C0001")
    }

    @Test func groupTableGroupsTechniquesByTactic() throws {
        let r = try ttpkit("group", "G0001")
        #expect(r.status == 0)
        #expect(r.stdout.contains("APT Test (G0001)"))
        let execution = try #require(r.stdout.range(of: "Execution (TA0002)"))
        let evasion = try #require(r.stdout.range(of: "Defense Evasion (TA0005)"))
        #expect(execution.lowerBound < evasion.lowerBound, "tactics are not in matrix order")
    }

    @Test func techniqueShowsDetectionAndUsers() throws {
        let r = try ttpkit("technique", "T1059.001", "--format", "json")
        #expect(r.status == 0)
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(j["parent"]?["id"]?.stringValue == "T1059")
        #expect(j["detection"]?["strategies"]?[0]?["id"]?.stringValue == "DET0001")
        #expect(j["detection"]?["log_sources"]?[0]?["name"]?.stringValue == "sysmon")
        #expect((j["groups"]?.arrayValue ?? []).compactMap { $0["id"]?.stringValue } == ["G0001", "G0002"])
    }

    @Test func revokedIDIsFollowedWithANoteOnStderr() throws {
        let r = try ttpkit("technique", "T1086", "--format", "json")
        #expect(r.status == 0)
        #expect(r.stderr.contains("T1086 was revoked by T1059.001"))
        #expect(try JSONValue.parse(Array(r.stdout.utf8))["id"]?.stringValue == "T1059.001")
    }

    @Test func detectionOfARevokedIDSaysItFollowedTheReplacement() throws {
        let r = try ttpkit("detection", "T1086", "--format", "json")
        #expect(r.status == 0)
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(j["id"]?.stringValue == "T1059.001")
        #expect(j["note"]?.stringValue?.contains("T1086 was revoked by T1059.001") == true)
    }

    @Test func unknownNameExitsWithASuggestion() throws {
        let r = try ttpkit("group", "APT-Tset")
        #expect(r.status == 2)
        #expect(r.stderr == "ttpkit: error: no group 'APT-Tset'; did you mean APT Test (G0001)?\n")
        #expect(r.stdout.isEmpty)
    }

    @Test func techniquesFilterAcceptsATacticShortname() throws {
        let r = try ttpkit("techniques", "--tactic", "defense-evasion", "--format", "csv")
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("T1027,"))
        #expect(!r.stdout.contains("T1059.001,"))
    }

    @Test func techniquesListFiltersAndPrintsCSV() throws {
        let r = try ttpkit("techniques", "--tactic", "execution", "--format", "csv")
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "id,name,tactics,platforms")
        #expect(lines.dropFirst().map { $0.split(separator: ",").first.map(String.init) ?? "" } == ["T1059", "T1059.001", "T1218"])
    }

    @Test func techniquesJSONShape() throws {
        let r = try ttpkit("techniques", "--platform", "LINUX", "--format", "json")
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(j["techniques"]?.arrayValue?.count == 2)
        #expect(j["count"]?.doubleValue == 2)
        #expect(j["techniques"]?[0]?["platforms"]?.stringArray == ["Windows", "Linux", "macOS"])
        #expect(j["techniques"]?[0]?["parent"] == .null)
        #expect(j["provenance"]?["options"]?["platform"]?.stringValue == "Linux")
    }

    @Test func unknownPlatformListsTheKnownOnes() throws {
        let r = try ttpkit("techniques", "--platform", "Plan9")
        #expect(r.status == 2)
        #expect(r.stderr.contains("platforms: Linux, Windows, macOS"))
    }

    @Test func listsAndSearch() throws {
        #expect(try ttpkit("groups", "--format", "csv").stdout.contains("G0002,Other Group"))
        #expect(try ttpkit("software").stdout.contains("EvilTool"))
        #expect(try ttpkit("campaigns").stdout.contains("Operation Test"))
        #expect(try ttpkit("mitigations").stdout.contains("Execution Prevention"))
        #expect(try ttpkit("tactics").stdout.contains("defense-evasion"))
        #expect(try ttpkit("tactic", "execution").stdout.contains("T1218"))
        #expect(try ttpkit("mitigation", "M1001").stdout.contains("T1059"))
        #expect(try ttpkit("software", "evil").stdout.contains("EvilTool (S0001)"))
        #expect(try ttpkit("campaign", "C0001").stdout.contains("APT Test"))
        #expect(try ttpkit("datacomponent", "process creation").stdout.contains("T1059.001"))
        #expect(try ttpkit("detection", "T1059.001", "--format", "csv").stdout.contains("DET0001,AN0001,Windows,sysmon,1,DC0001,Process Creation"))
        let search = try JSONValue.parse(Array(try ttpkit("search", "powershell", "--format", "json").stdout.utf8))
        #expect(search["hits"]?[0]?["id"]?.stringValue == "T1059.001")
    }

    @Test func deprecatedObjectsAreMarkedWhenIncluded() throws {
        #expect(try !ttpkit("techniques").stdout.contains("T1999"))
        #expect(try ttpkit("techniques", "--include-deprecated").stdout.contains("T1999 (deprecated)"))
    }
}

@Suite("Bad input to the CLI")
struct BadInputTests {
    @Test func truncatedBundleNamesFileAndOffset() throws {
        let text = FixtureBundle.sample().json()
        let cut = try CommandRunner.temporaryFile("cut.json", String(text.prefix(text.count / 2)))
        let r = try InProcess.run(["groups", "--data", cut.path])
        #expect(r.status == 3)
        #expect(r.stderr.hasPrefix("ttpkit: error: \(cut.path): byte "))
        #expect(r.stderr.split(separator: "\n").count == 1)
    }

    @Test func nonJSONAndNonBundleFiles() throws {
        let text = try CommandRunner.temporaryFile("notes.json", "just text")
        let r1 = try InProcess.run(["groups", "--data", text.path])
        #expect(r1.status == 3)
        #expect(r1.stderr.contains(text.path))
        let layer = try CommandRunner.temporaryFile("layer.json", #"{"name": "x", "domain": "enterprise-attack"}"#)
        let r2 = try InProcess.run(["groups", "--data", layer.path])
        #expect(r2.stderr.contains("not a STIX bundle"))
    }

    @Test func missingPathIsNamed() throws {
        let r = try InProcess.run(["groups", "--data", "/nonexistent/attack.json"])
        #expect(r.status == 2)
        #expect(r.stderr == "ttpkit: error: /nonexistent/attack.json: no such file or folder (given by --data)\n")
    }

    @Test func aDataPathSaysWhereItCameFrom() throws {
        let folder = try CommandRunner.temporaryFile("notes.txt", "not a bundle").deletingLastPathComponent()
        let option = try InProcess.run(["groups", "--data", folder.path])
        #expect(option.status == 2)
        #expect(option.stderr == "ttpkit: error: \(folder.path): no *.json bundle file in this folder (given by --data)\n")
        let variable = try InProcess.run(["groups"], environment: ["TTPKIT_DATA": "/nonexistent/attack.json"])
        #expect(variable.status == 2)
        #expect(variable.stderr == "ttpkit: error: /nonexistent/attack.json: no such file or folder (given by TTPKIT_DATA)\n")
    }

    @Test func noDataAtAllNamesTheWaysToGetIt() throws {
        let r = try InProcess.run(["groups"])
        #expect(r.status == 3)
        #expect(r.stderr.contains("--data"))
        #expect(r.stderr.contains("TTPKIT_DATA"))
        #expect(r.stderr.contains("ttpkit data update"))
    }

    @Test func environmentVariableIsUsed() throws {
        let bundle = try CommandRunner.temporaryFile("b.json", FixtureBundle.sample().json())
        let r = try InProcess.run(["groups"], environment: ["TTPKIT_DATA": bundle.path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("APT Test"))
    }

    @Test func everyCommandHasHelpWithExamples() throws {
        for command in ["group", "technique", "techniques", "tactic", "tactics", "software", "campaign", "campaigns", "mitigation", "mitigations", "datacomponent", "datacomponents", "detection", "search", "groups"] {
            let r = try InProcess.run([command, "--help"])
            #expect(r.status == 0, "\(command)")
            #expect(r.stdout.contains("ttpkit"), "\(command) help")
            #expect(r.stdout.lowercased().contains("example"), "\(command) help has no examples")
        }
        #expect(try InProcess.run(["--version"]).stdout.hasPrefix("0."))
    }
}

@Suite("CLI on the shared bundles", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct SharedCLITests {
    @Test func apt29ProfileOnEnterprise181() throws {
        let r = try InProcess.run(["group", "APT29", "--format", "json", "--data", SharedData.bundle("enterprise-attack-18.1.json").path])
        #expect(r.status == 0)
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(j["attack_version"]?.stringValue == "18.1")
        #expect((j["techniques"]?.arrayValue?.count ?? 0) > 50)
        #expect(j["campaigns"]?.arrayValue?.contains { $0["id"]?.stringValue == "C0024" } == true)
    }

    @Test func aMissInTheDefaultDomainNamesTheDomainThatHasIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-domains-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["enterprise-attack-18.1.json", "ics-attack-18.1.json"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: SharedData.bundle(name))
        }
        let r = try InProcess.run(["technique", "T0800", "--data", folder.path])
        #expect(r.status == 2)
        #expect(r.stderr.contains("no technique 'T0800' in Enterprise ATT&CK; it is in ICS ATT&CK: add --domain ics"), "\(r.stderr)")
    }

    @Test func aDeTTECTFileIsReadAgainstItsOwnDomain() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-dettect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["enterprise-attack-18.1.json", "ics-attack-18.1.json"] {
            try FileManager.default.createSymbolicLink(at: folder.appendingPathComponent(name), withDestinationURL: SharedData.bundle(name))
        }
        let file = folder.appendingPathComponent("ics-techniques.yaml")
        try Data("""
            version: 1.2
            file_type: technique-administration
            name: plant
            domain: ics-attack
            platform: [all]
            techniques:
              - technique_id: T0800
                technique_name: Activate Firmware Update Mode
                detection:
                  - applicable_to: [all]
                    score_logbook:
                      - {date: 2024-01-01, score: 3, comment: ''}
                visibility: []
            """.utf8).write(to: file)
        let r = try InProcess.run(["dettect", "import", "techniques", file.path, "--data", folder.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try JSONValue.parse(Array(r.stdout.utf8))["domain"]?.stringValue?.contains("ics") == true)
    }

    @Test func anAttackVersionThatTheFileIsNotIsRefused() throws {
        let r = try InProcess.run(["tactics", "--attack-version", "17.1", "--data", SharedData.bundle("ics-attack-18.1.json").path])
        #expect(r.status == 3)
        #expect(r.stderr.contains("ATT&CK 17.1 was asked"), "\(r.stderr)")
        #expect(r.stderr.contains("is ATT&CK 18.1"))
    }

    @Test func folderOfBundlesPicksOneReleasePerDomainAndDomainSelects() throws {
        let r = try InProcess.run(["tactics", "--domain", "ics", "--data", SharedData.attackData.path, "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try JSONValue.parse(Array(r.stdout.utf8))
        #expect(j[0]?["tactics"]?.arrayValue?.count == 12)
    }
}

@Suite("Changes since a date")
struct ChangesCommandTests {
    @Test func listsModifiedObjectsAndRejectsBadDates() throws {
        let bundle = try CommandRunner.temporaryFile("b.json", FixtureBundle.sample().json())
        let r = try InProcess.run(["changes", "--since", "2024-01-01", "--type", "group", "--format", "csv", "--data", bundle.path])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("G0001,group,APT Test"))
        #expect(!r.stdout.contains("T1059"))
        let none = try InProcess.run(["changes", "--since", "2025-01-01", "--format", "json", "--data", bundle.path])
        #expect(try JSONValue.parse(Array(none.stdout.utf8)).arrayValue?.isEmpty == true)
        let bad = try InProcess.run(["changes", "--since", "yesterday", "--data", bundle.path])
        #expect(bad.status == 2)
        #expect(bad.stderr == "ttpkit: error: 'yesterday' is not a date; expected YYYY-MM-DD or an ISO 8601 timestamp\n")
    }
}

@Suite("Dangling relationships")
struct DanglingRelationshipTests {
    @Test func areSkippedWithOneWarning() throws {
        var b = FixtureBundle.sample()
        b.relate("intrusion-set--00000000-0000-4000-8000-000000000999", "uses", "attack-pattern--ffffffff-ffff-4fff-8fff-ffffffffffff")
        let bundle = try CommandRunner.temporaryFile("d.json", b.json())
        let r = try InProcess.run(["groups", "--data", bundle.path])
        #expect(r.status == 0)
        #expect(r.stderr.hasPrefix("ttpkit: warning: \(bundle.path): skipped 1 relationship(s) to objects not in the data"))
        #expect(r.stdout.contains("APT Test"))
    }
}

@Suite("Technique as CSV")
struct TechniqueCSVTests {
    @Test func listsEveryRelationOneARow() throws {
        let bundle = try CommandRunner.temporaryFile("b.json", FixtureBundle.sample().json())
        let r = try InProcess.run(["technique", "T1059.001", "--format", "csv", "--data", bundle.path])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\r\n").map(String.init)
        #expect(lines.first == "relation,id,name,via")
        #expect(lines.contains("parent,T1059,Command and Scripting Interpreter,"))
        #expect(lines.contains("group,G0001,APT Test,campaign C0001"))
        #expect(lines.contains("detection strategy,DET0001,Detect PowerShell,"))
    }
}
