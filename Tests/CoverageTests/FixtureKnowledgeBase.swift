import ATTACK
import Foundation
import STIX

/// A tiny Enterprise 18.1-shaped release for coverage tests.
///
/// Tactics execution (TA0002) and defense-evasion (TA0005). Techniques T1059 with
/// sub-technique T1059.001, T1027, T1003; T1086 revoked by T1059.001; T1000 deprecated.
/// Detection: DET0001 → AN0001 (Process Creation via `WinEventLog:Sysmon` EventCode=1 and
/// `WinEventLog:Security` EventCode=4688) detects T1059.001; DET0002 → AN0002 (Network
/// Connection Creation via `WinEventLog:Sysmon` EventCode=3, 22) detects T1027.
/// Groups: G0001 Fixture Bear uses T1003 and T1027, and T1059 through campaign C0001;
/// G0002 Fixture Panda uses T1003 and T1059.001. M1040 mitigates T1003.
enum FixtureKnowledgeBase {
    static func make() throws -> KnowledgeBase {
        let bundle = try STIXBundle.parse(Data(json.utf8), source: "fixture-enterprise-attack-18.1.json")
        return try KnowledgeBase(bundles: [bundle])
    }

    static func object(_ type: String, _ id: String, _ attackID: String?, _ name: String, _ extra: String = "") -> String {
        let reference = attackID.map { #","external_references":[{"source_name":"mitre-attack","external_id":"\#($0)"}]"# } ?? ""
        return #"{"type":"\#(type)","id":"\#(type)--\#(id)","spec_version":"2.1","created":"2025-01-01T00:00:00.000Z","modified":"2025-01-01T00:00:00.000Z","name":"\#(name)"\#(reference)\#(extra)}"#
    }

    static func technique(_ id: String, _ attackID: String, _ name: String, tactic: String, _ extra: String = "") -> String {
        object("attack-pattern", id, attackID, name,
               #","kill_chain_phases":[{"kill_chain_name":"mitre-attack","phase_name":"\#(tactic)"}],"x_mitre_platforms":["Windows"],"x_mitre_domains":["enterprise-attack"]"# + extra)
    }

    static func relationship(_ id: String, _ type: String, _ source: String, _ target: String) -> String {
        #"{"type":"relationship","id":"relationship--\#(id)","spec_version":"2.1","created":"2025-01-01T00:00:00.000Z","modified":"2025-01-01T00:00:00.000Z","relationship_type":"\#(type)","source_ref":"\#(source)","target_ref":"\#(target)"}"#
    }

    static let t1003 = "attack-pattern--00000000-0000-4000-8000-000000001003"
    static let t1027 = "attack-pattern--00000000-0000-4000-8000-000000001027"
    static let t1059 = "attack-pattern--00000000-0000-4000-8000-000000001059"
    static let t1059001 = "attack-pattern--00000000-0000-4000-8000-000000159001"
    static let dc32 = "x-mitre-data-component--00000000-0000-4000-8000-000000000032"
    static let dc82 = "x-mitre-data-component--00000000-0000-4000-8000-000000000082"

    static var json: String {
        let objects = [
            object("x-mitre-collection", "00000000-0000-4000-8000-0000000000c0", nil, "Enterprise ATT&CK", #","x_mitre_version":"18.1""#),
            object("x-mitre-matrix", "00000000-0000-4000-8000-0000000000a0", "enterprise-attack", "Enterprise ATT&CK",
                   #","tactic_refs":["x-mitre-tactic--00000000-0000-4000-8000-000000000002","x-mitre-tactic--00000000-0000-4000-8000-000000000005"]"#),
            object("x-mitre-tactic", "00000000-0000-4000-8000-000000000002", "TA0002", "Execution", #","x_mitre_shortname":"execution""#),
            object("x-mitre-tactic", "00000000-0000-4000-8000-000000000005", "TA0005", "Defense Evasion", #","x_mitre_shortname":"defense-evasion""#),
            technique("00000000-0000-4000-8000-000000001059", "T1059", "Command and Scripting Interpreter", tactic: "execution"),
            technique("00000000-0000-4000-8000-000000159001", "T1059.001", "PowerShell", tactic: "execution", #","x_mitre_is_subtechnique":true"#),
            technique("00000000-0000-4000-8000-000000001027", "T1027", "Obfuscated Files or Information", tactic: "defense-evasion"),
            technique("00000000-0000-4000-8000-000000001003", "T1003", "OS Credential Dumping", tactic: "defense-evasion"),
            technique("00000000-0000-4000-8000-000000001086", "T1086", "PowerShell", tactic: "execution", #","revoked":true"#),
            technique("00000000-0000-4000-8000-000000001000", "T1000", "Old Technique", tactic: "execution", #","x_mitre_deprecated":true"#),
            object("x-mitre-data-component", "00000000-0000-4000-8000-000000000032", "DC0032", "Process Creation"),
            object("x-mitre-data-component", "00000000-0000-4000-8000-000000000082", "DC0082", "Network Connection Creation"),
            object("x-mitre-analytic", "00000000-0000-4000-8000-0000000a0001", "AN0001", "Analytic 1",
                   #","x_mitre_log_source_references":[{"x_mitre_data_component_ref":"\#(dc32)","name":"WinEventLog:Sysmon","channel":"EventCode=1"},{"x_mitre_data_component_ref":"\#(dc32)","name":"WinEventLog:Security","channel":"EventCode=4688"}]"#),
            object("x-mitre-analytic", "00000000-0000-4000-8000-0000000a0002", "AN0002", "Analytic 2",
                   #","x_mitre_log_source_references":[{"x_mitre_data_component_ref":"\#(dc82)","name":"WinEventLog:Sysmon","channel":"EventCode=3, 22"}]"#),
            object("x-mitre-detection-strategy", "00000000-0000-4000-8000-0000000d0001", "DET0001", "Detect PowerShell",
                   #","x_mitre_analytic_refs":["x-mitre-analytic--00000000-0000-4000-8000-0000000a0001"]"#),
            object("x-mitre-detection-strategy", "00000000-0000-4000-8000-0000000d0002", "DET0002", "Detect Obfuscation",
                   #","x_mitre_analytic_refs":["x-mitre-analytic--00000000-0000-4000-8000-0000000a0002"]"#),
            relationship("00000000-0000-4000-8000-0000000e0001", "subtechnique-of",
                         "attack-pattern--00000000-0000-4000-8000-000000159001", "attack-pattern--00000000-0000-4000-8000-000000001059"),
            relationship("00000000-0000-4000-8000-0000000e0002", "revoked-by",
                         "attack-pattern--00000000-0000-4000-8000-000000001086", "attack-pattern--00000000-0000-4000-8000-000000159001"),
            relationship("00000000-0000-4000-8000-0000000e0003", "detects",
                         "x-mitre-detection-strategy--00000000-0000-4000-8000-0000000d0001", "attack-pattern--00000000-0000-4000-8000-000000159001"),
            relationship("00000000-0000-4000-8000-0000000e0004", "detects",
                         "x-mitre-detection-strategy--00000000-0000-4000-8000-0000000d0002", "attack-pattern--00000000-0000-4000-8000-000000001027"),
            object("intrusion-set", "00000000-0000-4000-8000-000000000a01", "G0001", "Fixture Bear"),
            object("intrusion-set", "00000000-0000-4000-8000-000000000a02", "G0002", "Fixture Panda",
                   #","aliases":["Fixture Panda","Paper Panda"],"description":"Fixture Panda has targeted financial institutions.""#),
            object("campaign", "00000000-0000-4000-8000-000000000b01", "C0001", "Operation Fixture"),
            object("course-of-action", "00000000-0000-4000-8000-000000001040", "M1040", "Behavior Prevention on Endpoint"),
            relationship("00000000-0000-4000-8000-0000000e0010", "uses", "intrusion-set--00000000-0000-4000-8000-000000000a01", t1003),
            relationship("00000000-0000-4000-8000-0000000e0011", "uses", "intrusion-set--00000000-0000-4000-8000-000000000a01", t1027),
            relationship("00000000-0000-4000-8000-0000000e0012", "uses", "intrusion-set--00000000-0000-4000-8000-000000000a02", t1003),
            relationship("00000000-0000-4000-8000-0000000e0013", "uses", "intrusion-set--00000000-0000-4000-8000-000000000a02", t1059001),
            relationship("00000000-0000-4000-8000-0000000e0014", "attributed-to",
                         "campaign--00000000-0000-4000-8000-000000000b01", "intrusion-set--00000000-0000-4000-8000-000000000a01"),
            relationship("00000000-0000-4000-8000-0000000e0015", "uses", "campaign--00000000-0000-4000-8000-000000000b01", t1059),
            relationship("00000000-0000-4000-8000-0000000e0016", "mitigates", "course-of-action--00000000-0000-4000-8000-000000001040", t1003),
        ]
        return #"{"type":"bundle","id":"bundle--00000000-0000-4000-8000-0000000000b0","objects":["# + objects.joined(separator: ",") + "]}"
    }
}
