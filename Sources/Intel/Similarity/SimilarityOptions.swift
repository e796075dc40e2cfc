/// How ``SimilarityIndex`` weighs evidence when it compares what was observed with the
/// profiles of groups (or campaigns).
///
/// Each profile and the observation become weighted feature vectors: one feature per technique
/// and per piece of software, with the strength of the evidence (1 for a technique or software
/// seen, ``parentCredit`` for the parent of a sub-technique seen, ``impliedWeight`` for a
/// technique the software used is known to implement).
///
/// The default metric, ``Metric/likelihood``, asks how likely each group's profile makes the
/// observation, smoothed towards how common each feature is over all profiles: a rare shared
/// technique or software weighs much more than a common one, and a broad profile is not
/// penalised for what the observation does not show. ``Metric/idfCosine`` (the TF-IDF
/// baseline, and the previous default with γ and completeness) weighs features by inverse
/// document frequency.
///
/// ```swift
/// let options = SimilarityOptions.default            // the measured best (see README)
/// let plainCosine = SimilarityOptions.idfCosine
/// ```
public struct SimilarityOptions: Sendable, Hashable, CustomStringConvertible {
    /// How two vectors are compared.
    public enum Metric: String, Sendable, Hashable {
        /// |A ∩ B| / |A ∪ B| over the explicit features, unweighted (the baseline).
        case jaccard
        /// Σ idf²·a·b / (‖a‖·‖b‖^γ): cosine when ``SimilarityOptions/profileNormExponent`` is 1.
        case idfCosine
        /// How likely the profile makes the observation, smoothed towards how common each
        /// feature is (Dirichlet, ``SimilarityOptions/smoothing``): Σ q·log(1 + p/(μ·P(f))) + |q|·log(μ/(|p| + μ)).
        case likelihood
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
    /// β in the activity prior (1 + techniques + software of the profile)^β: a group ATT&CK
    /// records much about is more likely behind the next campaign. 0 leaves it out.
    public var activityExponent: Double
    /// The recency prior's half-life in years: a group whose record last changed this long
    /// before the release's latest group change counts half. 0 leaves it out.
    public var recencyHalfLife: Double
    /// μ of the ``Metric/likelihood`` metric, in units of feature strength: how far each
    /// profile is smoothed towards the features' overall frequency.
    public var smoothing: Double

    public init(
        metric: Metric = .likelihood, softwareWeight: Double = 1, parentCredit: Double = 0.5,
        impliedWeight: Double = 0.25, profileNormExponent: Double = 0.5, completenessExponent: Double = 1,
        activityExponent: Double = 0, recencyHalfLife: Double = 0, smoothing: Double = 10
    ) {
        self.metric = metric
        self.softwareWeight = softwareWeight
        self.parentCredit = parentCredit
        self.impliedWeight = impliedWeight
        self.profileNormExponent = profileNormExponent
        self.completenessExponent = completenessExponent
        self.activityExponent = activityExponent
        self.recencyHalfLife = recencyHalfLife
        self.smoothing = smoothing
    }

    /// The configuration ttpkit uses (chosen by the documented leave-one-out and out-of-time
    /// measurements): the likelihood with μ 10, parent credit 0.5, implied 0.25, × completeness.
    public static let `default` = SimilarityOptions()

    /// The previous default: IDF cosine with γ 0.5, parent credit 0.5, implied 0.25, ×
    /// completeness.
    public static let previous = SimilarityOptions(metric: .idfCosine)

    /// The issue's first baseline: Jaccard over techniques only.
    public static let jaccard = SimilarityOptions(
        metric: .jaccard, softwareWeight: 0, parentCredit: 0, impliedWeight: 0, profileNormExponent: 1, completenessExponent: 0)

    /// The issue's second baseline: IDF-weighted cosine over techniques and software.
    public static let idfCosine = SimilarityOptions(
        metric: .idfCosine, softwareWeight: 1, parentCredit: 0, impliedWeight: 0, profileNormExponent: 1, completenessExponent: 0)

    public var description: String {
        switch metric {
        case .jaccard: return "jaccard(techniques\(softwareWeight > 0 ? "+software" : ""))"
        case .likelihood:
            return "likelihood(μ \(fmt(smoothing)), software \(fmt(softwareWeight)), parent \(fmt(parentCredit)), implied \(fmt(impliedWeight))"
                + (completenessExponent > 0 ? ", completeness^\(fmt(completenessExponent))" : "")
                + (activityExponent > 0 ? ", activity^\(fmt(activityExponent))" : "")
                + (recencyHalfLife > 0 ? ", recency half-life \(fmt(recencyHalfLife)) y" : "") + ")"
        case .idfCosine:
            return "idf-cosine(software \(fmt(softwareWeight)), parent \(fmt(parentCredit)), implied \(fmt(impliedWeight)), γ \(fmt(profileNormExponent))"
                + (completenessExponent > 0 ? ", completeness^\(fmt(completenessExponent))" : "")
                + (activityExponent > 0 ? ", activity^\(fmt(activityExponent))" : "")
                + (recencyHalfLife > 0 ? ", recency half-life \(fmt(recencyHalfLife)) y" : "") + ")"
        }
    }

    private func fmt(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.2g", x)
    }
}
