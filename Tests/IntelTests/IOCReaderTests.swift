import ATTACK
import Intel
import TestSupport
import Testing

@Suite("IOC reading and linking")
struct IOCReaderTests {
    static let stix = #"""
    {"type": "bundle", "id": "bundle--1", "objects": [
      {"type": "indicator", "spec_version": "2.1", "id": "indicator--1", "pattern": "[ipv4-addr:value = '198.51.100.7']", "pattern_type": "stix"},
      {"type": "attack-pattern", "spec_version": "2.1", "id": "attack-pattern--1", "name": "PowerShell",
       "external_references": [{"source_name": "mitre-attack", "external_id": "T1086"}]},
      {"type": "intrusion-set", "spec_version": "2.1", "id": "intrusion-set--1", "name": "Test Bear"},
      {"type": "relationship", "spec_version": "2.1", "id": "relationship--1", "relationship_type": "indicates", "source_ref": "indicator--1", "target_ref": "attack-pattern--1"},
      {"type": "relationship", "spec_version": "2.1", "id": "relationship--2", "relationship_type": "indicates", "source_ref": "indicator--1", "target_ref": "intrusion-set--1"},
      {"type": "sighting", "spec_version": "2.1", "id": "sighting--1", "sighting_of_ref": "indicator--1", "count": 3}
    ]}
    """#

    static let misp = #"""
    {"Event": {"info": "test", "Tag": [{"name": "misp-galaxy:threat-actor=\"APT Test\""}],
      "Attribute": [{"type": "domain", "value": "evil.example.com",
        "Tag": [{"name": "misp-galaxy:mitre-attack-pattern=\"PowerShell - T1059.001\""}, {"name": "tlp:white"}]}],
      "Object": [{"Attribute": [{"type": "sha256", "value": "abc123", "Galaxy": [{"GalaxyCluster": [{"value": "EvilTool - S0001"}]}]}]}]}}
    """#

    @Test func stixIndicatorsLinkThroughRelationshipsWithSightings() throws {
        let records = try IOCReader.read(Array(Self.stix.utf8), source: "b.json")
        #expect(records == [IOCRecord(value: "198.51.100.7", type: "ipv4-addr", references: ["T1086", "Test Bear"], sightings: 3)])
        let linked = IOCLinker(knowledgeBases: [try FixtureBundle.sample().knowledgeBase()]).link(records)
        #expect(linked[0].objects.map(\.object.attackID) == ["T1059.001", "G0001"])
        #expect(linked[0].notes == ["T1086 was revoked by T1059.001 (PowerShell)"] || linked[0].notes.count == 1)
        #expect(records[0].defanged == "198[.]51[.]100[.]7")
    }

    @Test func stixBrokenReferenceIsAnError() {
        let broken = Self.stix.replacingOccurrences(of: #""target_ref": "intrusion-set--1""#, with: #""target_ref": "intrusion-set--9""#)
        #expect(throws: IOCError.self) { try IOCReader.read(Array(broken.utf8), source: "b.json") }
        do {
            _ = try IOCReader.read(Array(broken.utf8), source: "b.json")
        } catch {
            #expect(error.description == "b.json: relationship--2: refers to intrusion-set--9, which is not in the bundle")
        }
    }

    @Test func mispTagsAndGalaxiesBecomeReferences() throws {
        let records = try IOCReader.read(Array(Self.misp.utf8), source: "e.json")
        #expect(records.map(\.value) == ["evil.example.com", "abc123"])
        #expect(records[0].references == ["APT Test", "T1059.001"])
        #expect(records[1].references == ["APT Test", "S0001"])
        let linked = IOCLinker(knowledgeBases: [try FixtureBundle.sample().knowledgeBase()]).link(records)
        #expect(linked[1].objects.map(\.object.attackID) == ["G0001", "S0001"])
    }

    @Test func mispFileThatIsNotAnEventIsAnError() {
        #expect(throws: IOCError(source: "x.json", message: "not a MISP event export (no \"Event\" object) and not a STIX bundle")) {
            try IOCReader.read(Array(#"{"name": "a galaxy", "values": []}"#.utf8), source: "x.json")
        }
    }

    @Test func csvWithQuotedFields() throws {
        let csv = "ioc,type,techniques,malware\n\"http://a.example/x,y\",url,T1059.001;T9999,EvilTool\n1.2.3.4,ip,,\n"
        let records = try IOCReader.read(Array(csv.utf8), source: "i.csv")
        #expect(records.count == 2)
        #expect(records[0].value == "http://a.example/x,y")
        #expect(records[0].references == ["T1059.001", "T9999", "EvilTool"])
        let linked = IOCLinker(knowledgeBases: [try FixtureBundle.sample().knowledgeBase()]).link(records)
        #expect(linked[0].unresolved == ["T9999"])
        #expect(records[0].defanged == "hxxp://a[.]example/x,y")
    }
}
