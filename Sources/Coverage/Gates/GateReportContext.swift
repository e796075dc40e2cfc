/// What the SARIF and JUnit reports need beyond the gate result.
public struct GateReportContext: Sendable, Hashable {
    /// The ttpkit version written as the tool version.
    public var toolVersion: String
    /// The artifact a finding points at when no rule or targets line is involved (the rules
    /// folder, or the coverage file), relative to the repository root for GitHub.
    public var defaultArtifact: String
    /// The ATT&CK release the coverage was computed on.
    public var release: String?

    /// Creates a context.
    public init(toolVersion: String = "0.1.0", defaultArtifact: String = ".", release: String? = nil) {
        self.toolVersion = toolVersion
        self.defaultArtifact = defaultArtifact
        self.release = release
    }
}
