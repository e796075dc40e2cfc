/// How ``SimilarityIndex`` weighs evidence when it compares what was observed with the
/// profiles of groups (or campaigns).
///
/// Each profile and the observation become weighted feature vectors: one feature per technique
/// and per piece of software. A feature's weight is its inverse document frequency over the
/// candidate profiles (rare techniques and software count more), times the strength of the
/// evidence (1 for a technique seen, ``parentCredit`` for the parent of a sub-technique seen,
/// ``impliedWeight`` for a technique the software used is known to implement).
///
/// ```swift
/// let options = SimilarityOptions.default            // the measured best (see README)
/// let plainCosine = SimilarityOptions(parentCredit: 0, impliedWeight: 0, profileNormExponent: 1, completenessExponent: 0)
/// ```
public struct SimilarityOptions: Sendable, Hashable, CustomStringConvertible {
    /// How two vectors are compared.
    public enum Metric: String, Sendable, Hashable {
        /// |A ∩ B| / |A ∪ B| over the explicit features, unweighted (the baseline).
        case jaccard
        /// Σ idf²·a·b / (‖a‖·‖b‖^γ): cosine when ``SimilarityOptions/profileNormExponent`` is 1.
        case idfCosine
    }

    public var metric: Metric
    /// Weight of software features relative to techniques; 0 leaves software out.
    public var softwareWeight: Double
    /// A sub-technique also adds its parent with this strength (0: none).
    public var parentCredit: Double
    /// Software also adds the techniques it implements (from its own `uses`) with this strength.
    public var impliedWeight: Double
    /// γ in the profile norm ‖p‖^γ; 1 is the cosine, lower values favour broad profiles.
    public var profileNormExponent: Double
    /// α in score × completeness^α, where completeness is the IDF-weighted share of the
    /// observation the profile explains (1 for each exact technique or software, ``parentCredit``
    /// for a technique only its family explains). 0 leaves it out; higher values rank a group
    /// that explains everything observed exactly above one that explains it only by parents.
    public var completenessExponent: Double

    public init(
        metric: Metric = .idfCosine, softwareWeight: Double = 1, parentCredit: Double = 0.5,
        impliedWeight: Double = 0.25, profileNormExponent: Double = 0.5, completenessExponent: Double = 1
    ) {
        self.metric = metric
        self.softwareWeight = softwareWeight
        self.parentCredit = parentCredit
        self.impliedWeight = impliedWeight
        self.profileNormExponent = profileNormExponent
        self.completenessExponent = completenessExponent
    }

    /// The configuration ttpkit uses (chosen by the documented leave-one-out search).
    public static let `default` = SimilarityOptions()

    /// The issue's first baseline: Jaccard over techniques only.
    public static let jaccard = SimilarityOptions(
        metric: .jaccard, softwareWeight: 0, parentCredit: 0, impliedWeight: 0, profileNormExponent: 1, completenessExponent: 0)

    /// The issue's second baseline: IDF-weighted cosine over techniques and software.
    public static let idfCosine = SimilarityOptions(
        metric: .idfCosine, softwareWeight: 1, parentCredit: 0, impliedWeight: 0, profileNormExponent: 1, completenessExponent: 0)

    public var description: String {
        switch metric {
        case .jaccard: return "jaccard(techniques\(softwareWeight > 0 ? "+software" : ""))"
        case .idfCosine:
            return "idf-cosine(software \(fmt(softwareWeight)), parent \(fmt(parentCredit)), implied \(fmt(impliedWeight)), γ \(fmt(profileNormExponent))"
                + (completenessExponent > 0 ? ", completeness^\(fmt(completenessExponent)))" : ")")
        }
    }

    private func fmt(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.2g", x)
    }
}
