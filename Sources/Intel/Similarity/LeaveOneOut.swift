import ATTACK

/// Measures how well a similarity configuration points at the right group.
///
/// For every active campaign attributed to a group, the campaign is removed from the data (its
/// techniques and software count neither in any group profile nor in the document
/// frequencies, and it is not a candidate), its techniques and software are fed as the
/// observation, and the rank of the attributed group among all groups is recorded. A campaign
/// attributed to several groups counts the best-ranked of them. The groups' own `uses`
/// relationships stay: they are separate data, even when they repeat what a campaign did.
///
/// ```swift
/// let result = LeaveOneOut.evaluate(corpus: SimilarityCorpus(kb: kb), options: .default)
/// print(result.first, result.topFive, result.cases.count)   // e.g. 14 19 24
/// ```
public enum LeaveOneOut {
    /// One campaign's outcome.
    public struct Case: Sendable {
        public let campaign: AttackObject
        public let attributed: [AttackObject]
        /// 1-based rank of the best-ranked attributed group.
        public let rank: Int
        /// The group ranked first.
        public let top: AttackObject?
    }

    /// The outcome over all campaigns.
    public struct Result: Sendable, CustomStringConvertible {
        public let options: SimilarityOptions
        public let cases: [Case]
        public var first: Int { cases.filter { $0.rank == 1 }.count }
        public var topFive: Int { cases.filter { $0.rank <= 5 }.count }
        /// Mean reciprocal rank.
        public var mrr: Double { cases.isEmpty ? 0 : cases.reduce(0) { $0 + 1 / Double($1.rank) } / Double(cases.count) }
        public var description: String {
            "\(options): first \(first)/\(cases.count), top-5 \(topFive)/\(cases.count), MRR \(String(format: "%.3f", mrr))"
        }
    }

    /// The campaigns evaluated: active, attributed to at least one active group, with evidence.
    public static func campaigns(_ corpus: SimilarityCorpus) -> [(campaign: Int, groups: [Int])] {
        corpus.campaigns.keys.sorted().compactMap { c in
            let groups = corpus.attributedGroups(ofCampaign: c)
            guard !groups.isEmpty, let e = corpus.campaigns[c], !(e.techniques.isEmpty && e.software.isEmpty) else { return nil }
            return (c, groups)
        }
    }

    /// Runs the evaluation for one configuration.
    public static func evaluate(corpus: SimilarityCorpus, options: SimilarityOptions) -> Result {
        let kb = corpus.kb
        var cases: [Case] = []
        for (c, groups) in campaigns(corpus) {
            let index = SimilarityIndex(corpus: corpus, options: options, candidates: .groups, excludingCampaigns: [c])
            let observed = corpus.campaigns[c] ?? SimilarityCorpus.Evidence()
            let ranked = index.scores(observed)
            let positions = ranked.enumerated().compactMap { pos, entry in
                groups.contains(index.candidates[entry.0].object.index) ? pos + 1 : nil
            }
            cases.append(Case(
                campaign: kb.objects[c], attributed: groups.map { kb.objects[$0] },
                rank: positions.min() ?? index.candidates.count + 1,
                top: ranked.first.map { index.candidates[$0.0].object }))
        }
        return Result(options: options, cases: cases)
    }

    /// The configurations reported: the two baselines of the issue, each ingredient added
    /// alone, the grid over (parent credit, implied weight, γ, completeness) of the IDF cosine,
    /// the grid over (μ, implied weight, completeness) of the likelihood that chose the
    /// default, and the activity and recency priors on the default.
    public static let variants: [SimilarityOptions] = {
        var v: [SimilarityOptions] = [
            .jaccard,
            SimilarityOptions(metric: .jaccard, softwareWeight: 1, parentCredit: 0, impliedWeight: 0, profileNormExponent: 1, completenessExponent: 0),
            SimilarityOptions(metric: .idfCosine, softwareWeight: 0, parentCredit: 0, impliedWeight: 0, profileNormExponent: 1, completenessExponent: 0),
            .idfCosine,
            SimilarityOptions(metric: .idfCosine, softwareWeight: 1, parentCredit: 0.5, impliedWeight: 0, profileNormExponent: 1, completenessExponent: 0),
            SimilarityOptions(metric: .idfCosine, softwareWeight: 1, parentCredit: 0, impliedWeight: 0.25, profileNormExponent: 1, completenessExponent: 0),
            SimilarityOptions(metric: .idfCosine, softwareWeight: 1, parentCredit: 0, impliedWeight: 0, profileNormExponent: 0.5, completenessExponent: 0),
        ]
        for parent in [0.0, 0.5] {
            for implied in [0.0, 0.25, 0.5] {
                for gamma in [1.0, 0.75, 0.5, 0.25] {
                    for alpha in [0.0, 1.0, 2.0] where parent > 0 || alpha == 0 {
                        let o = SimilarityOptions(
                            metric: .idfCosine, softwareWeight: 1, parentCredit: parent, impliedWeight: implied, profileNormExponent: gamma, completenessExponent: alpha)
                        if !v.contains(o) { v.append(o) }
                    }
                }
            }
        }
        for mu in [3.0, 10, 30, 100] {
            for implied in [0.0, 0.25, 0.5] {
                for alpha in [0.0, 1.0, 2.0, 3.0] {
                    let o = SimilarityOptions(impliedWeight: implied, completenessExponent: alpha, smoothing: mu)
                    if !v.contains(o) { v.append(o) }
                }
            }
        }
        // The activity and recency priors, on the default.
        for (activity, halfLife) in [(0.25, 0.0), (0.5, 0.0), (0.0, 2.0), (0.0, 4.0), (0.25, 4.0)] {
            v.append(SimilarityOptions(activityExponent: activity, recencyHalfLife: halfLife))
        }
        return v
    }()
}
