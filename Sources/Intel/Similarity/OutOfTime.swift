import ATTACK

/// Measures attribution the way it is used: group profiles from an older release, campaigns
/// first published in a newer one.
///
/// A case is an active campaign of the newer release that the older one does not have (by STIX
/// ID), attributed in the newer release to a group the older one has. The observation is the
/// campaign's techniques and software as the newer release records them, carried back to the
/// older release by STIX ID: a sub-technique the older release lacks counts as its parent,
/// anything else it lacks is left out. The older release's index ranks all its groups; the rank
/// of the best-ranked attributed group is recorded (``LeaveOneOut/Case``). Nothing of the
/// newer release reaches the profiles or the document frequencies.
///
/// ```swift
/// let r = OutOfTime.evaluate(old: enterprise140, new: enterprise181, options: .default)
/// print(r.first, r.topFive, r.cases.count)   // e.g. 3 5 14
/// ```
public enum OutOfTime {
    /// One case before ranking: the campaign (newer release), the attributed groups and the
    /// observation (older release's object indexes).
    public struct Observation: Sendable {
        public let campaign: AttackObject
        public let groups: [AttackObject]
        public let evidence: SimilarityCorpus.Evidence
    }

    /// The cases of a release pair (see the type's documentation), in campaign ID order.
    public static func observations(old: KnowledgeBase, new: KnowledgeBase) -> [Observation] {
        let newCorpus = SimilarityCorpus(kb: new)
        func current(_ o: AttackObject) -> AttackObject? {
            guard let x = old.object(stixID: o.id), x.isActive else { return nil }
            return x
        }
        var result: [Observation] = []
        for c in new.objects(.campaign).sorted(by: { $0.sortRank < $1.sortRank }) where old.object(stixID: c.id) == nil {
            let groups = newCorpus.attributedGroups(ofCampaign: c.index).compactMap { current(new.objects[$0]) }
            guard !groups.isEmpty, let e = newCorpus.campaigns[c.index] else { continue }
            var evidence = SimilarityCorpus.Evidence()
            for t in e.techniques {
                let technique = new.objects[t]
                if let x = current(technique) {
                    evidence.techniques.insert(x.index)
                } else if let p = newCorpus.parentOf[t], let x = current(new.objects[p]) {
                    evidence.techniques.insert(x.index)
                }
            }
            for s in e.software {
                if let x = current(new.objects[s]) { evidence.software.insert(x.index) }
            }
            guard !(evidence.techniques.isEmpty && evidence.software.isEmpty) else { continue }
            result.append(Observation(campaign: c, groups: groups, evidence: evidence))
        }
        return result
    }

    /// Ranks the older release's groups for every case of the pair.
    public static func evaluate(old: KnowledgeBase, new: KnowledgeBase, options: SimilarityOptions) -> LeaveOneOut.Result {
        evaluate(observations(old: old, new: new), corpus: SimilarityCorpus(kb: old), options: options)
    }

    /// Ranks `corpus`'s groups (the older release) for already carried-back observations.
    public static func evaluate(_ observations: [Observation], corpus: SimilarityCorpus, options: SimilarityOptions) -> LeaveOneOut.Result {
        let index = SimilarityIndex(corpus: corpus, options: options, candidates: .groups)
        let cases = observations.map { o in
            let ranked = index.scores(o.evidence)
            let wanted = Set(o.groups.map(\.index))
            let rank = ranked.enumerated().first { wanted.contains(index.candidates[$0.element.0].object.index) }.map { $0.offset + 1 }
            return LeaveOneOut.Case(
                campaign: o.campaign, attributed: o.groups, rank: rank ?? index.candidates.count + 1,
                top: ranked.first.map { index.candidates[$0.0].object })
        }
        return LeaveOneOut.Result(options: options, cases: cases)
    }
}
