/// What a user can set on a generated layer (the `ttpkit layer ...` options).
///
/// ```swift
/// var options = GeneratorOptions()
/// options.platforms = ["Windows"]; options.tactic = "execution"; options.score = 5
/// let layer = try LayerGenerator(kb: kb).group("APT29", options: options).layer
/// ```
public struct GeneratorOptions: Sendable, Hashable {
    /// Score of every annotated technique (usage layers); `nil`: 1, or the count for overlaps.
    public var score: Double?
    /// Explicit colour of every annotated technique (`#rrggbb`); `nil`: coloured by score.
    public var color: String?
    /// Layer name; `nil`: derived from the subject ("APT29 (G0016)").
    public var name: String?
    /// Layer description; `nil`: derived from the subject and the data.
    public var description: String?
    /// Keep only techniques on one of these platforms (names as the bundle spells them, any
    /// case); also written to `filters.platforms`. `nil`: every platform of the release.
    public var platforms: [String]?
    /// Annotate techniques only under this tactic (shortname or name); `nil`: under each of
    /// the technique's tactics.
    public var tactic: String?
    /// Groups: add the techniques of the software the group uses (MITRE's view excludes them).
    public var viaSoftware: Bool
    /// Groups: include the techniques of campaigns attributed to the group (MITRE's view).
    public var viaCampaigns: Bool
    /// Longest comment, in characters; longer procedure text is cut at a sentence end.
    public var maxCommentLength: Int

    public init(
        score: Double? = nil, color: String? = nil, name: String? = nil, description: String? = nil,
        platforms: [String]? = nil, tactic: String? = nil, viaSoftware: Bool = false, viaCampaigns: Bool = true,
        maxCommentLength: Int = 600
    ) {
        self.score = score
        self.color = color
        self.name = name
        self.description = description
        self.platforms = platforms
        self.tactic = tactic
        self.viaSoftware = viaSoftware
        self.viaCampaigns = viaCampaigns
        self.maxCommentLength = maxCommentLength
    }
}

/// A generated layer with notes for the user (a revoked ID followed to its replacement,
/// techniques left out by a filter...). Notes are not errors; the CLI prints them on stderr.
public struct GeneratedLayer: Sendable {
    public var layer: Layer
    public var notes: [String]

    public init(layer: Layer, notes: [String] = []) {
        self.layer = layer
        self.notes = notes
    }
}
