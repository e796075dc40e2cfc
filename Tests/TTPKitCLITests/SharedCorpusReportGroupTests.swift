import Foundation
import TestSupport
import Testing

/// `report group APT29` on Enterprise 18.1 with the shared MISP threat-actor galaxy.
@Suite("report group on Enterprise 18.1", .enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct SharedCorpusReportGroupTests {
    @Test func apt29Profile() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-apt29-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("apt29.md").path
        let galaxy = SharedData.corpora.appendingPathComponent("misp-galaxy/clusters/threat-actor.json").path
        let r = try InProcess.run([
            "report", "group", "APT29", "-o", out, "--galaxy", galaxy,
            "--data", SharedData.bundle("enterprise-attack-18.1.json").path,
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let md = try String(contentsOfFile: out, encoding: .utf8).replacingOccurrences(of: "\\", with: "")
        #expect(md.hasPrefix("# APT29 (G0016)\n"))
        #expect(md.contains("Aliases: IRON RITUAL, IRON HEMLOCK"))
        let associated = md.split(separator: "\n").first { $0.contains("Associated groups (MISP threat-actor galaxy synonyms): ") } ?? ""
        #expect(associated.contains("Grizzly Steppe"), "a MISP synonym that is not an ATT&CK alias")
        #expect(!associated.contains("Nobelium") && !associated.contains("G0016"), "aliases (any case) and ATT&CK IDs are left out")
        #expect(md.contains("## Campaigns (2)"))
        #expect(md.contains("## Software (49)"))
        #expect(md.contains("## Techniques by tactic (119)"))
        #expect(md.contains("### Initial Access (TA0001)"))
        #expect(md.contains("https://attack.mitre.org/groups/G0016"))
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("apt29-heatmap.svg").path))
    }

    @Test func groupWithoutTechniquesInTheDomainSaysWhereItHasSome() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-apt28-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let mobile = SharedData.bundle("mobile-attack-18.1.json").path
        for command in [["layer", "group", "APT28"], ["report", "group", "APT28"]] {
            let out = dir.appendingPathComponent(command[0] == "layer" ? "apt28.json" : "apt28.md").path
            let r = try InProcess.run(command + ["-o", out, "--data", mobile])
            #expect(r.status == 2, "\(command): \(r.stderr)")
            #expect(r.stderr.contains("APT28 (G0007) uses no technique in Mobile ATT&CK 18.1"), "\(r.stderr)")
            #expect(r.stderr.contains("it has techniques in Enterprise ATT&CK 18.1"), "\(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "no empty matrix written")
        }
    }
}
