import Foundation
import ATTACK
import Testing
import TestSupport
@testable import Coverage

struct SectorGroupsTests {
    @Test func galaxyMatchesComeFirstThenDescriptions() throws {
        let kb = try FixtureKnowledgeBase.make()
        let folder = try TemporaryFolder(["threat-actor.json": """
            {"values": [
              {"value": "BEAR-1", "meta": {"synonyms": ["Fixture Bear"], "targeted-sector": ["Finance", "Energy"]}},
              {"value": "Unrelated", "meta": {"cfr-target-category": "Financial"}},
              {"value": "Paper Panda", "meta": {"cfr-target-category": ["Government"]}}
            ]}
            """])
        defer { folder.remove() }
        let galaxy = try ThreatActorGalaxy.read(path: folder.path + "/threat-actor.json")
        #expect(galaxy.dataFile == .init(role: "galaxy", name: "threat-actor.json", sha256: galaxy.sha256) && galaxy.sha256.count == 64)
        let selection = SectorGroups.select("Financial", galaxy: galaxy, knowledgeBase: kb)
        #expect(selection.map(\.group.attackID) == ["G0001", "G0002"])
        #expect(selection.map(\.reason.description) == [
            "MISP threat-actor 'BEAR-1' targets Finance", "its ATT&CK description mentions 'Financial'",
        ])
    }

    @Test func withoutAGalaxyDescriptionsStillCount() throws {
        let kb = try FixtureKnowledgeBase.make()
        let selection = SectorGroups.select("financial", galaxy: nil, knowledgeBase: kb)
        #expect(selection.map(\.group.attackID) == ["G0002"])
    }

    /// A galaxy that is not one says where: the line of a syntax error, the entry of a shape error.
    @Test func aBadGalaxyIsOneLineWithFileAndLine() throws {
        let source = "threat-actor.json"
        let syntax = #expect(throws: CoverageInputError.self) { try ThreatActorGalaxy(data: Data("{\n  x}".utf8), source: source) }
        #expect(syntax?.path == source && syntax?.line == 2 && syntax?.reason.hasPrefix("column 3: expected") == true)
        #expect(throws: CoverageInputError(path: source, line: 1, reason: "values[1]: expected an entry with a \"value\" name")) {
            try ThreatActorGalaxy(data: Data(#"{"values": [{"value": "A"}, {"meta": {}}]}"#.utf8), source: source)
        }
        #expect(throws: CoverageInputError(path: source, line: 1, reason: "expected a MISP galaxy cluster (an object with a \"values\" list)")) {
            try ThreatActorGalaxy(data: Data("[]".utf8), source: source)
        }
        let unreadable = #expect(throws: CoverageInputError.self) { try ThreatActorGalaxy.read(path: "/nonexistent/threat-actor.json") }
        #expect(unreadable?.description.hasPrefix("/nonexistent/threat-actor.json: cannot read the MISP galaxy") == true)
        let one = try ThreatActorGalaxy(data: Data(#"{"type": "threat-actor", "values": [{"value": "A", "meta": {"synonyms": "B", "targeted-sector": ["X"], "cfr-target-category": "Y"}}]}"#.utf8), source: source)
        #expect(one.type == "threat-actor" && one.actors == [.init(name: "A", synonyms: ["B"], sectors: ["X", "Y"])])
    }

    /// 14 groups tied through the galaxy and 32 more by description, counted with Python.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func financialGroupsInEnterprise18() throws {
        let kb = try ATTACKLoader.enterprise18()
        let galaxy = try ThreatActorGalaxy.read(path: SharedData.corpora.appendingPathComponent("misp-galaxy/clusters/threat-actor.json").path)
        let selection = SectorGroups.select("Financial", galaxy: galaxy, knowledgeBase: kb)
        #expect(selection.count(where: { $0.reason.description.hasPrefix("MISP") }) == 14)
        #expect(selection.count == 46)
        let chosen = try GroupSelection.choose(.sector("Financial"), galaxy: galaxy, knowledgeBase: kb)
        #expect(chosen.provenanceFiles.map(\.role) == ["galaxy"] && chosen.provenanceFiles.first?.sha256 == galaxy.sha256)
        #expect(try GroupSelection.choose(.named(["FIN7"]), galaxy: galaxy, knowledgeBase: kb).provenanceFiles.isEmpty, "named groups read no galaxy")
    }
}

/// Loads the shared Enterprise 18.1 bundle.
enum ATTACKLoader {
    static func enterprise18() throws -> KnowledgeBase {
        try KnowledgeBase.load(contentsOf: SharedData.bundle("enterprise-attack-18.1.json"))
    }
}
