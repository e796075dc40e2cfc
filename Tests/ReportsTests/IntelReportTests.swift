import ATTACK
import Foundation
import Intel
import Navigator
import STIX
import TestSupport
import Testing
@testable import Coverage
@testable import Reports

/// The sample fixture: APT Test (G0001, alias Test Bear) uses T1027 (cited Report A) and, through
/// campaign C0001, T1059.001 (cited Report B); it uses EvilTool (S0001), which uses T1059;
/// Other Group (G0002) uses T1059.001; DET0001 detects T1059.001; M1001 mitigates T1059.
@Suite("Actor profile and IOC report")
struct IntelReportTests {
    let kb: KnowledgeBase
    let group: AttackObject

    init() throws {
        kb = try FixtureBundle.sample().knowledgeBase(source: "enterprise-attack-18.1.json")
        group = try kb.resolve("G0001", kind: .group).object
    }

    func headings(_ doc: ReportDocument) -> [String] {
        doc.blocks.compactMap { if case .heading(let h, _) = $0 { return h } else { return nil } }
    }

    @Test func associatedGroupsComeFromGalaxySynonyms() throws {
        let galaxy = #"""
            {"values": [{"value": "Test Bear", "meta": {"synonyms": ["Fancy Test", "G0001", "apt test", "Blue Tester"]}},
                        {"value": "Unrelated", "meta": {"synonyms": ["Nobody"]}},
                        {"value": "Blue Tester", "meta": {"synonyms": ["TEST BEAR", "Zeta"]}}]}
            """#
        let names = GroupProfileReport.associatedGroups(of: group, galaxy: try ThreatActorGalaxy(data: Data(galaxy.utf8), source: "g.json"))
        #expect(names == ["Blue Tester", "Fancy Test", "Zeta"])
    }

    @Test func profileHasEverySectionWithCitationsAndNumbers() throws {
        let input = GroupProfileReport.Input(
            group: group, knowledgeBase: kb,
            galaxy: try ThreatActorGalaxy(data: Data(#"{"values": [{"value": "Fancy Test", "meta": {"synonyms": ["APT Test"]}}]}"#.utf8), source: "dir/g.json"),
            date: Date(timeIntervalSince1970: 1_767_225_600), heatmapFileName: "apt-heatmap.svg")
        let doc = GroupProfileReport.document(input)
        #expect(doc.title == "APT Test (G0001)")
        #expect(doc.subtitle == ["Threat actor profile · ATT&CK Enterprise 18.1 · 2026-01-01"])
        #expect(headings(doc) == [
            "Overview", "Heatmap", "Campaigns (1)", "Software (1)", "Techniques by tactic (2)",
            "Execution (TA0002) · 1", "Defense Evasion (TA0005) · 1", "References (2)",
        ])
        guard case .keyFigures(let figures) = doc.blocks.first else {
            Issue.record("no key figures first")
            return
        }
        #expect(figures.map(\.value) == ["2", "1", "1"])
        let md = MarkdownWriter.render(doc).replacingOccurrences(of: "\\", with: "")
        #expect(md.contains("Aliases: Test Bear"))
        #expect(md.contains("Associated groups (MISP threat-actor galaxy synonyms): Fancy Test"))
        let galaxySHA = try #require(input.galaxy?.sha256)
        #expect(md.contains("Computed from: Enterprise ATT&CK 18.1 · enterprise-attack-18.1.json"), "the release file")
        #expect(md.contains("g.json sha256:\(galaxySHA.prefix(12))"), "the galaxy, by name and digest")
        #expect(md.contains("| [C0001](https://attack.mitre.org/campaigns/C0001) | Operation Test |"), "\(md)")
        #expect(md.contains("| [S0001](https://attack.mitre.org/software/S0001) | EvilTool | malware | direct |"))
        #expect(md.contains("(campaign C0001) During Operation Test the actors ran PowerShell. [1]"), "\(md)")
        #expect(md.contains("packed its payloads. [2]"))
        #expect(md.contains("1. [Report B report](https://example.com/b)"))
        #expect(md.contains("2. [Report A report](https://example.com/a)"))
        let html = HTMLWriter.render(doc)
        #expect(html.contains("<a href=\"https://example.com/a\">Report A report</a>"))
        #expect(html.contains("<a href=\"https://attack.mitre.org/groups/G0001\">"))
        #expect(md.contains("](apt-heatmap.svg)"))
        #expect(doc.figures.first?.svg.contains("<svg") == true)
        // Execution comes before Defense Evasion: the matrix order of the release.
        let execution = try #require(md.range(of: "### Execution"))
        let evasion = try #require(md.range(of: "### Defense Evasion"))
        #expect(execution.lowerBound < evasion.lowerBound)
    }

    @Test func exposureSplitsTheGroupsTechniquesByState() throws {
        let rule = DetectionRule(format: .sigma, path: "rules/a.yml", line: 1, title: "Packed", techniqueIDs: ["T1027"])
        let record = CoverageResult(rules: [rule], knowledgeBase: kb)
        let doc = GroupProfileReport.document(.init(group: group, knowledgeBase: kb, coverage: record))
        #expect(headings(doc).contains("Exposure"))
        #expect(headings(doc).contains("Undetected techniques (1)"))
        guard case .keyFigures(let figures) = doc.blocks.first else { return }
        #expect(figures.map(\.value) == ["2", "1", "1", "50%", "50%"])
        let md = MarkdownWriter.render(doc).replacingOccurrences(of: "\\", with: "")
        #expect(md.contains("| Detected | 1 | 50% |"), "\(md)")
        #expect(md.contains("| Blind | 1 | 50% |"))
        #expect(md.contains("| T1059.001 PowerShell | Blind |"))
    }

    func linked(_ records: [IOCRecord]) -> [IOCLinker.Linked] {
        IOCLinker(knowledgeBases: [kb]).link(records)
    }

    @Test func iocReportLinksHuntsDetectsAndMitigates() throws {
        let input = IOCReport.Input(linked: linked([
            IOCRecord(value: "203.0.113.9", type: "ipv4-addr", references: ["T1059.001"], sightings: 2),
            IOCRecord(value: "http://evil.example.com/a", type: "url", references: ["G0002", "T1059"]),
            IOCRecord(value: "abc123", type: "sha256", references: ["EvilTool", "NoSuchThing"]),
        ]), source: "event.json", date: Date(timeIntervalSince1970: 1_767_225_600))
        let a = IOCReport.analyze(input)
        #expect(a.techniques.map(\.object.attackID) == ["T1059.001", "T1059"])
        #expect(a.actors.map(\.object.attackID) == ["G0002"], "G0002 named by an IOC")
        #expect(a.weakLeads.map(\.object.attackID) == ["G0001"], "G0001 only uses EvilTool: a weak lead, kept apart")
        #expect(a.weakLeads.first?.sharedBy == 1)
        #expect(a.software.map(\.object.attackID) == ["S0001"])
        #expect(a.hunt.isEmpty, "G0002 and EvilTool use nothing the IOCs did not show; weak leads do not drive the hunt")
        let doc = IOCReport.document(input)
        #expect(headings(doc) == ["IOCs", "Actors", "Weak leads: groups that use the same software", "Software and campaigns", "Hunt next", "Detections", "Mitigations"])
        let md = MarkdownWriter.render(doc).replacingOccurrences(of: "\\", with: "")
        #expect(md.contains("203[.]0[.]113[.]9"))
        #expect(md.contains("hxxp://evil[.]example[.]com/a"))
        #expect(!md.contains("203.0.113.9") && !md.contains("evil.example.com"))
        #expect(md.contains("T1059.001 Command and Scripting Interpreter: PowerShell"), "\(md)")
        #expect(md.contains("| DET0001 Detect PowerShell | sysmon (1) |"), "\(md)")
        #expect(md.contains("M1001 Execution Prevention |"))
        #expect(md.contains("abc123: 'NoSuchThing'"))
        let html = HTMLWriter.render(doc)
        #expect(html.contains("<a href=\"https://attack.mitre.org/"), "ATT&CK pages are linked")
        let json = IOCReport.json(input)
        #expect(json["iocs"]?[0]?["ioc"]?.stringValue == "203.0.113.9")
        #expect(json["iocs"]?[0]?["defanged"]?.stringValue == "203[.]0[.]113[.]9")
        #expect(json["techniques"]?[0]?["detection_strategies"]?[0]?["id"]?.stringValue == "DET0001")
        #expect(json["techniques"]?[1]?["mitigations"]?[0]?["id"]?.stringValue == "M1001")
        #expect(json["weak_leads"]?[0]?["shared_by"]?.doubleValue == 1)
        let layers = try IOCReport.layers(input)
        #expect(layers.count == 1)
        #expect(Set(layers[0].techniques.filter { $0.score != nil }.map(\.techniqueID)) == ["T1059.001", "T1059"])
    }

    @Test func huntRanksBySpecificityWithoutPreCompromiseAndActorsComeFirst() throws {
        // G0001 named directly: its techniques (T1027, and T1059.001 via campaign C0001) are hunted.
        let input = IOCReport.Input(linked: linked([
            IOCRecord(value: "C:\\Users\\Public\\evil.exe", type: "filename", references: ["G0001"]),
        ]), source: "event.json")
        let a = IOCReport.analyze(input)
        #expect(a.actors.map(\.object.attackID) == ["G0001"] && a.actors.first?.evidence == .direct)
        #expect(a.hunt.map(\.technique.attackID).contains("T1027"))
        #expect(a.hunt.allSatisfy { !kb.preCompromise().contains($0.technique) })
        let specificities = a.hunt.map(\.specificity)
        #expect(specificities == specificities.sorted(by: >))
        let md = MarkdownWriter.render(IOCReport.document(input)).replacingOccurrences(of: "\\", with: "")
        #expect(md.contains("C:UsersPublicevil.exe"), "a local path is not defanged: \(md)")
        #expect(!md.contains("evil[.]exe"))
    }

    @Test func defangingLeavesPathsAndHashesAlone() {
        #expect(IOCRecord(value: "evil.example.com", type: "domain", references: []).defanged == "evil[.]example[.]com")
        #expect(IOCRecord(value: "hxxps://evil[.]example/a.ps1", type: "url", references: []).defanged == "hxxps://evil[.]example/a[.]ps1")
        #expect(IOCRecord(value: "https://x.example/a.php", type: "url", references: []).defanged == "hxxps://x[.]example/a[.]php")
        #expect(IOCRecord(value: "C:\\Windows\\Temp\\a.dll", type: "", references: []).defanged == "C:\\Windows\\Temp\\a.dll")
        #expect(IOCRecord(value: "/tmp/payload.sh", type: "", references: []).defanged == "/tmp/payload.sh")
        #expect(IOCRecord(value: "invoice.pdf.exe", type: "filename", references: []).defanged == "invoice.pdf.exe")
    }
}
