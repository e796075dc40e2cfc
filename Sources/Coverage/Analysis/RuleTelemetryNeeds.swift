import Foundation

/// What telemetry a rule needs before it can fire, in ATT&CK's terms.
///
/// A rule is satisfied by any one of its `alternatives`; an alternative needs all of its
/// parts (Splunk's `Sysmon EventID 1 AND Sysmon EventID 11`). Each part is satisfied by a
/// collected data component or log source.
///
/// Mappings, from the rule's own log source:
/// - Sigma `category` (Windows and Linux): the data component ATT&CK v18 analytics pair with
///   the matching Sysmon event, plus those Sysmon / Security channels (`process_creation` →
///   Process Creation, `WinEventLog:Sysmon` EventCode=1, `WinEventLog:Security`
///   EventCode=4688).
/// - Sigma `service`: the log source ATT&CK names (`security` → `WinEventLog:Security`,
///   `auditd` → any `auditd:` source, `cloudtrail` → `AWS:CloudTrail`...).
/// - Splunk `data_source`: `Sysmon EventID N`, `Sysmon for Linux EventID N`,
///   `Windows Event Log <Log> N`, `Powershell Script Block Logging 4104`, `Linux Auditd ...`,
///   `CrowdStrike ProcessRollup2` (Process Creation).
///
/// Anything else (Elastic, Sentinel, CSV rules, unmapped categories or products) has no
/// needs: the rule is reported as unchecked rather than guessed about.
public struct RuleTelemetryNeeds: Sendable, Hashable {
    /// One piece of telemetry.
    public enum Part: Sendable, Hashable, CustomStringConvertible {
        /// Any of these data components (by ATT&CK name).
        case dataComponent(String)
        /// A log source (`WinEventLog:Security`), optionally one channel; `prefix` matches every
        /// log source whose name starts with `name` (`auditd:`).
        case logSource(name: String, channel: String?, prefix: Bool)

        public var description: String {
            switch self {
            case .dataComponent(let name): return name
            case let .logSource(name, channel, prefix):
                let shown = prefix ? name + "*" : name
                return channel.map { "\(shown) \($0)" } ?? shown
            }
        }
    }

    /// An alternative: a set of parts that are all needed, each satisfied by any of its
    /// options.
    public typealias Alternative = [[Part]]

    /// Ways the rule's telemetry can be satisfied; empty when the rule's log source is not
    /// mapped.
    public var alternatives: [Alternative]

    /// True when nothing is known of what the rule needs.
    public var isUnknown: Bool { alternatives.isEmpty }

    /// The needs of a rule, from its log source.
    public static func of(_ rule: DetectionRule) -> RuleTelemetryNeeds {
        switch rule.format {
        case .sigma: return sigma(rule.logSource)
        case .splunk: return splunk(rule.logSource.dataSources)
        default: return RuleTelemetryNeeds(alternatives: [])
        }
    }

    // MARK: Sigma

    static func sigma(_ source: RuleLogSource) -> RuleTelemetryNeeds {
        let product = source.product ?? ""
        if let category = source.category {
            let windows = product == "windows" || product.isEmpty
            let linux = product == "linux"
            guard let entry = sigmaCategories[category] else { return RuleTelemetryNeeds(alternatives: []) }
            var options: [Part] = entry.components.map { .dataComponent($0) }
            if windows {
                options += entry.sysmon.map { .logSource(name: "WinEventLog:Sysmon", channel: "EventCode=\($0)", prefix: false) }
                options += entry.windows.map { .logSource(name: $0.name, channel: $0.channel, prefix: false) }
            } else if linux {
                options += entry.sysmon.map { .logSource(name: "linux:Sysmon", channel: "EventCode=\($0)", prefix: false) }
                options += entry.linux.map { .logSource(name: $0, channel: nil, prefix: $0.hasSuffix(":")) }
            } else if product != "macos" {
                return RuleTelemetryNeeds(alternatives: [])
            }
            return RuleTelemetryNeeds(alternatives: [[options]])
        }
        if let service = source.service, let mapped = sigmaServices[service] {
            return RuleTelemetryNeeds(alternatives: [[[.logSource(name: mapped, channel: nil, prefix: mapped.hasSuffix(":"))]]])
        }
        return RuleTelemetryNeeds(alternatives: [])
    }

    struct CategoryEntry {
        var components: [String]
        var sysmon: [Int]
        var windows: [(name: String, channel: String)] = []
        var linux: [String] = []
    }

