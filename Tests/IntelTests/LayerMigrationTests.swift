import ATTACK
import Intel
import Navigator
import TestSupport
import Testing

@Suite("Layer migration")
struct LayerMigrationTests {
    @Test func remapsMergesDropsAndFixesTactics() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()   // T1086 revoked by T1059.001; T1999 deprecated
        var layer = Layer(name: "old", domain: .enterprise)
        layer.versions = LayerVersions(attack: "14")
        layer.techniques = [
            LayerTechnique(techniqueID: "T1086", tactic: "execution", score: 3, comment: "from T1086"),
            LayerTechnique(techniqueID: "T1059.001", tactic: "execution", score: 5, comment: "seen"),
            LayerTechnique(techniqueID: "T1999", tactic: "execution", score: 1),
            LayerTechnique(techniqueID: "T4242", tactic: "execution", score: 1),
            LayerTechnique(techniqueID: "T1027", tactic: "execution", score: 2),
        ]
        let result = LayerMigration.migrate([layer], to: kb)
        let out = try #require(result.layers.first)
        #expect(out.techniques.map(\.techniqueID) == ["T1059.001", "T1027"])
        let merged = out.techniques[0]
        #expect(merged.score == 5)
        #expect(merged.comment == "from T1086; seen")
        #expect(out.techniques[1].tactic == "defense-evasion")
        #expect(out.versions?.attack == kb.attackVersion)
        let kinds = result.changes.map(\.kind)
        #expect(kinds.contains(.remapped) && kinds.contains(.merged) && kinds.contains(.deprecated))
        #expect(kinds.contains(.unknown) && kinds.contains(.tacticCorrected) && kinds.contains(.versionUpdated))
        #expect(result.changes.first { $0.kind == .remapped }?.newTechniqueID == "T1059.001")
    }

    @Test func unchangedLayerRecordsOnlyTheVersion() throws {
        let kb = try FixtureBundle.sample().knowledgeBase()
        let layer = Layer(name: "ok", domain: .enterprise, techniques: [LayerTechnique(techniqueID: "T1027", tactic: "defense-evasion", score: 1)])
        let result = LayerMigration.migrate([layer], to: kb)
        #expect(result.layers.first?.techniques == layer.techniques)
        #expect(result.changes.allSatisfy { $0.kind == .versionUpdated })
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func migratesA140LayerTo181() throws {
        let old = try SharedKnowledge.enterprise140.get()
        let new = try SharedKnowledge.enterprise181.get()
        // Every technique of 14.0, including those revoked or deprecated since.
        let layer = Layer(name: "all 14.0", domain: .enterprise, techniques: old.objects(.technique).flatMap { t in
            t.tacticShortnames.map { LayerTechnique(techniqueID: t.attackID, tactic: $0, score: 1) }
        })
        let result = LayerMigration.migrate([layer], to: new)
        let migrated = try #require(result.layers.first)
        for e in migrated.techniques {
            let active = new.objects(attackID: e.techniqueID).filter(\.isActive)
            let t = try #require(active.first)
            #expect(t.tacticShortnames.contains(e.tactic ?? ""))
        }
        #expect(migrated.versions?.attack == "18.1")
    }
}
