import Foundation
import Yams

/// The telemetry an organisation collects, read from a YAML inventory file.
///
/// ## The file
///
/// A mapping with a `sources` list (a bare top-level list is accepted too). Each entry names
/// either a **data component** or a **log source** as ATT&CK v18 analytics name them in
/// `x_mitre_log_source_references`:
///
/// ```yaml
/// version: 1
/// sources:
///   # A data component, by ID or by name.
///   - data_component: DC0032
///     platforms: [Windows, Linux]
///     comment: EDR process events
///   - data_component: Network Connection Creation
///
///   # A log source and channel, written as ATT&CK v18 analytics write them.
///   - name: WinEventLog:Security
///     channel: EventCode=4688
///   - name: sysmon            # shorthand for WinEventLog:Sysmon
///     channel: 1              # shorthand for EventCode=1; "EventCode=3, 22" lists several
///   - name: auditd:SYSCALL    # no channel: every channel of this log source
///     platform: Linux
///
///   # Plain strings work too: a DCnnnn ID, a log source name with a colon, or a
///   # data component name.
///   - DC0067
///   - AWS:CloudTrail
/// ```
///
/// Keys of an entry: `data_component` (or `dc`, `component`), `name` (or `log_source`),
/// `channel`, `platform` / `platforms`, `comment`. Unknown keys are warnings; an entry with
/// neither a data component nor a name, or with both, is an error. Each entry keeps its line,
/// so later checks (an unknown data component, a log source no analytic names) can point at it.
///
/// Whether a data component or log source exists is not checked here: that needs the loaded
/// ATT&CK release.
public struct TelemetryInventory: Sendable, Hashable {
    /// The file the inventory was read from.
    public var path: String
    /// The collected sources, in file order.
    public var sources: [TelemetrySource]
    /// Problems met while reading; errors dropped an entry, warnings dropped a key.
    public var issues: [RuleIssue] = []

    /// Reads an inventory file. A file that cannot be read is an inventory with no sources and
    /// one error.
    public static func load(path: String) -> TelemetryInventory {
        guard let data = FileManager.default.contents(atPath: path) else {
            return TelemetryInventory(path: path, sources: [], issues: [RuleIssue(path: path, reason: "cannot read telemetry file")])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return TelemetryInventory(path: path, sources: [], issues: [RuleIssue(path: path, reason: "telemetry file is not UTF-8 text")])
        }
        return parse(text: text, path: path)
    }

    /// Parses the text of an inventory file.
    public static func parse(text: String, path: String) -> TelemetryInventory {
        var inventory = TelemetryInventory(path: path, sources: [])
        let document: Node?
        do { document = try YAMLSupport.firstDocument(text, path: path) } catch {
            inventory.issues.append(error)
            return inventory
        }
        guard let root = document else {
            inventory.issues.append(RuleIssue(path: path, line: 1, reason: "telemetry file is empty"))
            return inventory
        }
        let list: Node
        if case .sequence = root {
            list = root
        } else if let sources = root.value("sources") {
            list = sources
        } else {
            inventory.issues.append(RuleIssue(path: path, line: root.line, reason: "telemetry file has no 'sources' list"))
            return inventory
        }
        guard case .sequence(let entries) = list else {
            inventory.issues.append(RuleIssue(path: path, line: list.line, reason: "'sources' is not a list"))
            return inventory
        }
        for entry in entries {
            if let source = TelemetrySource(node: entry, path: path, issues: &inventory.issues) {
                inventory.sources.append(source)
            }
        }
        return inventory
    }

    /// The entries naming data components.
    public var dataComponents: [TelemetrySource] { sources.filter { $0.dataComponent != nil } }

    /// The entries naming log sources.
    public var logSources: [TelemetrySource] { sources.filter { $0.logSourceName != nil } }

    /// True when some log-source entry covers `name` / `channel` as an analytic writes them.
    public func collects(logSource name: String, channel: String?) -> Bool {
        sources.contains { $0.matches(logSource: name, channel: channel) }
    }
}

/// One collected source in a `TelemetryInventory`.
public struct TelemetrySource: Sendable, Hashable, Codable {
    /// What is collected.
    public enum Kind: Sendable, Hashable, Codable {
        /// A data component, by ID (`DC0032`) or name (`Process Creation`) as written.
        case dataComponent(String)
        /// A log source (`WinEventLog:Security`) and optional channel (`EventCode=4688`); no
        /// channel means every channel.
        case logSource(name: String, channel: String?)
    }

    /// What is collected.
    public var kind: Kind
    /// Platforms the entry is limited to, as written (empty: all).
    public var platforms: [String] = []
    /// A free-text note.
    public var comment: String?
    /// The 1-based line of the entry.
    public var line: Int

    /// The entry as people read it: `Process Creation`, `WinEventLog:Sysmon EventCode=1`.
    public var label: String {
        switch kind {
        case .dataComponent(let name): return name
        case let .logSource(name, channel): return channel.map { "\(name) \($0)" } ?? name
        }
    }

    /// The data component ID or name, for data-component entries.
    public var dataComponent: String? {
        if case .dataComponent(let value) = kind { return value }
        return nil
    }

    /// The log source name, for log-source entries.
    public var logSourceName: String? {
        if case .logSource(let name, _) = kind { return name }
        return nil
    }

