import ATTACK
import Foundation
import Intel
import STIX
import TestSupport
import Testing

/// The evidence behind each rank (issue 21): IDF weighting, parent backoff, software evidence,
/// explanations; and the attribution figures on the shared releases.
@Suite("Attribution: weighted evidence and figures")
struct AttributionTests {
    typealias Fixture = SimilarityTests

    func match(_ ranked: [SimilarityMatch], _ id: String) throws -> SimilarityMatch {
        try #require(ranked.first { $0.object.attackID == id })
    }

    @Test func aRareTechniqueWeighsMoreThanACommonOne() throws {
        let kb = try Fixture.fixture()
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb))
        let g1 = try match(index.rank(try Fixture.evidence(kb, ["T1059", "T1204"])), "G0001")
        let common = try #require(g1.contributions.first { $0.object.attackID == "T1059" })
        let rare = try #require(g1.contributions.first { $0.object.attackID == "T1204" })
        // T1059 is in all 3 group profiles, T1204 in one: log(1 + 3/3) < log(1 + 3/1).
        #expect(abs(common.idf - log(2)) < 1e-9 && abs(rare.idf - log(4)) < 1e-9)
        #expect(rare.weight > 2 * common.weight)
        #expect(g1.contributions.first?.object.attackID == "T1204")
        #expect(common.match == .exact && rare.match == .exact)
    }

    @Test func aSubtechniqueBacksOffToItsParent() throws {
        let kb = try Fixture.fixture()
        let corpus = SimilarityCorpus(kb: kb)
        // Without the campaign no group uses T1059.001; G0002 is reached through T1059 alone.
        let index = SimilarityIndex(corpus: corpus, excludingCampaigns: Set(corpus.campaigns.keys))
        let g2 = try match(index.rank(try Fixture.evidence(kb, ["T1059.001"])), "G0002")
        #expect(g2.score > 0)
        #expect(g2.contributions.map(\.object.attackID) == ["T1059"])
        #expect(g2.contributions.first?.match == .parent)
        #expect(g2.why() == "~T1059 100%")
    }

    @Test func sharedSoftwareIsStrongEvidence() throws {
        let kb = try Fixture.fixture()
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb))
        let ranked = index.rank(try Fixture.evidence(kb, ["T1059"], software: ["RareTool"]))
        #expect(ranked.first?.object.attackID == "G0001")
        let top = try #require(ranked.first)
        #expect(top.contributions.first?.object.attackID == "S0001")
        #expect(top.contributions.first?.match == .software)
        #expect(top.contributions.contains { $0.object.attackID == "T1204" && $0.match == .implied })
        // The other groups share only the common technique (and RareTool's implied T1204, which they lack).
        let other = try match(ranked, "G0002")
        #expect(other.contributions.map(\.object.attackID) == ["T1059"])
        #expect(top.score > 2 * other.score)
    }

    @Test func contributionsAddUpToTheScoreAndReachTheJSON() throws {
        let kb = try Fixture.fixture()
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb))
        for m in index.rank(try Fixture.evidence(kb, ["T1059.001", "T1106"], software: ["RareTool"])) where m.score > 0 {
            #expect(abs(m.contributions.reduce(0) { $0 + $1.weight } - m.score) < 1e-9, "\(m.object.attackID)")
            #expect(zip(m.contributions, m.contributions.dropFirst()).allSatisfy { $0.weight >= $1.weight })
        }
        let m = try #require(index.rank(try Fixture.evidence(kb, ["T1059.001"], software: ["RareTool"])).first)
        guard case .object(let j) = m.json(rank: 1, observedTechniques: 1, observedSoftware: 1) else {
            Issue.record("not an object"); return
        }
        guard case .array(let evidence)? = j["evidence"], case .object(let first)? = evidence.first else {
            Issue.record("no evidence array"); return
        }
        #expect(first["id"] == .string(m.contributions[0].object.attackID))
        #expect(first["match"] == .string(m.contributions[0].match.rawValue))
        #expect(first["weight"] != nil && first["idf"] != nil && first["share"] != nil)
        #expect(j["why"] == .string(m.why()))
        // Today's fields stay.
        for key in ["rank", "id", "name", "type", "score", "cosine", "shared", "partial", "shared_software", "expected_next", "profile", "completeness", "explanation"] {
            #expect(j[key] != nil, "\(key)")
        }
    }

    @Test func jaccardContributionsShareTheScoreEqually() throws {
        let kb = try Fixture.fixture()
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb), options: .jaccard)
        let g1 = try match(index.rank(try Fixture.evidence(kb, ["T1059", "T1204"])), "G0001")
        #expect(g1.contributions.count == 2)
        #expect(g1.contributions.allSatisfy { abs($0.weight - g1.score / 2) < 1e-12 && $0.match == .exact })
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func leaveOneOutOnEnterprise181HoldsItsFloor() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let r = LeaveOneOut.evaluate(corpus: SimilarityCorpus(kb: kb), options: .default)
        #expect(r.cases.count == 24)
        #expect(r.first >= 16, "\(r)")
        #expect(r.topFive >= 17, "\(r)")
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func outOfTimeFrom140To181() throws {
        let old = try SharedKnowledge.enterprise140.get()
        let new = try SharedKnowledge.enterprise181.get()
        let observations = OutOfTime.observations(old: old, new: new)
        #expect(observations.count == 14)
        // Every observation is in the older release's terms.
        #expect(observations.allSatisfy { o in
            o.evidence.techniques.union(o.evidence.software).allSatisfy { old.objects[$0].isActive } && o.groups.allSatisfy { $0 === old.objects[$0.index] }
        })
        let corpus = SimilarityCorpus(kb: old)
        let ours = OutOfTime.evaluate(observations, corpus: corpus, options: .default)
        let tfidf = OutOfTime.evaluate(observations, corpus: corpus, options: .idfCosine)
        let previous = OutOfTime.evaluate(observations, corpus: corpus, options: .previous)
        // Measured: 5 first and 6 in the top 5 (the TF-IDF baseline and the previous default:
        // 3 and 5). The issue's top-5 goal (7) is not reached; this holds the measured floor.
        #expect(ours.first >= 5 && ours.topFive >= 6, "\(ours)")
        #expect(ours.first > tfidf.first && ours.first > previous.first, "\(ours) vs \(tfidf), \(previous)")
        #expect(ours.mrr > previous.mrr, "\(ours) vs \(previous)")
        let c0033 = try #require(ours.cases.first { $0.campaign.attackID == "C0033" })
        #expect(c0033.rank == 1)   // StrongPity alone: a rare software points at PROMETHIUM.
    }
}
