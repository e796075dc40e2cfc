import ATTACK
import Foundation

/// Ranks groups (and, on request, campaigns) by how much their techniques and software
/// resemble what was observed. Build it once per knowledge base; ranking is a few
/// milliseconds.
///
/// ```swift
/// let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb))
/// let observed = SimilarityCorpus.Evidence(techniques: [t1059001.index, t1003006.index])
/// for m in index.rank(observed, top: 5) { print(m.object.label, m.score) }
/// // G0016 APT29 0.41 ...
/// ```
///
/// A high score is a lead, not an attribution: many groups share tooling and tradecraft, and
/// ATT&CK records only what was published about them.
public struct SimilarityIndex: Sendable {
    /// Which objects are ranked.
    public enum Candidates: Sendable, Hashable {
        case groups
        case groupsAndCampaigns
    }

    struct Candidate: Sendable {
        let object: AttackObject
        let evidence: SimilarityCorpus.Evidence
        let weights: [Int: Double]
        let norm: Double
        /// The activity and recency prior (1 when both are off).
        let prior: Double
        /// The sum of the profile's feature strengths.
        let mass: Double
    }

    public let corpus: SimilarityCorpus
    public let options: SimilarityOptions
    let candidates: [Candidate]
    let idf: [Int: Double]
    let unseenIDF: Double
    /// Each feature's share of all profiles' feature strength (the likelihood's background).
    let background: [Int: Double]
    let unseenBackground: Double

    /// - Parameter excludedCampaigns: campaign object indexes removed from the data: they add
    ///   nothing to any group profile, are not candidates, and do not count in document frequencies.
    public init(
        corpus: SimilarityCorpus, options: SimilarityOptions = .default, candidates kind: Candidates = .groups,
        excludingCampaigns excludedCampaigns: Set<Int> = []
    ) {
        self.corpus = corpus
        self.options = options
        let recency = options.recencyHalfLife > 0
        var raw: [(AttackObject, SimilarityCorpus.Evidence, Int)] = corpus.groups.map {
            ($0.group, corpus.evidence(of: $0, excluding: excludedCampaigns), recency ? corpus.lastRecorded($0) : 0)
        }
        if kind == .groupsAndCampaigns {
            for (c, e) in corpus.campaigns.sorted(by: { $0.key < $1.key }) where !excludedCampaigns.contains(c) {
                raw.append((corpus.kb.objects[c], e, recency ? SimilarityCorpus.day(corpus.kb.objects[c].modified) : 0))
            }
        }
        let latest = raw.map(\.2).max() ?? 0
        let weighted = raw.map { o, e, last in
            var prior = 1.0
            if options.activityExponent > 0 { prior *= pow(Double(1 + e.techniques.count + e.software.count), options.activityExponent) }
            if recency { prior *= pow(0.5, Double(latest - last) / 365.25 / options.recencyHalfLife) }
            return (object: o, evidence: e, weights: Self.rawWeights(e, corpus: corpus, options: options), prior: prior)
        }
        var df: [Int: Int] = [:]
        for c in weighted { for f in c.weights.keys { df[f, default: 0] += 1 } }
        let n = Double(max(1, weighted.count))
        idf = df.mapValues { log(1 + n / Double($0)) }
        unseenIDF = log(1 + n)
        var mass: [Int: Double] = [:]
        for c in weighted { for (f, v) in c.weights { mass[f, default: 0] += v } }
        let totalMass = max(1, mass.values.reduce(0, +))
        background = mass.mapValues { $0 / totalMass }
        unseenBackground = 0.5 / totalMass
        let idf = self.idf
        candidates = weighted.map { c in
            let norm = sqrt(c.weights.reduce(0) { acc, kv in let v = kv.value * (idf[kv.key] ?? 0); return acc + v * v })
            return Candidate(
                object: c.object, evidence: c.evidence, weights: c.weights, norm: norm, prior: c.prior,
                mass: c.weights.values.reduce(0, +))
        }
    }