    /// True when this entry collects the log source `name` / `channel` as an ATT&CK analytic
    /// names them. Names compare without case (`sysmon` stands for `WinEventLog:Sysmon`); an
    /// entry without a channel matches every channel; `EventCode=` channels match when they
    /// share an event code (`1` matches `EventCode=1`, `EventCode=3` matches
    /// `EventCode=3, 22`); other channels compare as text without case.
    public func matches(logSource name: String, channel: String?) -> Bool {
        guard case .logSource(let ownName, let ownChannel) = kind else { return false }
        guard LogSourceName.normalised(ownName) == LogSourceName.normalised(name) else { return false }
        guard let ownChannel = LogSourceName.meaningfulChannel(ownChannel) else { return true }
        guard let channel = LogSourceName.meaningfulChannel(channel) else { return false }
        return LogSourceName.channelsOverlap(ownChannel, channel)
    }

}

extension TelemetrySource {
    private static let knownKeys: Set<String> = [
        "data_component", "dc", "component", "name", "log_source", "channel", "platform", "platforms", "comment",
    ]

    init?(node: Node, path: String, issues: inout [RuleIssue]) {
        let line = node.line ?? 1
        self.line = line
        platforms = []
        if case .scalar = node {
            guard let text = node.text else { return nil }
            if ATTACKIdentifiers.objectID(text, prefix: "DC") != nil || !text.contains(":") {
                kind = .dataComponent(ATTACKIdentifiers.objectID(text, prefix: "DC") ?? text)
            } else {
                kind = .logSource(name: text, channel: nil)
            }
            return
        }
        guard case .mapping(let mapping) = node else {
            issues.append(RuleIssue(path: path, line: line, reason: "telemetry entry is not a mapping or a string"))
            return nil
        }
        for pair in mapping {
            let key = pair.key.scalar?.string ?? ""
            if !Self.knownKeys.contains(key) {
                issues.append(RuleIssue(
                    path: path, line: pair.key.line ?? line,
                    reason: "unknown key '\(key)' in telemetry entry (expected data_component, name, channel, platforms, comment); ignored",
                    severity: .warning))
            }
        }
        let component = node.text("data_component") ?? node.text("dc") ?? node.text("component")
        let name = node.text("name") ?? node.text("log_source")
        switch (component, name) {
        case let (component?, nil):
            kind = .dataComponent(ATTACKIdentifiers.objectID(component, prefix: "DC") ?? component)
            if node.value("channel") != nil {
                issues.append(RuleIssue(path: path, line: line, reason: "channel is ignored for a data component entry", severity: .warning))
            }
        case let (nil, name?):
            kind = .logSource(name: name, channel: node.text("channel"))
        case (.some, .some):
            issues.append(RuleIssue(path: path, line: line, reason: "telemetry entry names both a data component and a log source; write two entries"))
            return nil
        case (nil, nil):
            issues.append(RuleIssue(path: path, line: line, reason: "telemetry entry has neither data_component nor name"))
            return nil
        }
        platforms = node.strings("platforms", path: path, strict: false, issues: &issues)
            + node.strings("platform", path: path, strict: false, issues: &issues)
        comment = node.text("comment")
    }
}

/// How log source names and channels are compared.
public enum LogSourceName {
    /// Shorthands accepted for ATT&CK's log source names (lower-cased).
    public static let aliases: [String: String] = [
        "sysmon": "winEventLog:Sysmon",
        "winEventLog:microsoft-windows-sysmon/operational": "winEventLog:Sysmon",
        "security": "winEventLog:Security",
        "powershell": "winEventLog:PowerShell",
    ]

    /// The name lower-cased with shorthands expanded, for comparison.
    public static func normalised(_ name: String) -> String {
        let lower = name.trimmingBlanks().lowercased()
        for (alias, full) in aliases where alias.lowercased() == lower { return full.lowercased() }
        return lower
    }

    /// The channel of an ATT&CK log source reference, or nil when it names none (empty,
    /// `None`, `N/A` — all of which occur in the data).
    public static func meaningfulChannel(_ channel: String?) -> String? {
        guard let channel else { return nil }
        let trimmed = channel.trimmingBlanks()
        switch trimmed.lowercased() {
        case "", "none", "n/a", "na", "-": return nil
        default: return trimmed
        }
    }

    /// The event codes of an `EventCode=4624, 4648` channel (a bare `1` counts), or nil when
    /// the channel is free text.
    public static func eventCodes(_ channel: String) -> Set<Int>? {
        let text = channel.trimmingBlanks().lowercased()
        let bare = text.split(whereSeparator: { $0 == "," || $0 == " " }).allSatisfy { Int($0) != nil }
        guard text.hasPrefix("eventcode") || (bare && !text.isEmpty) else { return nil }
        var codes = Set<Int>()
        var digits = ""
        for character in text + " " {
            if character.isASCII && character.isNumber {
                digits.append(character)
            } else if !digits.isEmpty {
                if let code = Int(digits) { codes.insert(code) }
                digits = ""
            }
        }
        return codes.isEmpty ? nil : codes
    }

    /// True when two channels name a common event code, or are the same text (without case
    /// and extra blanks).
    public static func channelsOverlap(_ lhs: String, _ rhs: String) -> Bool {
        if let left = eventCodes(lhs), let right = eventCodes(rhs) { return !left.isDisjoint(with: right) }
        func folded(_ text: String) -> String {
            text.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        return folded(lhs) == folded(rhs)
    }
}
