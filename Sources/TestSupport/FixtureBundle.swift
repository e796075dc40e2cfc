import ATTACK
import Foundation
import STIX

/// Builds small ATT&CK bundles for unit tests, object by object.
///
/// ```swift
/// var b = FixtureBundle()
/// let t = b.technique("T1059", "Command and Scripting Interpreter", tactics: ["execution"])
/// let g = b.group("G0001", "APT Test")
/// b.relate(g, "uses", t, description: "APT Test ran scripts. (Citation: Report A)")
/// let kb = try b.knowledgeBase()
/// ```
public struct FixtureBundle {
    public private(set) var objects: [JSONValue] = []
    public var domain: AttackDomain
    private var counter = 0

    public init(domain: AttackDomain = .enterprise) {
        self.domain = domain
    }

    private mutating func nextID(_ type: String) -> String {
        counter += 1
        return "\(type)--00000000-0000-4000-8000-\(String(format: "%012d", counter))"
    }

    private func reference(_ attackID: String, path: String) -> JSONValue {
        ["source_name": "mitre-attack", "external_id": .string(attackID), "url": .string("https://attack.mitre.org/\(path)/\(attackID.replacingOccurrences(of: ".", with: "/"))")]
    }

    /// Adds an object and returns its STIX id.
    @discardableResult
    public mutating func add(_ type: String, _ attackID: String, _ name: String, path: String, extra: [(String, JSONValue)] = []) -> String {
        let id = nextID(type)
        var o = JSONObject([
            ("type", .string(type)), ("id", .string(id)), ("name", .string(name)),
            ("description", .string("\(name) description.")),
            ("created", "2020-01-01T00:00:00.000Z"), ("modified", "2024-06-01T00:00:00.000Z"),
            ("external_references", .array(attackID.isEmpty ? [] : [reference(attackID, path: path)])),
            ("x_mitre_domains", .array([.string(domain.rawValue)])),
            ("x_mitre_version", "1.0"),
        ])
        for (k, v) in extra { o[k] = v }
        objects.append(.object(o))
        return id
    }

    @discardableResult
    public mutating func tactic(_ attackID: String, _ name: String, shortname: String) -> String {
        add("x-mitre-tactic", attackID, name, path: "tactics", extra: [("x_mitre_shortname", .string(shortname))])
    }

    /// Adds the `x-mitre-collection` object MITRE's STIX 2.1 releases carry (`id` is the
    /// domain's collection id), which downloads are checked against.
    public mutating func collection(id: String, version: String) {
        objects.append([
            "type": "x-mitre-collection", "id": .string(id), "name": .string("\(domain.displayName) ATT&CK"),
            "x_mitre_version": .string(version),
        ])
    }

    @discardableResult
    public mutating func matrix(tactics: [String]) -> String {
        let id = nextID("x-mitre-matrix")
        objects.append([
            "type": "x-mitre-matrix", "id": .string(id), "name": .string("\(domain.displayName) ATT&CK"),
            "external_references": [["source_name": "mitre-attack", "external_id": .string(domain.rawValue)]],
            "tactic_refs": .array(tactics.map(JSONValue.string)),
        ])
        return id
    }

    @discardableResult
    public mutating func technique(
        _ attackID: String, _ name: String, tactics: [String], platforms: [String] = ["Windows"],
        revoked: Bool = false, deprecated: Bool = false
    ) -> String {
        add("attack-pattern", attackID, name, path: "techniques", extra: [
            ("kill_chain_phases", .array(tactics.map { ["kill_chain_name": .string(domain.killChainName), "phase_name": .string($0)] })),
            ("x_mitre_platforms", .array(platforms.map(JSONValue.string))),
            ("x_mitre_is_subtechnique", .bool(attackID.contains("."))),
            ("revoked", .bool(revoked)), ("x_mitre_deprecated", .bool(deprecated)),
        ])
    }

