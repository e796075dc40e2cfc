import ATTACK
import Intel
import TestSupport
import Testing

@Suite("Similarity ranking")
struct SimilarityTests {
    /// Two groups sharing a common technique; one has a rare one and a campaign.
    static func fixture() throws -> KnowledgeBase {
        var b = FixtureBundle()
        let execution = b.tactic("TA0002", "Execution", shortname: "execution")
        b.matrix(tactics: [execution])
        let common = b.technique("T1059", "Command and Scripting Interpreter", tactics: ["execution"])
        let ps = b.technique("T1059.001", "PowerShell", tactics: ["execution"])
        b.relate(ps, "subtechnique-of", common)
        let rare = b.technique("T1204", "User Execution", tactics: ["execution"])
        let other = b.technique("T1106", "Native API", tactics: ["execution"])
        let g1 = b.group("G0001", "Rare Bear")
        let g2 = b.group("G0002", "Common Panda")
        let g3 = b.group("G0003", "Third Kitten")
        let tool = b.software("S0001", "RareTool")
        let camp = b.campaign("C0001", "Operation Rare")
        b.relate(g1, "uses", common)
        b.relate(g1, "uses", rare)
        b.relate(g2, "uses", common)
        b.relate(g2, "uses", other)
        b.relate(g3, "uses", common)
        b.relate(g3, "uses", other)
        b.relate(camp, "attributed-to", g1)
        b.relate(camp, "uses", ps)
        b.relate(camp, "uses", tool)
        b.relate(tool, "uses", rare)
        return try b.knowledgeBase()
    }

    static func evidence(_ kb: KnowledgeBase, _ ids: [String], software: [String] = []) throws -> SimilarityCorpus.Evidence {
        SimilarityCorpus.Evidence(
            techniques: Set(try ids.map { try kb.resolve($0, kind: .technique).object.index }),
            software: Set(try software.map { try kb.resolve($0, kind: .software).object.index }))
    }

