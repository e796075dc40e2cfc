/// Where an analytic's telemetry comes from: a data component, and the log source and channel
/// that carry it (`WinEventLog:Security` / `EventCode=4688`, `sysmon` / `1`, `auditd:SYSCALL`).
public struct LogSourceReference: Sendable, Hashable, Codable {
    /// STIX id of the data component.
    public var dataComponentRef: String
    /// Log source name.
    public var name: String
    /// Channel within the log source (may be empty or free text).
    public var channel: String
}
