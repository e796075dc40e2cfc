import Foundation
@testable import STIX
import TestSupport
import Testing

@Suite("STIX bundles")
struct STIXBundleTests {
    let minimal = """
        {"type": "bundle", "id": "bundle--1", "spec_version": "2.0", "objects": [
          {"type": "attack-pattern", "id": "attack-pattern--1", "name": "PowerShell",
           "external_references": [{"source_name": "mitre-attack", "external_id": "T1059.001", "url": "https://x"}],
           "kill_chain_phases": [{"kill_chain_name": "mitre-attack", "phase_name": "execution"}],
           "x_mitre_platforms": ["Windows"], "x_custom_field": {"kept": true}, "revoked": false},
          {"type": "relationship", "id": "relationship--1", "relationship_type": "uses",
           "source_ref": "intrusion-set--1", "target_ref": "attack-pattern--1", "description": "Used it."}
        ]}
        """

    @Test func readsTypedAndCustomProperties() throws {
        let b = try STIXBundle.parse(Data(minimal.utf8), source: "mini.json")
        #expect(b.specVersion == "2.0")
        #expect(b.objects.count == 2)
        let t = b.objects[0]
        #expect(t.type == "attack-pattern")
        #expect(t.name == "PowerShell")
        #expect(t.externalReferences.first?.externalID == "T1059.001")
        #expect(t.killChainPhases == [KillChainPhase(killChainName: "mitre-attack", phaseName: "execution")])
        #expect(t.properties["x_mitre_platforms"]?.stringArray == ["Windows"])
        #expect(t.properties["x_custom_field"]?["kept"]?.boolValue == true)
        #expect(t.offset > 0)
        let r = b.objects[1]
        #expect(r.relationshipType == "uses")
        #expect(r.sourceRef == "intrusion-set--1")
        #expect(r.description == "Used it.")
    }

    @Test func writesObjectsBackWithoutLosingCustomFields() throws {
        let b = try STIXBundle.parse(Data(minimal.utf8), source: "mini.json")
        let json = JSONValue.object(b.objects[0].json)
        #expect(json["x_custom_field"]?["kept"]?.boolValue == true)
        #expect(json["kill_chain_phases"]?[0]?["phase_name"]?.stringValue == "execution")
        #expect(json["external_references"]?[0]?["external_id"]?.stringValue == "T1059.001")
    }

    @Test func truncatedBundleNamesFileAndPosition() {
        let truncated = String(minimal.prefix(200))
        do {
            _ = try STIXBundle.parse(Data(truncated.utf8), source: "cut.json")
            Issue.record("a truncated bundle was accepted")
        } catch {
            #expect(error.source == "cut.json")
            #expect(error.offset != nil)
            #expect(error.line != nil)
            #expect(error.description.hasPrefix("cut.json: byte "))
            #expect(error.description.contains("found end of input"))
        }
    }

    @Test func nonJSONIsRefused() {
        #expect(throws: STIXError.self) { try STIXBundle.parse(Data("hello".utf8), source: "x.txt") }
    }

    @Test func emptyFileIsRefused() {
        do {
            _ = try STIXBundle.parse(Data(), source: "empty.json")
            Issue.record("an empty file was accepted")
        } catch {
            #expect(error.description == "empty.json: not a STIX bundle: the file is empty")
        }
    }

