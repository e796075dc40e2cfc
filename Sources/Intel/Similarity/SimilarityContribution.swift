import ATTACK
import Foundation

/// One piece of shared evidence behind a match, and how much of the score it gives.
///
/// Both scores rest on a sum over shared features (the likelihood's
/// `Σ q·log(1 + p/(μ·P(f)))`, the IDF cosine's `q·p`), so each feature's term, scaled to the
/// final score, is its contribution: the contributions of a match add up to its score. A rare technique or piece of software shared with the observation gives
/// much more than a common one.
///
/// ```swift
/// for c in match.contributions.prefix(3) { print(c.object.attackID, c.match, c.weight) }
/// // S0154 software 0.21, T1574.001 exact 0.08, T1574 parent 0.01
/// ```
public struct SimilarityContribution: Sendable, Hashable {
    /// How the shared feature links the observation and the profile.
    public enum Match: String, Sendable, Hashable {
        /// A technique observed and in the profile.
        case exact
        /// A parent technique: an observed sub-technique backed off to its parent, which the
        /// profile holds or reaches through one of its sub-techniques.
        case parent
        /// A technique reached through software (the observed software's own techniques, or
        /// those of the profile's software), not observed and not in the profile as such.
        case implied
        /// A piece of software observed and used by the candidate.
        case software
    }

    /// The shared technique or software.
    public let object: AttackObject
    public let match: Match
    /// The feature's inverse document frequency over the candidates (`log(1 + N/df)`): rare is high.
    public let idf: Double
    /// Its share of the match's score, in score units (a match's contributions add up to its score).
    public let weight: Double
}

extension SimilarityIndex {
    /// The shared features behind a candidate's score, largest first (ties by ATT&CK ID).
    func contributions(of c: Candidate, observed: SimilarityCorpus.Evidence, score: Double) -> [SimilarityContribution] {
        let kb = corpus.kb
        var terms: [(Int, SimilarityContribution.Match, Double)] = []
        switch options.metric {
        case .jaccard:
            var shared = c.evidence.techniques.intersection(observed.techniques).map { ($0, SimilarityContribution.Match.exact) }
            if options.softwareWeight > 0 {
                shared += c.evidence.software.intersection(observed.software).map { ($0, .software) }
            }
            terms = shared.map { ($0.0, $0.1, 1.0) }
        case .idfCosine, .likelihood:
            let q = Self.rawWeights(observed, corpus: corpus, options: options)
            for (f, v) in q {
                guard let w = c.weights[f] else { continue }
                let idf = weight(of: f)
                let kind: SimilarityContribution.Match
                if kb.objects[f].kind == .software {
                    kind = .software
                } else if observed.techniques.contains(f) && c.evidence.techniques.contains(f) {
                    kind = .exact
                } else if corpus.isParent(f, ofAnyIn: observed.techniques) || corpus.isParent(f, ofAnyIn: c.evidence.techniques) {
                    kind = .parent
                } else {
                    kind = .implied
                }
                terms.append((f, kind, options.metric == .likelihood ? v * likelihoodTerm(f, w) : v * w * idf * idf))
            }
        }
        let total = terms.reduce(0) { $0 + $1.2 }
        guard total > 0 else { return [] }
        return terms.map { f, kind, term in
            SimilarityContribution(object: kb.objects[f], match: kind, idf: weight(of: f), weight: score * term / total)
        }.sorted { a, b in a.weight != b.weight ? a.weight > b.weight : a.object.sortRank < b.object.sortRank }
    }
}

extension SimilarityCorpus {
    /// Whether technique `parent` is the parent of one of `techniques`.
    func isParent(_ parent: Int, ofAnyIn techniques: Set<Int>) -> Bool {
        techniques.contains { parentOf[$0] == parent }
    }
}
