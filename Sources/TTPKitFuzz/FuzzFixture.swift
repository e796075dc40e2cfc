import ATTACK
import Foundation
import Navigator
import STIX

/// A small Enterprise release for the targets that check input against ATT&CK: small, so
/// validating and rendering a layer takes microseconds and the fuzzer stays fast.
enum FuzzFixture {
    static let url = URL(fileURLWithPath: "/fuzz")

    static let kb: KnowledgeBase = {
        func reference(_ id: String, _ path: String) -> String {
            #"[{"source_name": "mitre-attack", "external_id": "\#(id)", "url": "https://attack.mitre.org/\#(path)/\#(id)"}]"#
        }
        func technique(_ id: String, _ name: String, _ tactic: String) -> String {
            #"{"type": "attack-pattern", "id": "attack-pattern--\#(id)", "name": "\#(name)", "x_mitre_platforms": ["Windows", "Linux"], "x_mitre_is_subtechnique": \#(id.contains(".")), "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "\#(tactic)"}], "external_references": \#(reference(id, "techniques"))}"#
        }
        let objects = [
            #"{"type": "x-mitre-collection", "id": "x-mitre-collection--1f5f1533-f617-4ca8-9ab4-6a02367fa019", "name": "Enterprise ATT&CK", "x_mitre_version": "18.1"}"#,
            #"{"type": "x-mitre-matrix", "id": "x-mitre-matrix--1", "name": "Enterprise ATT&CK", "tactic_refs": ["x-mitre-tactic--1", "x-mitre-tactic--2"], "external_references": \#(reference("enterprise-attack", "matrices"))}"#,
            #"{"type": "x-mitre-tactic", "id": "x-mitre-tactic--1", "name": "Execution", "x_mitre_shortname": "execution", "external_references": \#(reference("TA0002", "tactics"))}"#,
            #"{"type": "x-mitre-tactic", "id": "x-mitre-tactic--2", "name": "Initial Access", "x_mitre_shortname": "initial-access", "external_references": \#(reference("TA0001", "tactics"))}"#,
            technique("T1059", "Command and Scripting Interpreter", "execution"),
            technique("T1059.001", "PowerShell", "execution"),
            technique("T1566", "Phishing", "initial-access"),
            #"{"type": "relationship", "id": "relationship--1", "relationship_type": "subtechnique-of", "source_ref": "attack-pattern--T1059.001", "target_ref": "attack-pattern--T1059"}"#,
            #"{"type": "intrusion-set", "id": "intrusion-set--1", "name": "APT Fuzz", "aliases": ["APT Fuzz"], "external_references": \#(reference("G0001", "groups"))}"#,
            #"{"type": "relationship", "id": "relationship--2", "relationship_type": "uses", "source_ref": "intrusion-set--1", "target_ref": "attack-pattern--T1566"}"#,
        ]
        let text = #"{"type": "bundle", "id": "bundle--fuzz", "objects": ["# + objects.joined(separator: ",\n") + "]}"
        do {
            return try KnowledgeBase(bundles: [STIXBundle.parse(Data(text.utf8), source: "fuzz-fixture.json")])
        } catch {
            FileHandle.standardError.write(Data("ttpkit-fuzz: the fixture bundle does not load: \(error)\n".utf8))
            exit(2)
        }
    }()

    static let matrix = MatrixIndex(kb)
}