    @Test func jsonThatIsNotABundleIsRefused() {
        do {
            _ = try STIXBundle.parse(Data(#"{"type": "layer", "objects": []}"#.utf8), source: "l.json")
            Issue.record("a non-bundle was accepted")
        } catch {
            #expect(error.description == #"l.json: not a STIX bundle: its "type" is "layer", expected "bundle""#)
        }
        do {
            _ = try STIXBundle.parse(Data(#"{"type": "bundle"}"#.utf8), source: "b.json")
            Issue.record("a bundle without objects was accepted")
        } catch {
            #expect(error.description.contains("no \"objects\" array"))
        }
        #expect(throws: STIXError.self) { try STIXBundle.parse(Data("[1,2]".utf8), source: "a.json") }
    }

    @Test func objectWithoutIDOrTypeIsRefusedWithItsPosition() {
        let noID = #"{"type":"bundle","objects":[{"type":"attack-pattern","name":"x"}]}"#
        do {
            _ = try STIXBundle.parse(Data(noID.utf8), source: "n.json")
            Issue.record("an object without id was accepted")
        } catch {
            #expect(error.offset == 28)
            #expect(error.message == "object #1 has no \"id\"")
        }
        let noType = #"{"type":"bundle","objects":[{"id":"x--1"}]}"#
        do {
            _ = try STIXBundle.parse(Data(noType.utf8), source: "n.json")
            Issue.record("an object without type was accepted")
        } catch {
            #expect(error.objectID == "x--1")
        }
    }

    @Test func wrongPropertyTypeIsReported() {
        let bad = #"{"type":"bundle","objects":[{"type":"x","id":"x--1","revoked":"yes"}]}"#
        do {
            _ = try STIXBundle.parse(Data(bad.utf8), source: "b.json")
            Issue.record("a string 'revoked' was accepted")
        } catch {
            #expect(error.message.contains("\"revoked\" as true or false"))
        }
    }

    @Test func unreadableFileSaysSo() {
        do {
            _ = try STIXBundle.load(contentsOf: URL(fileURLWithPath: "/nonexistent/bundle.json"))
            Issue.record("a missing file was accepted")
        } catch {
            #expect(error.description.hasPrefix("/nonexistent/bundle.json: cannot read file"))
        }
    }

    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
    func everySharedBundleParsesWithTheSameObjectCountsAsAGenericReader() throws {
        for name in ["enterprise-attack-18.1.json", "ics-attack-18.1.json", "mobile-attack-18.1.json", "stix21/ics-attack-18.1.json", "stix21/mobile-attack-17.1.json"] {
            let url = SharedData.bundle(name)
            let bundle = try STIXBundle.load(contentsOf: url)
            let reference = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any]
            let objects = reference?["objects"] as? [[String: Any]] ?? []
            #expect(bundle.objects.count == objects.count, "\(name)")
            var mismatches: [String] = []
            for (mine, theirs) in zip(bundle.objects, objects) {
                let same = mine.id == theirs["id"] as? String && mine.type == theirs["type"] as? String
                    && (mine.name ?? "") == (theirs["name"] as? String ?? "")
                    && (mine.description ?? "") == (theirs["description"] as? String ?? "")
                    && mine.revoked == (theirs["revoked"] as? Bool ?? false)
                    && Set(mine.json.keys) == Set(theirs.keys)
                if !same { mismatches.append(mine.id) }
            }
            #expect(mismatches.isEmpty, "\(name): \(mismatches.count) objects differ, first \(mismatches.prefix(3))")
        }
    }
}

@Suite("Reading large bundles in parts")
struct ParallelReadingTests {
    /// A pretty-printed bundle over the size at which parts are read in parallel.
    func largeBundle(objects: Int) -> String {
        var parts: [String] = []
        for i in 0..<objects {
            parts.append("""
                        {
                            "type": "relationship",
                            "id": "relationship--\(i)",
                            "description": "\(String(repeating: "x", count: 2000)) {\\n not a mark",
                            "source_ref": "a--\(i)",
                            "target_ref": "b--\(i)"
                        }
                """)
        }
        return "{\n    \"type\": \"bundle\",\n    \"id\": \"bundle--1\",\n    \"objects\": [\n" + parts.joined(separator: ",\n") + "\n    ]\n}\n"
    }

    @Test func partsGiveTheSameObjectsInOrder() throws {
        let text = largeBundle(objects: 3000)
        #expect(text.utf8.count > 4 << 20)
        let bundle = try STIXBundle.parse(Data(text.utf8), source: "big.json")
        #expect(bundle.objects.count == 3000)
        #expect(bundle.objects.map(\.id) == (0..<3000).map { "relationship--\($0)" })
        #expect(bundle.id == "bundle--1")
    }

    @Test func anErrorLateInALargeBundleIsReportedExactly() throws {
        var text = largeBundle(objects: 3000)
        let marker = "\"target_ref\": \"b--2999\""
        let range = try #require(text.range(of: marker))
        text.replaceSubrange(range, with: "\"target_ref\": 42")
        do {
            _ = try STIXBundle.parse(Data(text.utf8), source: "big.json")
            Issue.record("a bad property was accepted")
        } catch {
            #expect(error.message == "expected target_ref as a string, found '4'")
            #expect(error.offset == text.utf8.distance(from: text.utf8.startIndex, to: range.lowerBound) + 14)
        }
    }
}
