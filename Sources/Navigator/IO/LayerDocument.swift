/// The layers read from one file, with what was upgraded and the format problems the
/// lenient reader stepped over.
public struct LayerDocument: Sendable {
    /// The file name or label used in messages.
    public var source: String
    public var layers: [Layer]
    /// True when the file held a JSON array of layers.
    public var isArray: Bool
    /// Changes made to bring older layers to 4.5 (`version 3.0 → versions.layer 4.5`...).
    public var upgrades: [LayerUpgrade]
    /// Non-fatal format problems (bad colours, unknown enum values...), kept for the validator.
    public var findings: [LayerFinding]

    public init(source: String, layers: [Layer], isArray: Bool = false, upgrades: [LayerUpgrade] = [], findings: [LayerFinding] = []) {
        self.source = source
        self.layers = layers
        self.isArray = isArray
        self.upgrades = upgrades
        self.findings = findings
    }

    /// The only layer of a single-layer file, else the first.
    public var layer: Layer? { layers.first }
}
