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

    /// One sentence; `withGroups` adds how many of the techniques the chosen groups use. Log
    /// sources with a channel or a `family:name` are "enabled"; other sources (ATT&CK names
    /// some plainly, like `Network Traffic`) and pre-v18 data components are "collected".
    public static func sentence(_ pick: TelemetryRecommendations.Recommendation, withGroups: Bool = true) -> String {
        let components = pick.dataComponents.isEmpty ? "" : " (\(pick.dataComponents.joined(separator: ", ")))"
        let subject: String
        if pick.channel != nil || pick.source.contains(":") {
            subject = "Enable \(sourceName(pick))" + components
        } else {
            subject = "Collect \(pick.source) data" + components
        }
        let count = pick.newlyVisible.count
        var text = "\(subject) to make \(ReportText.count(count)) blind technique\(count == 1 ? "" : "s") visible"
        if withGroups {
            text += ", \(ReportText.count(pick.newlyVisibleInFocus)) of them used by your chosen groups"
        }
        return text + " (\(ReportText.count(pick.cumulative)) after this pick)."
    }
}
