import ATTACK
import Foundation
import Navigator
import STIX
import TestSupport

/// A small v19-shaped Enterprise bundle: five tactics (with Stealth and Defense Impairment),
/// parents and sub-techniques, a revoked and a deprecated technique, two groups, a campaign,
/// software and a mitigation.
enum Fixture {
    static func technique(_ id: String, _ name: String, tactics: [String], platforms: [String] = ["Windows"], extra: String = "") -> String {
        let sub = id.contains(".")
        let phases = tactics.map { #"{"kill_chain_name": "mitre-attack", "phase_name": "\#($0)"}"# }.joined(separator: ", ")
        let path = id.replacingOccurrences(of: ".", with: "/")
        return #"""
        {"type": "attack-pattern", "id": "attack-pattern--\#(id)", "name": "\#(name)", "spec_version": "2.1",
         "created": "2020-01-01T00:00:00Z", "modified": "2024-01-01T00:00:00Z",
         "external_references": [{"source_name": "mitre-attack", "external_id": "\#(id)", "url": "https://attack.mitre.org/techniques/\#(path)"}],
         "kill_chain_phases": [\#(phases)], "x_mitre_is_subtechnique": \#(sub), "x_mitre_platforms": [\#(platforms.map { "\"\($0)\"" }.joined(separator: ", "))] \#(extra)}
        """#
    }

    static func tactic(_ id: String, _ name: String, _ short: String) -> String {
        #"""
        {"type": "x-mitre-tactic", "id": "x-mitre-tactic--\#(short)", "name": "\#(name)", "x_mitre_shortname": "\#(short)",
         "external_references": [{"source_name": "mitre-attack", "external_id": "\#(id)", "url": "https://attack.mitre.org/tactics/\#(id)"}]}
        """#
    }

    static func rel(_ n: Int, _ type: String, _ source: String, _ target: String, _ description: String = "", refs: String = "[]") -> String {
        #"""
        {"type": "relationship", "id": "relationship--\#(n)", "relationship_type": "\#(type)", "source_ref": "\#(source)",
         "target_ref": "\#(target)", "description": "\#(description)", "external_references": \#(refs)}
        """#
    }

    static func object(_ type: String, _ id: String, _ name: String, _ attackID: String, path: String) -> String {
        #"""
        {"type": "\#(type)", "id": "\#(type)--\#(attackID)", "name": "\#(name)", "aliases": ["\#(name)"],
         "external_references": [{"source_name": "mitre-attack", "external_id": "\#(attackID)", "url": "https://attack.mitre.org/\#(path)/\#(attackID)"}]}
        """#
    }

    static let json: String = {
        let tactics = [
            tactic("TA0001", "Initial Access", "initial-access"), tactic("TA0002", "Execution", "execution"),
            tactic("TA0003", "Persistence", "persistence"), tactic("TA0005", "Stealth", "stealth"),
            tactic("TA0112", "Defense Impairment", "defense-impairment"),
        ]
        let matrix = #"""
        {"type": "x-mitre-matrix", "id": "x-mitre-matrix--enterprise", "name": "Enterprise ATT&CK",
         "external_references": [{"source_name": "mitre-attack", "external_id": "enterprise-attack"}],
         "tactic_refs": ["x-mitre-tactic--initial-access", "x-mitre-tactic--execution", "x-mitre-tactic--persistence",
                         "x-mitre-tactic--stealth", "x-mitre-tactic--defense-impairment"]}
        """#
        let techniques = [
            technique("T1059", "Command and Scripting Interpreter", tactics: ["execution"], platforms: ["Windows", "Linux"]),
            technique("T1059.001", "PowerShell", tactics: ["execution"]),
            technique("T1059.004", "Unix Shell", tactics: ["execution"], platforms: ["Linux"]),
            technique("T1078", "Valid Accounts", tactics: ["initial-access", "persistence", "stealth"], platforms: ["Windows", "Linux"]),
            technique("T1566", "Phishing", tactics: ["initial-access"], platforms: ["Windows", "Linux"]),
            technique("T1566.001", "Spearphishing Attachment", tactics: ["initial-access"]),
            technique("T1685", "Disable Tools", tactics: ["defense-impairment"]),
            technique("T1086", "PowerShell", tactics: ["execution"], extra: #", "revoked": true"#),
            technique("T1000", "Old Thing", tactics: ["execution"], extra: #", "x_mitre_deprecated": true"#),
        ]
        let others = [
            object("intrusion-set", "g1", "Test Group", "G0001", path: "groups"),
            object("intrusion-set", "g2", "Other Group", "G0002", path: "groups"),
            object("campaign", "c1", "Test Campaign", "C0001", path: "campaigns"),
            object("malware", "s1", "Test Malware", "S0001", path: "software"),
            object("course-of-action", "m1", "Execution Prevention", "M1038", path: "mitigations"),
        ]
        let citeRef = #"[{"source_name": "Vendor Report", "url": "https://example.com/report", "description": "A report."}, {"source_name": "No URL Source"}]"#
        let rels = [
            rel(1, "subtechnique-of", "attack-pattern--T1059.001", "attack-pattern--T1059"),
            rel(2, "subtechnique-of", "attack-pattern--T1059.004", "attack-pattern--T1059"),
            rel(3, "subtechnique-of", "attack-pattern--T1566.001", "attack-pattern--T1566"),
            rel(4, "revoked-by", "attack-pattern--T1086", "attack-pattern--T1059.001"),
            rel(5, "uses", "intrusion-set--G0001", "attack-pattern--T1059.001",
                "[Test Group](https://attack.mitre.org/groups/G0001) has used PowerShell to run payloads.(Citation: Vendor Report)(Citation: No URL Source)", refs: citeRef),
            rel(6, "uses", "intrusion-set--G0001", "attack-pattern--T1566.001", "Test Group sent malicious attachments.(Citation: Vendor Report)", refs: citeRef),
            rel(7, "attributed-to", "campaign--C0001", "intrusion-set--G0001"),
            rel(8, "uses", "campaign--C0001", "attack-pattern--T1078", "During Test Campaign, the actors used stolen accounts."),
            rel(9, "uses", "intrusion-set--G0002", "attack-pattern--T1059.001", "Other Group used PowerShell."),
            rel(10, "uses", "intrusion-set--G0002", "attack-pattern--T1685", "Other Group disabled tools."),
            rel(11, "uses", "malware--S0001", "attack-pattern--T1059", "Test Malware runs commands."),
            rel(12, "mitigates", "course-of-action--M1038", "attack-pattern--T1059", "Block script interpreters."),
            rel(13, "uses", "intrusion-set--G0001", "malware--S0001"),
        ]
        let collection = #"{"type": "x-mitre-collection", "id": "x-mitre-collection--1", "name": "Enterprise ATT&CK", "x_mitre_version": "19.0"}"#
        let all = [collection, matrix] + tactics + techniques + others + rels
        return #"{"type": "bundle", "id": "bundle--fixture", "objects": [\#(all.joined(separator: ",\n"))]}"#
    }()

    static let kb: KnowledgeBase = {
        do { return try KnowledgeBase(bundles: [try STIXBundle.parse(Data(json.utf8), source: "fixture")]) } catch {
            preconditionFailure("fixture bundle does not load: \(error)")
        }
    }()

    static let matrix = MatrixIndex(kb)

    static func temporaryDirectory() -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("navigator-tests-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// The Enterprise 18.1 bundle, loaded once per test process.
enum Enterprise {
    static let kb: KnowledgeBase? = {
        guard SharedData.isAvailable else { return nil }
        return try? KnowledgeBase.load(contentsOf: SharedData.bundle("enterprise-attack-18.1.json"))
    }()
    static let matrix: MatrixIndex? = kb.map(MatrixIndex.init)
}