    @Test func rareTechniqueOutweighsCommonOne() throws {
        let kb = try Self.fixture()
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb))
        let ranked = index.rank(try Self.evidence(kb, ["T1059", "T1204"]))
        #expect(ranked.first?.object.attackID == "G0001")
        #expect(ranked.first?.sharedTechniques.map(\.attackID) == ["T1059", "T1204"])
        #expect(ranked.count == 3)
    }

    @Test func subtechniqueGetsPartialCreditThroughItsParent() throws {
        let kb = try Self.fixture()
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb), options: SimilarityOptions(parentCredit: 0.5))
        // Observed T1059.001 only: G0002 uses T1059 (its parent) and scores above zero.
        let corpus = SimilarityCorpus(kb: kb)
        let withoutCampaign = SimilarityIndex(corpus: corpus, excludingCampaigns: Set(corpus.campaigns.keys))
        let ranked = withoutCampaign.rank(try Self.evidence(kb, ["T1059.001"]))
        #expect(ranked.allSatisfy { $0.score > 0 })
        #expect(ranked.first?.partialTechniques.map(\.attackID) == ["T1059.001"])
        #expect(index.rank(try Self.evidence(kb, ["T1059.001"])).first?.object.attackID == "G0001")
    }

    @Test func expectedNextListsUnobservedTechniquesRarestFirst() throws {
        let kb = try Self.fixture()
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb))
        let top = try #require(index.rank(try Self.evidence(kb, ["T1059.001"]), top: 3).first { $0.object.attackID == "G0001" })
        // T1059 is left out: it is the parent of the observed T1059.001.
        #expect(top.expectedNext.map(\.technique.attackID) == ["T1204"])
        let fromParent = try #require(index.rank(try Self.evidence(kb, ["T1059"])).first { $0.object.attackID == "G0001" })
        #expect(fromParent.expectedNext.map(\.technique.attackID) == ["T1059.001", "T1204"])
    }

    @Test func softwareImpliesItsTechniques() throws {
        let kb = try Self.fixture()
        let corpus = SimilarityCorpus(kb: kb)
        let index = SimilarityIndex(corpus: corpus, options: SimilarityOptions(impliedWeight: 0.5), excludingCampaigns: Set(corpus.campaigns.keys))
        // RareTool is known to use T1204, which only G0001 uses.
        let ranked = index.rank(try Self.evidence(kb, [], software: ["RareTool"]))
        #expect(ranked.first?.object.attackID == "G0001")
    }

    @Test func excludedCampaignAddsNothingToItsGroup() throws {
        let kb = try Self.fixture()
        let corpus = SimilarityCorpus(kb: kb)
        let c = try #require(corpus.campaigns.keys.first)
        let g = try #require(corpus.groups.first { $0.group.attackID == "G0001" })
        #expect(corpus.evidence(of: g).techniques.count == 3)
        #expect(corpus.evidence(of: g, excluding: [c]).techniques.count == 2)
        let result = LeaveOneOut.evaluate(corpus: corpus, options: .jaccard)
        #expect(result.cases.map(\.campaign.attackID) == ["C0001"])
    }

    /// The activity prior multiplies a score by (1 + profile size)^β; the recency prior is 1 for
    /// the most recently recorded groups (here all were recorded the same day).
    @Test func activityAndRecencyPriorsScaleTheScore() throws {
        let kb = try Self.fixture()
        let corpus = SimilarityCorpus(kb: kb)
        let observed = try Self.evidence(kb, ["T1204"])
        func score(_ options: SimilarityOptions) throws -> Double {
            try #require(SimilarityIndex(corpus: corpus, options: options).rank(observed).first { $0.object.attackID == "G0001" }).score
        }
        let plain = try score(.default)
        // G0001: T1059, T1204, T1059.001 (its campaign's) and RareTool.
        #expect(abs(try score(SimilarityOptions(activityExponent: 0.5)) - plain * 5.0.squareRoot()) < 1e-9)
        #expect(abs(try score(SimilarityOptions(recencyHalfLife: 2)) - plain) < 1e-12)
        #expect(Set(corpus.groups.map(corpus.lastRecorded)).count == 1 && corpus.lastRecorded(corpus.groups[0]) > 19_000)
    }

    @Test func campaignsAreCandidatesOnRequest() throws {
        let kb = try Self.fixture()
        // With the plain cosine (γ 1) an exact match scores 1 and ranks first.
        let index = SimilarityIndex(corpus: SimilarityCorpus(kb: kb), options: SimilarityOptions(metric: .idfCosine, profileNormExponent: 1), candidates: .groupsAndCampaigns)
        let ranked = index.rank(try Self.evidence(kb, ["T1059.001"], software: ["S0001"]))
        #expect(ranked.first?.object.attackID == "C0001")
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func aGroupThatExplainsEverythingExactlyOutranksParentOnlyMatches() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let observed = try Self.evidence(kb, ["T1059.001", "T1059.005", "T1059.007"], software: ["S0002"])
        let ranked = SimilarityIndex(corpus: SimilarityCorpus(kb: kb)).rank(observed)
        let earthLusca = try #require(ranked.firstIndex { $0.object.attackID == "G1006" })
        let whitefly = try #require(ranked.firstIndex { $0.object.attackID == "G0107" })
        #expect(earthLusca < whitefly)
        #expect(ranked[earthLusca].completeness == 1)
        #expect(ranked[whitefly].sharedTechniques.isEmpty && ranked[whitefly].partialTechniques.count == 3)
        #expect(ranked[whitefly].explanation(observedTechniques: 3, observedSoftware: 1).hasPrefix("0 of 3 techniques exact, 3 only by parent or sibling, 1 of 1 software"))
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func leaveOneOutBeatsTheBaselinesOnEnterprise181() throws {
        let kb = try SharedKnowledge.enterprise181.get()
        let corpus = SimilarityCorpus(kb: kb)
        let jaccard = LeaveOneOut.evaluate(corpus: corpus, options: .jaccard)
        let cosine = LeaveOneOut.evaluate(corpus: corpus, options: .idfCosine)
        let ours = LeaveOneOut.evaluate(corpus: corpus, options: .default)
        #expect(ours.cases.count >= 20)
        #expect(ours.first > cosine.first && ours.first > jaccard.first)
        #expect(ours.topFive >= cosine.topFive)
    }
}