    /// Feature strengths before IDF: 1 for what was seen, less for parents and implied techniques.
    static func rawWeights(_ e: SimilarityCorpus.Evidence, corpus: SimilarityCorpus, options: SimilarityOptions) -> [Int: Double] {
        var w: [Int: Double] = [:]
        func put(_ f: Int, _ x: Double) {
            guard x > 0 else { return }
            if x > (w[f] ?? 0) { w[f] = x }
        }
        func technique(_ t: Int, _ x: Double) {
            put(t, x)
            if let p = corpus.parentOf[t] { put(p, x * options.parentCredit) }
        }
        for t in e.techniques { technique(t, 1) }
        for s in e.software {
            put(s, options.softwareWeight)
            if options.impliedWeight > 0 {
                for t in corpus.softwareTechniques[s] ?? [] { technique(t, options.impliedWeight) }
            }
        }
        return w
    }

    /// μ of the likelihood metric (never 0).
    var smoothing: Double { max(options.smoothing, 1e-9) }

    /// A shared feature's term in the likelihood: log(1 + strength / (μ·P(feature))), where
    /// P is the feature's share of all profiles' strength: rare features weigh more.
    func likelihoodTerm(_ feature: Int, _ strength: Double) -> Double {
        log(1 + strength / (smoothing * (background[feature] ?? unseenBackground)))
    }

    /// The inverse document frequency of a technique or software (object index).
    public func weight(of feature: Int) -> Double { idf[feature] ?? unseenIDF }

    /// Candidates ranked best first, with the evidence behind each of the first `top`.
    public func rank(_ observed: SimilarityCorpus.Evidence, top: Int? = nil, expected: Int = 10) -> [SimilarityMatch] {
        let scored = scores(observed)
        let limit = min(top ?? scored.count, scored.count)
        return scored.prefix(limit).map { i, score, cosine in
            explain(candidates[i], observed: observed, score: score, cosine: cosine, expected: expected)
        }
    }

    /// `(candidate position, score, cosine)` for every candidate, best first (ties by ATT&CK ID).
    func scores(_ observed: SimilarityCorpus.Evidence) -> [(Int, Double, Double)] {
        var result: [(Int, Double, Double)] = []
        result.reserveCapacity(candidates.count)
        switch options.metric {
        case .jaccard:
            let useSoftware = options.softwareWeight > 0
            for (i, c) in candidates.enumerated() {
                var inter = c.evidence.techniques.intersection(observed.techniques).count
                var union = c.evidence.techniques.union(observed.techniques).count
                if useSoftware {
                    inter += c.evidence.software.intersection(observed.software).count
                    union += c.evidence.software.union(observed.software).count
                }
                let j = union == 0 ? 0 : Double(inter) / Double(union)
                result.append((i, j, j))
            }
        case .likelihood:
            let q = Self.rawWeights(observed, corpus: corpus, options: options)
            let qMass = q.values.reduce(0, +)
            let qNorm = sqrt(q.reduce(0) { $0 + pow($1.value * weight(of: $1.key), 2) })
            for (i, c) in candidates.enumerated() {
                var log = 0.0
                var dot = 0.0
                for (f, v) in q {
                    guard let w = c.weights[f] else { continue }
                    log += v * likelihoodTerm(f, w)
                    dot += v * w * weight(of: f) * weight(of: f)
                }
                guard dot > 0, qMass > 0, c.norm > 0 else { result.append((i, 0, 0)); continue }
                log += qMass * Foundation.log(smoothing / (c.mass + smoothing))
                var score = exp(log / qMass)
                if options.completenessExponent > 0 {
                    score *= pow(completeness(of: c, observed: observed), options.completenessExponent)
                }
                result.append((i, score * c.prior, dot / (qNorm * c.norm)))
            }
        case .idfCosine:
            let q = Self.rawWeights(observed, corpus: corpus, options: options).map { ($0.key, $0.value * weight(of: $0.key)) }
            let qNorm = sqrt(q.reduce(0) { $0 + $1.1 * $1.1 })
            for (i, c) in candidates.enumerated() {
                var dot = 0.0
                for (f, v) in q {
                    if let w = c.weights[f] { dot += v * w * weight(of: f) }
                }
                guard dot > 0, qNorm > 0, c.norm > 0 else { result.append((i, 0, 0)); continue }
                var score = dot / (qNorm * pow(c.norm, options.profileNormExponent))
                if options.completenessExponent > 0 {
                    score *= pow(completeness(of: c, observed: observed), options.completenessExponent)
                }
                score *= c.prior
                result.append((i, score, dot / (qNorm * c.norm)))
            }
        }
        result.sort { a, b in
            a.1 != b.1 ? a.1 > b.1 : candidates[a.0].object.sortRank < candidates[b.0].object.sortRank
        }
        return result
    }

