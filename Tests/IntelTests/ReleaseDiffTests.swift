import ATTACK
import Intel
import STIX
import TestSupport
import Testing

@Suite("Release diff")
struct ReleaseDiffTests {
    static func releases() throws -> (KnowledgeBase, KnowledgeBase) {
        var old = FixtureBundle()
        old.technique("T1001", "Stays", tactics: ["execution"])
        old.technique("T1002", "Renamed Old", tactics: ["execution"])
        old.technique("T1003", "Gets Revoked", tactics: ["execution"])
        old.technique("T1004", "Gets Deprecated", tactics: ["execution"])
        old.technique("T1005", "Gets Deleted", tactics: ["execution"])
        old.technique("T1006", "Patched", tactics: ["execution"])
        var new = FixtureBundle()
        new.technique("T1001", "Stays", tactics: ["execution"])
        new.technique("T1002", "Renamed New", tactics: ["execution", "persistence"])
        let revoked = new.technique("T1003", "Gets Revoked", tactics: ["execution"], revoked: true)
        new.technique("T1004", "Gets Deprecated", tactics: ["execution"], deprecated: true)
        new.technique("T1005", "Gets Deleted", tactics: ["execution"])
        new.technique("T1006", "Patched", tactics: ["execution"])
        let added = new.technique("T1007", "Brand New", tactics: ["execution"])
        new.relate(revoked, "revoked-by", added)
        // Same ids in both (the fixture numbers ids in order): adjust versions and dates.
        var objects = new.objects.filter { $0["name"]?.stringValue != "Gets Deleted" }
        for (i, o) in objects.enumerated() {
            guard var j = o.objectValue else { continue }
            if j["name"]?.stringValue == "Renamed New" { j["x_mitre_version"] = "2.0" }
            if j["name"]?.stringValue == "Patched" { j["modified"] = "2025-01-01T00:00:00.000Z" }
            objects[i] = .object(j)
        }
        let newKB = try KnowledgeBase(bundles: [STIXBundle.parse(Array(bundleJSON(objects).utf8), source: "new.json")])
        return (try old.knowledgeBase(source: "old.json"), newKB)
    }

    static func bundleJSON(_ objects: [JSONValue]) -> String {
        JSONValue.object(JSONObject([("type", "bundle"), ("id", "bundle--x"), ("objects", .array(objects))])).serialized()
    }

    @Test func classifiesEveryCategory() throws {
        let (old, new) = try Self.releases()
        let diff = ReleaseDiff(old: old, new: new)
        #expect(diff.changes(.techniques, .additions).map(\.object.attackID) == ["T1007"])
        #expect(diff.changes(.techniques, .majorVersionChanges).map(\.object.attackID) == ["T1002"])
        #expect(diff.changes(.techniques, .patches).map(\.object.attackID) == ["T1006"])
        #expect(diff.changes(.techniques, .revocations).first?.replacement?.attackID == "T1007")
        #expect(diff.changes(.techniques, .deprecations).map(\.object.attackID) == ["T1004"])
        #expect(diff.changes(.techniques, .deletions).map(\.object.attackID) == ["T1005"])
        #expect(diff.unchanged[.techniques] == 1)
        let renamed = try #require(diff.changes(.techniques, .majorVersionChanges).first)
        #expect(renamed.versionChange == "1.0 → 2.0")
        #expect(renamed.details.map(\.key) == ["name", "tactics", "description"])
    }

    @Test func outputsCarryTheSameCounts() throws {
        let (old, new) = try Self.releases()
        let diff = ReleaseDiff(old: old, new: new)
        let json = diff.json()
        #expect(json["counts"]?["techniques"]?["revocations"]?.doubleValue == 1)
        #expect(json["changes"]?["techniques"]?["revocations"]?[0]?["replaced_by"]?["id"]?.stringValue == "T1007")
        #expect(diff.markdown().contains("### Revocations (1)"))
        let html = diff.html()
        #expect(html.hasPrefix("<!DOCTYPE html>") && !html.contains("<script") && !html.contains("src=") && !html.contains("href="))
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func enterprise171To181MatchesTheIndependentCount() throws {
        let diff = ReleaseDiff(old: try SharedKnowledge.enterprise171.get(), new: try SharedKnowledge.enterprise181.get())
        // Figures of tools/intel/diff_check.py (json module) on the same bundles.
        #expect(diff.count(.techniques, .additions) == 12)
        #expect(diff.count(.techniques, .minorVersionChanges) == 58)
        #expect(diff.count(.techniques, .patches) == 533)
        #expect(diff.count(.datasources, .deprecations) == 37)
        #expect(diff.count(.analytics, .additions) == 1739)
    }
}