    @discardableResult
    public mutating func group(_ attackID: String, _ name: String, aliases: [String] = [], revoked: Bool = false) -> String {
        add("intrusion-set", attackID, name, path: "groups", extra: [
            ("aliases", .array(([name] + aliases).map(JSONValue.string))), ("revoked", .bool(revoked)),
        ])
    }

    @discardableResult
    public mutating func software(_ attackID: String, _ name: String, type: String = "malware", aliases: [String] = []) -> String {
        add(type, attackID, name, path: "software", extra: [("x_mitre_aliases", .array(([name] + aliases).map(JSONValue.string)))])
    }

    @discardableResult
    public mutating func campaign(_ attackID: String, _ name: String) -> String {
        add("campaign", attackID, name, path: "campaigns", extra: [
            ("first_seen", "2021-01-01T00:00:00.000Z"), ("last_seen", "2021-06-01T00:00:00.000Z"),
        ])
    }

    @discardableResult
    public mutating func mitigation(_ attackID: String, _ name: String) -> String {
        add("course-of-action", attackID, name, path: "mitigations")
    }

    /// Adds a relationship `source —type→ target`.
    @discardableResult
    public mutating func relate(
        _ source: String, _ type: String, _ target: String, description: String? = nil,
        citations: [(String, String)] = [], revoked: Bool = false, deprecated: Bool = false
    ) -> String {
        let id = nextID("relationship")
        var o = JSONObject([
            ("type", "relationship"), ("id", .string(id)), ("relationship_type", .string(type)),
            ("source_ref", .string(source)), ("target_ref", .string(target)),
            ("created", "2020-01-01T00:00:00.000Z"), ("modified", "2024-06-01T00:00:00.000Z"),
            ("revoked", .bool(revoked)), ("x_mitre_deprecated", .bool(deprecated)),
        ])
        if let description { o["description"] = .string(description) }
        if !citations.isEmpty {
            o["external_references"] = .array(citations.map { ["source_name": .string($0.0), "url": .string($0.1), "description": .string("\($0.0) report")] })
        }
        objects.append(.object(o))
        return id
    }

    /// The bundle as JSON text.
    public func json(specVersion: String? = "2.0") -> String {
        var b = JSONObject([("type", "bundle"), ("id", "bundle--fixture")])
        if let specVersion { b["spec_version"] = .string(specVersion) }
        b["objects"] = .array(objects)
        return JSONValue.object(b).serialized(pretty: true)
    }

    /// Parses the bundle and builds a knowledge base.
    public func knowledgeBase(source: String = "fixture.json") throws -> KnowledgeBase {
        let bundle = try STIXBundle.parse(Data(json().utf8), source: source)
        return try KnowledgeBase(bundles: [bundle])
    }
}

