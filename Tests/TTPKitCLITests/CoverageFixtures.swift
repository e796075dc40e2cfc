import Foundation
import TestSupport

/// Rule folders and telemetry files for the coverage command tests, written to fresh temporary
/// folders. The fixture bundle (`FixtureBundle.sample()`) has T1059 with T1059.001 (whose
/// detection strategy names log source `sysmon` / `1`), T1027, T1218, T1086 revoked by
/// T1059.001, T1999 deprecated; APT Test (G0001) uses T1027 and T1059.001 (campaign), Other
/// Group (G0002) uses T1059.001.
struct CoverageFixtures {
    let dir: URL

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ttpkit-covcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { dir.appendingPathComponent(name).path }

    /// Writes `text` at `name` (folders created) and returns the path.
    @discardableResult
    func write(_ name: String, _ text: String) throws -> String {
        try write(name, Data(text.utf8))
    }

    @discardableResult
    func write(_ name: String, _ data: Data) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
        return url.path
    }

    static func sigma(_ title: String?, tags: [String], category: String = "process_creation", status: String = "test") -> String {
        var text = title.map { "title: \($0)\n" } ?? ""
        text += "id: \(UUID().uuidString.lowercased())\nstatus: \(status)\nlevel: high\n"
        text += "logsource:\n    product: windows\n    category: \(category)\n"
        text += "tags:\n" + tags.map { "    - \($0)\n" }.joined()
        text += "detection:\n    selection:\n        Image|endswith: '\\\\powershell.exe'\n    condition: selection\n"
        return text
    }

    /// A folder of good and bad rules: three good Sigma rules (one tagging the revoked T1086),
    /// one with an unknown v19 ID, one deprecated ID, one tactic-only; a Sentinel rule and a CSV
    /// use case on T1218; invalid YAML, a rule with no title (Sigma and CSV), tags that are not
    /// strings, invalid TOML, a binary file, a README.
    func mixedRules() throws -> String {
        try write("rules/good/powershell.yml", Self.sigma("PowerShell Download", tags: ["attack.execution", "attack.t1059.001"]))
        try write("rules/good/old_tag.yml", Self.sigma("Old PowerShell Tag", tags: ["attack.t1086"]))
        try write("rules/good/obfuscation.yml", Self.sigma("Packed Payload", tags: ["attack.t1027"], category: "file_event"))
        try write("rules/newer/impair.yml", Self.sigma("Impair Defenses v19", tags: ["attack.defense-impairment", "attack.t1685"]))
        try write("rules/newer/deprecated_id.yml", Self.sigma("Old Technique", tags: ["attack.t1999"]))
        try write("rules/newer/tactic_only.yml", Self.sigma("Tactic Only", tags: ["attack.execution"]))
        try write("rules/bad/invalid.yml", "title: Broken\ntags: [attack.t1027\ndetection:\n  condition: x\n")
        try write("rules/bad/no_title.yml", Self.sigma(nil, tags: ["attack.t1027"]))
        try write("rules/bad/tags_not_strings.yml", Self.sigma("Odd Tags", tags: ["attack.t1059.001", "{key: value}"]))
        try write("rules/bad/broken.toml", "[metadata]\nmaturity = \"production\"\n[rule]\nname = \"x\nrule_id = 1\n")
        try write("rules/bad/binary.yml", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02, 0x00, 0xFF]))
        try write("rules/sentinel/proxy.yaml", """
            id: 5f1c0000-0000-4000-8000-000000000001
            name: System Binary Proxy Execution
            severity: Medium
            queryFrequency: 1h
            queryPeriod: 1h
            tactics:
              - DefenseEvasion
            relevantTechniques:
              - T1218
            query: SecurityEvent | where EventID == 4688
            """)
        try write("rules/use-cases.csv", "rule name,technique ids,state\nProxy execution,T1218,enabled\n,T1027,enabled\n")
        try write("rules/README.md", "# rules\n")
        return path("rules")
    }

    /// A telemetry inventory: Sysmon process creation (sees T1059.001), one unknown data
    /// component (reported with its line), one good data component.
    func telemetry() throws -> String {
        try write("telemetry.yaml", """
            version: 1
            sources:
              - name: sysmon
                channel: 1
              - data_component: DC9999
              - data_component: Process Creation
            """)
    }
}