    /// Sigma categories → data components and Sysmon events, as ATT&CK v18 analytics pair them.
    static let sigmaCategories: [String: CategoryEntry] = [
        "process_creation": CategoryEntry(
            components: ["Process Creation"], sysmon: [1],
            windows: [("WinEventLog:Security", "EventCode=4688")], linux: ["auditd:", "linux:osquery"]),
        "network_connection": CategoryEntry(components: ["Network Connection Creation"], sysmon: [3], linux: ["auditd:"]),
        "dns_query": CategoryEntry(components: ["Network Connection Creation", "Network Traffic Content"], sysmon: [22]),
        "file_event": CategoryEntry(components: ["File Creation"], sysmon: [11], linux: ["auditd:"]),
        "file_change": CategoryEntry(components: ["File Modification"], sysmon: [2]),
        "file_rename": CategoryEntry(components: ["File Modification"], sysmon: []),
        "file_delete": CategoryEntry(components: ["File Deletion"], sysmon: [23, 26]),
        "file_access": CategoryEntry(components: ["File Access"], sysmon: [], windows: [("WinEventLog:Security", "EventCode=4663")]),
        "file_executable_detected": CategoryEntry(components: ["File Creation"], sysmon: [29]),
        "create_stream_hash": CategoryEntry(components: ["File Metadata"], sysmon: [15]),
        "registry_set": CategoryEntry(components: ["Windows Registry Key Modification"], sysmon: [13]),
        "registry_event": CategoryEntry(
            components: ["Windows Registry Key Modification", "Windows Registry Key Creation"], sysmon: [12, 13, 14]),
        "registry_add": CategoryEntry(components: ["Windows Registry Key Creation"], sysmon: [12]),
        "registry_delete": CategoryEntry(components: ["Windows Registry Key Deletion"], sysmon: [12]),
        "registry_rename": CategoryEntry(components: ["Windows Registry Key Modification"], sysmon: [14]),
        "image_load": CategoryEntry(components: ["Module Load"], sysmon: [7]),
        "driver_load": CategoryEntry(components: ["Driver Load"], sysmon: [6]),
        "process_access": CategoryEntry(components: ["Process Access"], sysmon: [10]),
        "process_tampering": CategoryEntry(components: ["Process Access", "Process Modification"], sysmon: [25]),
        "create_remote_thread": CategoryEntry(components: ["Process Modification"], sysmon: [8]),
        "raw_access_thread": CategoryEntry(components: ["Drive Access"], sysmon: [9]),
        "pipe_created": CategoryEntry(components: ["Named Pipe Metadata"], sysmon: [17, 18]),
        "wmi_event": CategoryEntry(components: ["WMI Creation"], sysmon: [19, 20, 21]),
        "sysmon_status": CategoryEntry(components: ["Host Status"], sysmon: [4, 16]),
        "ps_script": CategoryEntry(
            components: ["Script Execution"], sysmon: [], windows: [("WinEventLog:PowerShell", "EventCode=4104")]),
        "ps_module": CategoryEntry(
            components: ["Command Execution"], sysmon: [], windows: [("WinEventLog:PowerShell", "EventCode=4103")]),
        "ps_classic_start": CategoryEntry(
            components: ["Command Execution"], sysmon: [], windows: [("WinEventLog:PowerShell", "EventCode=400")]),
        "ps_classic_provider_start": CategoryEntry(
            components: ["Command Execution"], sysmon: [], windows: [("WinEventLog:PowerShell", "EventCode=600")]),
    ]

    /// Sigma services → ATT&CK log source names (a trailing `:` matches every source of
    /// that family).
    static let sigmaServices: [String: String] = [
        "security": "WinEventLog:Security",
        "system": "WinEventLog:System",
        "application": "WinEventLog:Application",
        "sysmon": "WinEventLog:Sysmon",
        "powershell": "WinEventLog:PowerShell",
        "powershell-classic": "WinEventLog:PowerShell",
        "taskscheduler": "WinEventLog:TaskScheduler",
        "wmi": "WinEventLog:WMI",
        "windefend": "WinEventLog:Microsoft-Windows-Windows Defender/Operational",
        "codeintegrity-operational": "WinEventLog:Microsoft-Windows-CodeIntegrity/Operational",
        "firewall-as": "WinEventLog:Microsoft-Windows-Windows Firewall With Advanced Security/Firewall",
        "applocker": "WinEventLog:AppLocker",
        "auditd": "auditd:",
        "syslog": "linux:syslog",
        "cloudtrail": "AWS:CloudTrail",
        "signinlogs": "azure:signinlogs",
        "auditlogs": "azure:audit",
        "activitylogs": "azure:activity",
        "gcp.audit": "gcp:audit",
        "okta": "saas:okta",
        "github": "saas:github",
        "google_workspace.admin": "saas:googleworkspace",
    ]

    // MARK: Splunk

    static func splunk(_ dataSources: [String]) -> RuleTelemetryNeeds {
        var alternatives: [Alternative] = []
        for source in dataSources {
            var parts: Alternative = []
            for piece in source.components(separatedBy: " AND ") {
                guard let part = splunkPart(piece.trimmingBlanks()) else { return RuleTelemetryNeeds(alternatives: []) }
                parts.append([part])
            }
            if !parts.isEmpty { alternatives.append(parts) }
        }
        return RuleTelemetryNeeds(alternatives: alternatives)
    }

    static func splunkPart(_ source: String) -> Part? {
        let words = source.split(separator: " ").map(String.init)
        let code = words.last.flatMap { Int($0) }
        if source.hasPrefix("Sysmon for Linux EventID "), let code {
            return .logSource(name: "linux:Sysmon", channel: "EventCode=\(code)", prefix: false)
        }
        if source.hasPrefix("Sysmon EventID "), let code {
            return .logSource(name: "WinEventLog:Sysmon", channel: "EventCode=\(code)", prefix: false)
        }
        if source.hasPrefix("Windows Event Log "), words.count == 5, let code {
            return .logSource(name: "WinEventLog:\(words[3])", channel: "EventCode=\(code)", prefix: false)
        }
        if source.hasPrefix("Powershell Script Block Logging") {
            return .logSource(name: "WinEventLog:PowerShell", channel: "EventCode=4104", prefix: false)
        }
        if source.hasPrefix("Linux Auditd ") {
            return .logSource(name: "auditd:", channel: nil, prefix: true)
        }
        if source == "CrowdStrike ProcessRollup2" {
            return .dataComponent("Process Creation")
        }
        return nil
    }
}
