import ATTACK

/// One ranked candidate: a group (or campaign), how well it matches, and why.
public struct SimilarityMatch: Sendable {
    /// A technique of the candidate that was not observed, with how characteristic it is.
    public struct Expected: Sendable {
        public let technique: AttackObject
        /// The technique's inverse document frequency over the candidates: rare is high.
        public let weight: Double
    }

    public let object: AttackObject
    /// The ranking score (the IDF cosine with the tempered profile norm; Jaccard for that metric).
    public let score: Double
    /// The plain IDF cosine in [0, 1], for reading.
    public let cosine: Double
    /// Observed techniques the candidate is known to use.
    public let sharedTechniques: [AttackObject]
    /// Observed sub-techniques whose parent or a sibling the candidate uses (partial credit).
    public let partialTechniques: [AttackObject]
    /// Observed software the candidate is known to use.
    public let sharedSoftware: [AttackObject]
    /// The candidate's techniques not observed, most characteristic first: what to hunt for next.
    public let expectedNext: [Expected]
    public let profileTechniqueCount: Int
    public let profileSoftwareCount: Int
}
