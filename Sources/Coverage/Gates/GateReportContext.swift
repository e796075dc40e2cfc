/// What the SARIF and JUnit reports need beyond the gate result.
public struct GateReportContext: Sendable, Hashable {
    /// The ttpkit version written as the tool version.
    public var toolVersion: String
    /// The file or folder a finding points at when no rule, targets line or waiver is involved
    /// (the rules folder, or the coverage file), as a path on this machine.
    public var defaultArtifact: String
    /// The ATT&CK release the coverage was computed on.
    public var release: String?
    /// The repository root artifact URIs are relative to.
    public var root: SARIFRoot

    /// Creates a context; the root defaults to the current folder.
    public init(toolVersion: String = "0.1.0", defaultArtifact: String = ".", release: String? = nil, root: SARIFRoot? = nil) {
        self.toolVersion = toolVersion
        self.defaultArtifact = defaultArtifact
        self.release = release
        self.root = root ?? SARIFRoot.locate(rules: nil)
    }
}
