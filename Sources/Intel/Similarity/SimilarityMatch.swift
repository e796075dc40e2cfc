import ATTACK
import Foundation

/// One ranked candidate: a group (or campaign), how well it matches, and why.
public struct SimilarityMatch: Sendable {
    /// A technique of the candidate that was not observed, with how characteristic it is.
    public struct Expected: Sendable {
        public let technique: AttackObject
        /// The technique's inverse document frequency over the candidates: rare is high.
        public let weight: Double
    }

    public let object: AttackObject
    /// The ranking score (the smoothed likelihood × completeness by default; see
    /// ``SimilarityOptions/Metric``).
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
    /// The IDF-weighted share of the observation the candidate explains, in [0, 1]
    /// (exact matches count fully, family matches by the parent credit).
    public let completeness: Double
    /// The shared techniques and software that give the score, largest first, each with its
    /// rarity and its share of the score (see ``SimilarityContribution``).
    public let contributions: [SimilarityContribution]

    /// The few contributions that drive the rank, in one short line for a table:
    /// `S0154 31%, T1574.001 12%, T1070.004 9%` (shares of the score; `~` marks a parent or
    /// implied technique, not an exact match).
    public func why(limit: Int = 3) -> String {
        guard score > 0 else { return "" }
        return contributions.prefix(limit).map { c in
            let mark = c.match == .parent || c.match == .implied ? "~" : ""
            return "\(mark)\(c.object.attackID) \(String(format: "%.0f%%", c.weight / score * 100))"
        }.joined(separator: ", ")
    }

    /// Why the candidate scores what it does, in one line:
    /// `3 of 4 observed exact, 1 only by parent technique, 1 of 1 software; profile 57 techniques, 12 software`.
    public func explanation(observedTechniques: Int, observedSoftware: Int) -> String {
        var parts = ["\(sharedTechniques.count) of \(observedTechniques) techniques exact"]
        if !partialTechniques.isEmpty { parts.append("\(partialTechniques.count) only by parent or sibling") }
        if observedSoftware > 0 { parts.append("\(sharedSoftware.count) of \(observedSoftware) software") }
        parts.append(String(format: "explains %.0f%%", completeness * 100))
        return parts.joined(separator: ", ") + "; profile \(profileTechniqueCount) techniques, \(profileSoftwareCount) software"
    }
}