extension FixtureBundle {
    /// A small Enterprise knowledge base with one of everything the queries need:
    /// a group with a direct technique, software and an attributed campaign; a
    /// sub-technique and its parent; a revoked technique with its replacement; a deprecated
    /// technique; a mitigation; and v18 detection objects.
    ///
    /// With `preCompromise`, also the pre-compromise part of a release: tactic Resource
    /// Development (TA0042) first in the matrix, T1583 Acquire Infrastructure and its
    /// sub-technique T1583.001 Domains there, both mitigated only by M1056 Pre-compromise;
    /// APT Test and Other Group both use T1583.001.
    public static func sample(preCompromise: Bool = false) -> FixtureBundle {
        var b = FixtureBundle()
        let development = preCompromise ? b.tactic("TA0042", "Resource Development", shortname: "resource-development") : nil
        let execution = b.tactic("TA0002", "Execution", shortname: "execution")
        let evasion = b.tactic("TA0005", "Defense Evasion", shortname: "defense-evasion")
        b.matrix(tactics: [development, execution, evasion].compactMap { $0 })
        let t1059 = b.technique("T1059", "Command and Scripting Interpreter", tactics: ["execution"], platforms: ["Windows", "Linux"])
        let t1059001 = b.technique("T1059.001", "PowerShell", tactics: ["execution"])
        let t1027 = b.technique("T1027", "Obfuscated Files or Information", tactics: ["defense-evasion"], platforms: ["Windows", "Linux", "macOS"])
        let t1086 = b.technique("T1086", "PowerShell", tactics: ["execution"], revoked: true)
        let t1999 = b.technique("T1999", "Old Technique", tactics: ["execution"], deprecated: true)
        let t1218 = b.technique("T1218", "System Binary Proxy Execution", tactics: ["defense-evasion", "execution"])
        b.relate(t1059001, "subtechnique-of", t1059)
        b.relate(t1086, "revoked-by", t1059001)
        let group = b.group("G0001", "APT Test", aliases: ["Test Bear"])
        let other = b.group("G0002", "Other Group")
        let malware = b.software("S0001", "EvilTool", aliases: ["Evil"])
        let campaign = b.campaign("C0001", "Operation Test")
        let mitigation = b.mitigation("M1001", "Execution Prevention")
        b.relate(group, "uses", t1027, description: "[APT Test](https://attack.mitre.org/groups/G0001) packed its payloads.(Citation: Report A)", citations: [("Report A", "https://example.com/a")])
        b.relate(group, "uses", t1999, description: "Deprecated use.")
        b.relate(group, "uses", t1218, description: "Revoked relationship.", revoked: true)
        b.relate(group, "uses", malware)
        b.relate(campaign, "attributed-to", group)
        b.relate(campaign, "uses", t1059001, description: "During Operation Test the actors ran PowerShell.(Citation: Report B)", citations: [("Report B", "https://example.com/b")])
        b.relate(malware, "uses", t1059, description: "EvilTool runs commands.")
        b.relate(other, "uses", t1059001, description: "Other Group used PowerShell.")
        b.relate(mitigation, "mitigates", t1059, description: "Block scripts.")
        let component = b.add("x-mitre-data-component", "DC0001", "Process Creation", path: "datacomponents")
        let analytic = b.add("x-mitre-analytic", "AN0001", "Analytic 0001", path: "detectionstrategies", extra: [
            ("x_mitre_platforms", ["Windows"]),
            ("x_mitre_log_source_references", [["x_mitre_data_component_ref": .string(component), "name": "sysmon", "channel": "1"]]),
        ])
        let strategy = b.add("x-mitre-detection-strategy", "DET0001", "Detect PowerShell", path: "detectionstrategies", extra: [
            ("x_mitre_analytic_refs", [.string(analytic)]),
        ])
        b.relate(strategy, "detects", t1059001)
        if preCompromise {
            let t1583 = b.technique("T1583", "Acquire Infrastructure", tactics: ["resource-development"], platforms: ["PRE"])
            let t1583001 = b.technique("T1583.001", "Domains", tactics: ["resource-development"], platforms: ["PRE"])
            b.relate(t1583001, "subtechnique-of", t1583)
            let before = b.mitigation("M1056", "Pre-compromise")
            b.relate(before, "mitigates", t1583, description: "Watch with threat intelligence.")
            b.relate(before, "mitigates", t1583001, description: "Watch domain registrations.")
            b.relate(group, "uses", t1583001, description: "APT Test registered look-alike domains.")
            b.relate(other, "uses", t1583001, description: "Other Group bought domains.")
        }
        return b
    }
}

extension FixtureBundle {
    /// A waivers file for ``sample(preCompromise:)``: T1027 waived until 2026-06-30 (line 2),
    /// T1059.001 until 2026-01-31 (line 6), T1218 until 2027-01-01 (line 10).
    public static let sampleWaivers = """
        waivers:
          - technique: t1027
            reason: noisy on build servers
            owner: soc
            expires: 2026-06-30
          - technique: T1059.001
            reason: the EDR covers it
            owner: edr-team
            expires: 2026-01-31
          - technique: T1218
            reason: old
            owner: soc
            expires: 2027-01-01
        """
}
