import Coverage

/// Telemetry recommendations in the words of the issue and the report: "Enable Sysmon Event
/// ID 1 (Process Creation) to make 57 blind techniques visible, 12 of them used by your chosen
/// groups (57 after this pick)."
///
/// ```swift
/// RecommendationText.sourceName(pick)   // "Sysmon Event ID 1"
/// RecommendationText.sentence(pick)     // "Enable Sysmon Event ID 1 (Process Creation) to make ..."
/// ```
public enum RecommendationText {
    /// A log source and channel as people say them: `WinEventLog:Sysmon` `EventCode=1` →
    /// "Sysmon Event ID 1"; `WinEventLog:Security` `EventCode=4624, 4648` → "Windows Security
    /// Event IDs 4624, 4648"; others as ATT&CK writes them.
    public static func sourceName(_ pick: TelemetryRecommendations.Recommendation) -> String {
        sourceName(source: pick.source, channel: pick.channel)
    }

    /// See ``sourceName(_:)``.
    public static func sourceName(source: String, channel: String?) -> String {
        let lower = LogSourceName.normalised(source)
        let codes = channel.flatMap(LogSourceName.eventCodes)?.sorted()
        if let codes, !codes.isEmpty {
            let ids = (codes.count == 1 ? "Event ID " : "Event IDs ") + codes.map(String.init).joined(separator: ", ")
            if lower == "wineventlog:sysmon" { return "Sysmon \(ids)" }
            if lower == "linux:sysmon" { return "Sysmon for Linux \(ids)" }
            if lower.hasPrefix("wineventlog:"), let colon = source.firstIndex(of: ":") {
                return "Windows \(source[source.index(after: colon)...]) \(ids)"
            }
            return "\(source) \(ids)"
        }
        guard let channel else { return source }
        return "\(source) (\(channel))"
    }

    /// One sentence in plain words, the detail after: "Process creation logging (Sysmon Event
    /// ID 1) — makes 9 of your adversaries' blind techniques visible, 57 in all (57 after this
    /// step); e.g. Command and Scripting Interpreter: PowerShell." Without groups the count is of
    /// all blind techniques; `examples` names some of the techniques made visible.
    public static func sentence(_ pick: TelemetryRecommendations.Recommendation, withGroups: Bool = true, examples: [String] = []) -> String {
        let detail = sourceName(pick)
        var subject: String
        if let first = pick.dataComponents.first {
            let names = ([first] + pick.dataComponents.dropFirst().map { $0.lowercased() }).joined(separator: " and ")
            subject = sentenceCase(names) + " (\(detail))"
        } else if pick.channel == nil && !pick.source.contains(":") {
            subject = sentenceCase(pick.source)
        } else {
            subject = detail
        }
        let count = pick.newlyVisible.count
        var text = subject + " — makes "
        if withGroups && pick.newlyVisibleInFocus > 0 {
            text += "\(ReportText.count(pick.newlyVisibleInFocus)) of your adversaries' blind techniques visible, \(ReportText.count(count)) in all"
        } else if withGroups {
            text += "\(ReportText.plural(count, "blind technique")) visible, none of them your adversaries'"
        } else {
            text += "\(ReportText.plural(count, "blind technique")) visible"
        }
        text += " (\(ReportText.count(pick.cumulative)) after this step)"
        if !examples.isEmpty { text += "; e.g. " + examples.joined(separator: "; ") }
        return text + "."
    }

    /// "Process Creation" → "Process creation logging"; names that already say "log" get no suffix.
    static func sentenceCase(_ name: String) -> String {
        let text = name.prefix(1).uppercased() + name.dropFirst().lowercased()
        return text.contains("log") ? text : text + " logging"
    }
}