    /// The IDF-weighted share of the observation that a profile explains: 1 for an observed
    /// technique or software the profile holds, ``SimilarityOptions/parentCredit`` for a technique
    /// whose parent or sibling it holds, 0 otherwise.
    func completeness(of c: Candidate, observed: SimilarityCorpus.Evidence) -> Double {
        var explained = 0.0
        var total = 0.0
        for t in observed.techniques {
            let w = weight(of: t)
            total += w
            if c.evidence.techniques.contains(t) {
                explained += w
            } else if c.weights[corpus.parentOf[t] ?? t] != nil {
                explained += w * options.parentCredit
            }
        }
        if options.softwareWeight > 0 {
            for s in observed.software {
                let w = weight(of: s) * options.softwareWeight
                total += w
                if c.evidence.software.contains(s) { explained += w }
            }
        }
        return total > 0 ? explained / total : 0
    }

    static func byWeight(_ a: (AttackObject, Double), _ b: (AttackObject, Double)) -> Bool {
        a.1 != b.1 ? a.1 > b.1 : a.0.sortRank < b.0.sortRank
    }

    private func explain(_ c: Candidate, observed: SimilarityCorpus.Evidence, score: Double, cosine: Double, expected: Int) -> SimilarityMatch {
        let kb = corpus.kb
        let objects = { (s: Set<Int>) in s.map { kb.objects[$0] }.sorted { $0.sortRank < $1.sortRank } }
        let sharedTechniques = c.evidence.techniques.intersection(observed.techniques)
        // Observed sub-techniques whose parent or sibling the profile holds: partial matches.
        var partial: Set<Int> = []
        if options.parentCredit > 0 {
            let profileFamilies = Set(c.evidence.techniques.map { corpus.parentOf[$0] ?? $0 })
            for t in observed.techniques where !sharedTechniques.contains(t) {
                if profileFamilies.contains(corpus.parentOf[t] ?? t) { partial.insert(t) }
            }
        }
        let observedFamilies = Set(observed.techniques.compactMap { corpus.parentOf[$0] })
        let unobserved: [Int] = c.evidence.techniques.filter { !observed.techniques.contains($0) && !observedFamilies.contains($0) }
        let weighted: [(AttackObject, Double)] = unobserved.map { (kb.objects[$0], weight(of: $0)) }
        let next = weighted.sorted(by: Self.byWeight).prefix(expected)
        return SimilarityMatch(
            object: c.object, score: score, cosine: cosine,
            sharedTechniques: objects(sharedTechniques), partialTechniques: objects(partial),
            sharedSoftware: objects(c.evidence.software.intersection(observed.software)),
            expectedNext: next.map { SimilarityMatch.Expected(technique: $0.0, weight: $0.1) },
            profileTechniqueCount: c.evidence.techniques.count, profileSoftwareCount: c.evidence.software.count,
            completeness: completeness(of: c, observed: observed),
            contributions: contributions(of: c, observed: observed, score: score))
    }
}
